/** `--log-level` as both long-running commands (`gateway run`, `node run`) declare it. */
export const LOG_LEVEL_OPTION = ['--log-level <level>', 'trace, debug, info (default), warn, error, fatal or silent (default $OPENCLAW_LOG_LEVEL)'] as const;
