import type { PrometheusText } from './prometheus-text.js';

/** Tool names come from routed commands and callers from paired devices; a cap still bounds the label sets. */
const MAX_SERIES = 512;
const OTHER = '_other';

/** MCP tool calls by tool, outcome and caller (`token`, `none`, `device:<id>`), and the sessions open now. */
export class McpMetrics {
  private readonly calls = new Map<string, { tool: string; outcome: string; caller: string; count: number }>();
  sessions = 0;

  record(tool: string, outcome: 'ok' | 'error', caller: string): void {
    // The MCP server labels names it does not offer `_unknown`; anything else tool-shaped is refused here too.
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(tool)) tool = '_unknown';
    let key = `${tool}\n${outcome}\n${caller}`;
    if (!this.calls.has(key) && this.calls.size >= MAX_SERIES) {
      key = `${OTHER}\n${outcome}\n${OTHER}`;
      tool = OTHER;
      caller = OTHER;
    }
    const series = this.calls.get(key) ?? { tool, outcome, caller, count: 0 };
    series.count++;
    this.calls.set(key, series);
  }

  write(out: PrometheusText): void {
    out.family('openclaw_mcp_tool_calls_total', 'counter', 'MCP tool calls over /mcp and through openclaw mcp serve (its node.invoke and tools.invoke requests), by tool, outcome (ok, error) and caller (token, none, device:<id>).');
    for (const { tool, outcome, caller, count } of this.calls.values()) out.sample('openclaw_mcp_tool_calls_total', count, { tool, outcome, caller });
    out.family('openclaw_mcp_sessions', 'gauge', 'MCP Streamable HTTP sessions open now.').sample('openclaw_mcp_sessions', this.sessions);
  }
}
