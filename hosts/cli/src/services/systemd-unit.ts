import { OpenClawError } from '@openclaw-nodes/core/errors';
import { SERVICE_NAMES, type ServiceSpec } from './service-spec.js';

// systemd 252 (Debian 12) has no RestartSteps/RestartMaxDelaySec: the backoff is a fixed
// delay plus a start limit, so a host that cannot start stops being retried after 5 tries
// in 10 minutes instead of looping forever.
const RESTART_SEC = 5;
const START_LIMIT_INTERVAL_SEC = 600;
const START_LIMIT_BURST = 5;

/** Refuses what no unit line can hold: a line break would start a new directive. */
function checkPrintable(value: string, what: string): string {
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new OpenClawError('CLI_USAGE', `${what} contains a control character, which a systemd unit cannot hold: ${JSON.stringify(value)}`);
  return value;
}

/** `%` starts a specifier in every setting that takes a path or string (systemd.unit(5)). */
const escapeSpecifiers = (value: string): string => value.replace(/%/g, '%%');

/**
 * One ExecStart= argument, always double-quoted (systemd.syntax(7)): `\` and `"` are
 * backslash-escaped, `%` doubled (specifiers) and `$` doubled (variable expansion).
 *
 * @example
 * execArgument('Build 100% $HOME'); // '"Build 100%% $$HOME"'
 */
export function execArgument(value: string): string {
  const escaped = escapeSpecifiers(checkPrintable(value, 'a command argument').replace(/[\\"]/g, (c) => `\\${c}`)).replace(/\$/g, '$$$$');
  return `"${escaped}"`;
}

/** One `Environment=` assignment, quoted; `$` is not expanded there, so it stays as is. */
export function environmentAssignment(name: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new OpenClawError('CLI_USAGE', `not an environment variable name: ${name}`);
  return `"${escapeSpecifiers(`${name}=${checkPrintable(value, name)}`.replace(/[\\"]/g, (c) => `\\${c}`))}"`;
}

/**
 * The systemd user unit for `spec`: ExecStart with every argument quoted, the plain
 * variables in `Environment=`, the secrets only through `EnvironmentFile=`, restarts on
 * failure with a start limit, enabled for `default.target` (starts at login, or at boot
 * with `loginctl enable-linger`).
 *
 * @example
 * buildSystemdUnit({ kind: 'node', command: ['/usr/bin/node', '/opt/openclaw.js', 'node', 'run'], environment: { OPENCLAW_STATE_DIR: '/home/u/.openclaw' }, envFile: '/home/u/.openclaw/openclaw-node.env', stateDir: '/home/u/.openclaw' });
 */
export function buildSystemdUnit(spec: ServiceSpec): string {
  const environment = Object.entries(spec.environment).map(([name, value]) => `Environment=${environmentAssignment(name, value)}`);
  return [
    '[Unit]',
    `Description=${SERVICE_NAMES[spec.kind].description}`,
    'After=network-online.target',
    'Wants=network-online.target',
    `StartLimitIntervalSec=${START_LIMIT_INTERVAL_SEC}`,
    `StartLimitBurst=${START_LIMIT_BURST}`,
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${spec.command.map(execArgument).join(' ')}`,
    ...environment,
    `EnvironmentFile=${escapeSpecifiers(checkPrintable(spec.envFile, 'the environment file path'))}`,
    'WorkingDirectory=%h',
    'Restart=on-failure',
    `RestartSec=${RESTART_SEC}`,
    // SIGTERM makes both hosts close their connections and stop their plugins.
    'KillMode=mixed',
    'TimeoutStopSec=20',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}
