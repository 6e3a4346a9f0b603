import { injectable } from '../di.js';
import { PluginHost } from './plugin-host.js';

/** What a node claims in its `connect` request (PROTOCOL.md section 2.2). */
export interface NodeClaims {
  readonly caps: string[];
  readonly commands: string[];
  /** Omitted when no plugin reports permissions, as the real node host does. */
  readonly permissions?: Record<string, boolean>;
}

/**
 * The command surface a node host announces, read from its running plugins. Resolved from
 * the host container; the constructor is injected from emitted `design:paramtypes`, which
 * is why the built output is tested for that metadata.
 *
 * @example
 * const claims = await container.resolve(NodeSurface).claims();
 * connectParams = { ...connectParams, ...claims };
 */
@injectable()
export class NodeSurface {
  constructor(private readonly plugins: PluginHost) {}

  async claims(): Promise<NodeClaims> {
    const permissions = await this.plugins.permissions();
    const claims = { caps: this.plugins.caps(), commands: this.plugins.commands() };
    return Object.keys(permissions).length === 0 ? claims : { ...claims, permissions };
  }
}
