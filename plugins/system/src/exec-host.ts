import { homedir } from 'node:os';
import {
  DEFAULT_AGENT_ID,
  DEFAULT_SAFE_BINS,
  execSection,
  isExecAsk,
  isExecSecurity,
  maxAsk,
  minSecurity,
  resolveExecPolicy,
  trustedDirs,
  type ExecConfigView,
  type ExecPolicy,
} from '@openclaw-nodes/core/exec';
import type { ApprovalsStore } from './approvals-store.js';
import type { RunningGroups } from './running-groups.js';

/** What a node's exec enforcement reads from the machine it runs on. */
export interface ExecHostOptions {
  readonly store: ApprovalsStore;
  /** This machine's own `openclaw.json`, read on every call so edits apply without a restart. */
  readonly config: () => ExecConfigView | undefined;
  /** The environment the host process started with; commands get a sanitised copy. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly home?: string;
  /** Argv prefix that ties a command to this host's life (`parentDeathLauncher()`); none when empty. */
  readonly launcher?: readonly string[];
  /** Where running commands' process groups are recorded, to be reaped after a crash. */
  readonly running?: RunningGroups;
}

/** The policy inputs of one call: which agent, and how far the caller tightens it. */
export interface PolicyRequest {
  readonly agentId?: string;
  readonly security?: string;
  readonly ask?: string;
}

/**
 * The node-local side of exec approvals: this machine's approvals file, its own config
 * (fallbacks and safe bins, EXEC.md 4.1 and 7.5) and its start-up environment, which alone
 * decides which directories are trusted.
 */
export class ExecHost {
  readonly store: ApprovalsStore;
  readonly home: string;
  readonly trusted: ReadonlySet<string>;

  constructor(private readonly options: ExecHostOptions) {
    this.store = options.store;
    this.home = options.home ?? options.env.HOME ?? homedir();
    this.trusted = trustedDirs(options.env.PATH);
  }

  get env(): Readonly<Record<string, string | undefined>> {
    return this.options.env;
  }

  get cwd(): string {
    return this.options.cwd;
  }

  get launcher(): readonly string[] {
    return this.options.launcher ?? [];
  }

  get running(): RunningGroups | undefined {
    return this.options.running;
  }

  /**
   * The effective policy: the approvals file over this machine's `tools.exec` fallbacks
   * (default allowlist / on-miss), then tightened — never loosened — by the request.
   */
  async policy(request: PolicyRequest): Promise<{ policy: ExecPolicy; safeBins: readonly string[]; agentId: string }> {
    const agentId = request.agentId ?? DEFAULT_AGENT_ID;
    const section = execSection(this.options.config(), agentId);
    const { file } = await this.store.read();
    const resolved = resolveExecPolicy(file, agentId, {
      security: isExecSecurity(section.security) ? section.security : 'allowlist',
      ask: isExecAsk(section.ask) ? section.ask : 'on-miss',
    });
    const policy: ExecPolicy = {
      ...resolved,
      security: isExecSecurity(request.security) ? minSecurity(resolved.security, request.security) : resolved.security,
      ask: isExecAsk(request.ask) ? maxAsk(resolved.ask, request.ask) : resolved.ask,
    };
    return { policy, safeBins: section.safeBins ?? DEFAULT_SAFE_BINS, agentId };
  }
}
