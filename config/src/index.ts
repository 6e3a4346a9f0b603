/**
 * @module
 * @openclaw-nodes/config: the `openclaw.json` schema, file discovery, environment
 * overrides, and editing by key path (`agents.list[0].tools.exec.node`).
 */
export { configSchema, type OpenClawConfig, type OpenClawConfigInput, type AgentConfig, type NodeHostConfig } from './config-schema.js';
export {
  execHostSchema,
  execSecuritySchema,
  execAskSchema,
  type ExecHost,
  type ExecSecurity,
  type ExecAsk,
  type ExecConfig,
  type AgentExecConfig,
} from './exec-config-schema.js';
export { type GatewayConfig } from './gateway-config-schema.js';
export { pluginSettings, type PluginSettings } from './plugin-settings.js';
export { loadConfig, readRawConfig, type LoadConfigOptions, type LoadedConfig, type RawConfig, type ConfigSource } from './load-config.js';
export { validateConfig, type ConfigIssue, type ValidateConfigOptions, type ValidatedConfig } from './validate-config.js';
export { envReferences, expandEnvVars, type ExpandEnvVarsOptions } from './expand-env-vars.js';
export { REDACTED, secret, secretFields, isSecretKeyName } from './secret-fields.js';
export { redactSecrets, isSecretPath } from './redact-secrets.js';
export { applyEnvOverrides, type EnvOverrideResult } from './apply-env-overrides.js';
export { resolveStateDir, resolveConfigFilePath, CONFIG_FILE_NAME, type StateDirOptions, type ConfigFileOptions } from './state-dir.js';
export { findProjectConfig, PROJECT_CONFIG_FILES, type ProjectConfig } from './find-project-config.js';
export { parseJson5 } from './parse-json5.js';
export { parseConfigPath, formatConfigPath, type ConfigPath } from './config-path.js';
export { getConfigValue, setConfigValue, unsetConfigValue } from './config-value.js';
export { setConfigKey, DEFAULT_AGENT_ID } from './set-config-key.js';
export { parseConfigValue, type ParseConfigValueOptions } from './parse-config-value.js';
export { editConfigFile, type EditConfigFileOptions, type EditedConfig } from './edit-config-file.js';
