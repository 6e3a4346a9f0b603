import { OpenClawError } from '../errors.js';
import type { CommandHandler, CommandSpec, InvokeContext } from './contract.js';
import { formatIssues } from './format-issues.js';
import { pluginFailure, type FailureOwner } from './plugin-failure.js';

/** One routable command: its declared spec and the handler that serves it. */
export interface CommandRoute {
  readonly spec: CommandSpec;
  readonly handler: CommandHandler;
  /** The plugin serving the command and the error codes it declares. */
  readonly owner: FailureOwner;
}

export interface CommandRouterOptions {
  /** Whether the host has a display; without one, commands marked `foreground` are refused. */
  readonly hasDisplay?: boolean;
}

/**
 * The node-side invoke path: lookup, foreground rule, params check, handler, result check. Built once when
 * plugins have started, so a call costs one Map lookup plus the two schema checks.
 * Schemas must be synchronous (no async refinements): async parsing would double the cost.
 *
 * @example
 * const router = new CommandRouter([['system.which', { spec: whichCommand, handler, owner: { plugin: 'system' } }]]);
 * await router.invoke('system.which', { bins: ['sh'] }, ctx);
 */
export class CommandRouter {
  readonly #routes: ReadonlyMap<string, CommandRoute>;
  readonly #hasDisplay: boolean;

  constructor(routes: Iterable<readonly [string, CommandRoute]>, options: CommandRouterOptions = {}) {
    this.#routes = new Map(routes);
    this.#hasDisplay = options.hasDisplay ?? true;
  }

  has(command: string): boolean {
    return this.#routes.has(command);
  }

  async invoke(command: string, rawParams: unknown, ctx: InvokeContext): Promise<unknown> {
    const route = this.#routes.get(command);
    if (route === undefined) throw new OpenClawError('COMMAND_NOT_SUPPORTED', 'command not supported');
    // Before any other check, as mobile nodes do (COMMANDS.md 1.4): bad params are not worth
    // reporting to a caller who cannot use the command right now anyway.
    if (route.spec.foreground === true && !this.#hasDisplay) {
      const cap = command.slice(0, command.indexOf('.'));
      throw new OpenClawError('NODE_BACKGROUND_UNAVAILABLE', `NODE_BACKGROUND_UNAVAILABLE: ${cap} needs a display`, { details: { command } });
    }
    const params = route.spec.params.safeParse(rawParams);
    if (!params.success) {
      throw new OpenClawError('INVALID_REQUEST', `INVALID_REQUEST: ${formatIssues(params.error.issues).join('; ')}`);
    }
    let result: unknown;
    try {
      result = await route.handler(params.data, ctx);
    } catch (err) {
      throw pluginFailure(err, route.owner, 'NODE_INVOKE_FAILED');
    }
    // A plugin bug must not ship malformed data to the gateway; the zod error stays in `cause`.
    const checked = route.spec.result.safeParse(result);
    if (!checked.success) throw new OpenClawError('NODE_INVOKE_FAILED', 'node invocation failed', { cause: checked.error });
    return checked.data;
  }
}
