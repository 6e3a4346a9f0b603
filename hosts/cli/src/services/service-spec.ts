/** Which program a service runs: the node host (`node run`) or the gateway (`gateway run`). */
export type ServiceKind = 'node' | 'gateway';

/** What a service runs, independent of the service manager that runs it. */
export interface ServiceSpec {
  kind: ServiceKind;
  /**
   * The command line, absolute paths first: `[<node>, <openclaw bin>, 'node', 'run', ...]`.
   * Each element is one argument, never split or expanded by a shell.
   */
  command: string[];
  /** Plain variables the program needs (`OPENCLAW_STATE_DIR`, `OPENCLAW_CONFIG_PATH`); no secret. */
  environment: Record<string, string>;
  /** The 0600 file holding the secrets (`OPENCLAW_GATEWAY_TOKEN`); the service file names it only. */
  envFile: string;
  /** The state dir the program uses: launchd and Task Scheduler keep their log beside it. */
  stateDir: string;
}

/** Names of the two services as each manager knows them. */
export const SERVICE_NAMES: Record<ServiceKind, { systemd: string; launchd: string; task: string; title: string; description: string }> = {
  node: { systemd: 'openclaw-node.service', launchd: 'ai.openclaw.node', task: 'OpenClaw Node', title: 'Node', description: 'OpenClaw node host' },
  gateway: { systemd: 'openclaw-gateway.service', launchd: 'ai.openclaw.gateway', task: 'OpenClaw Gateway', title: 'Gateway', description: 'OpenClaw gateway' },
};

/** The env file of a kind of service, in its state dir. */
export const envFileName = (kind: ServiceKind): string => `openclaw-${kind}.env`;
