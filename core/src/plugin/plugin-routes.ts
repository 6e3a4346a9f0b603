import type { DependencyContainer } from '../di.js';
import { CommandRouter, type CommandRouterOptions } from './command-router.js';
import type { CommandSpec, ResultProcessor } from './contract.js';
import type { FailureOwner } from './plugin-failure.js';
import type { PluginSideName, PluginSlot } from './plugin-slot.js';

/** The lookup tables a host answers from, built once per start so calls never scan plugins. */
export interface PluginRoutes {
  readonly router: CommandRouter;
  readonly specs: ReadonlyMap<string, CommandSpec>;
  readonly processors: ReadonlyMap<string, OwnedProcessor>;
}

/** A gateway-side result processor with the plugin it belongs to and that plugin's container. */
export interface OwnedProcessor {
  readonly process: ResultProcessor;
  readonly owner: FailureOwner;
  readonly container: DependencyContainer;
}

export const NO_ROUTES: PluginRoutes = { router: new CommandRouter([]), specs: new Map(), processors: new Map() };

/**
 * Builds the routes of the plugins serving a side: node-side handlers for invokes, every
 * declared spec, and on a gateway the plugins' result processors.
 */
export function buildRoutes(serving: readonly PluginSlot[], side: PluginSideName, options?: CommandRouterOptions): PluginRoutes {
  const specs = new Map(serving.flatMap(({ plugin }) => plugin.commands.map((spec) => [spec.name, spec] as const)));
  const router = new CommandRouter(
    serving.flatMap(({ plugin, handlers }) =>
      handlers === undefined
        ? []
        : plugin.commands.map((spec) => [spec.name, { spec, handler: handlers[spec.name], owner: { plugin: plugin.name, errors: plugin.errors } }] as const),
    ),
    options,
  );
  const processors = new Map(
    side === 'gateway'
      ? serving.flatMap(({ plugin, container }) =>
          Object.entries(plugin.gateway?.postProcess ?? {}).map(([command, process]) => [command, { process, container, owner: { plugin: plugin.name, errors: plugin.errors } }] as const),
        )
      : [],
  );
  return { router, specs, processors };
}
