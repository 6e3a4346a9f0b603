import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { GatewayPort, PortNode } from './gateway-port.js';
import { buildTools, listed, type NodeTool } from './tool-list.js';

/** Events after which the routed commands may differ. */
const CHANGES: ReadonlySet<string> = new Set(['node.connected', 'node.disconnected', 'node.surface', 'node.pair.resolved', 'nodes.changed']);
/** Events often come in bursts (a node connects, then its surface): one refresh for them all. */
const SETTLE_MS = 150;

/**
 * The tools a caller has now, rebuilt from `node.list` on `tools/list` and after node events;
 * `onChanged` is called when the list (names or schemas) differs from the one last built.
 */
export class ToolCatalog {
  private tools: Map<string, NodeTool | undefined> | undefined;
  private signature = '';
  private timer: NodeJS.Timeout | undefined;
  private readonly off: () => void;

  constructor(
    private readonly port: GatewayPort,
    private readonly onChanged: () => void,
  ) {
    this.off = port.subscribe((event) => {
      if (!CHANGES.has(event) || this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.refresh().catch(() => {});
      }, SETTLE_MS);
    });
  }

  /** The `tools/list` answer, from the gateway's node list now. */
  async list(): Promise<Tool[]> {
    return listed(await this.refresh());
  }

  /** The generated tool `name` (undefined for the fixed ones and unknown names), refreshed once when unknown. */
  async entry(name: string): Promise<NodeTool | undefined> {
    const tools = this.tools?.has(name) ? this.tools : await this.refresh();
    return tools.get(name);
  }

  close(): void {
    this.off();
    clearTimeout(this.timer);
  }

  private async refresh(): Promise<Map<string, NodeTool | undefined>> {
    const canWrite = this.port.hasScope('operator.write');
    const nodes = canWrite ? ((await this.port.call('node.list', {})) as { nodes: PortNode[] }).nodes : [];
    const tools = buildTools(nodes, (command) => this.port.commandSpec(command), canWrite);
    const signature = JSON.stringify(listed(tools));
    const changed = this.tools !== undefined && signature !== this.signature;
    this.tools = tools;
    this.signature = signature;
    if (changed) this.onChanged();
    return tools;
  }
}
