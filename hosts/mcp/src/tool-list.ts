import { z } from 'zod';
import type { CommandSpec } from '@openclaw-nodes/core/plugin';
import { mcpToolName } from '@openclaw-nodes/core/protocol';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { PortNode } from './gateway-port.js';
import { NODE_PROPERTY, toolInput, type ToolInput } from './tool-schema.js';
import { SYSTEM_RUN_DESCRIPTION, systemRunArgs } from './system-run-tool.js';

/** What a generated tool runs: a node command (`node.invoke`), or `system.run` through the exec tool. */
export interface NodeTool {
  readonly tool: Tool;
  readonly command: string;
  readonly shape: ToolInput['shape'] | 'exec';
  /** Validates the command params before they leave this process; undefined when no plugin here describes them. */
  readonly spec?: CommandSpec;
}

/** Commands only the gateway's approval flow sends (`node.invoke` refuses `system.execApprovals.*`); `system_run` covers them. */
const INTERNAL = (command: string) => command === 'system.run.prepare' || command.startsWith('system.execApprovals.');
/** `system.which` → `system_which` (the gateway counts `openclaw mcp serve` calls under the same names). */
export const toolName = mcpToolName;

const FIXED: readonly Tool[] = [
  {
    name: 'nodes_list',
    title: 'List nodes',
    description:
      'Lists the paired and connected nodes with their platform, connection state and the commands the gateway routes to each. Each command is a tool here (`.` as `_`), except system.run.prepare and system.execApprovals.* (system_run covers them) and commands whose tool names would collide, which are listed as without a tool.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  {
    name: 'node_describe',
    title: 'Describe a node',
    description: 'Describes one node: identity, platform, permissions, approved commands and plugins.',
    inputSchema: { type: 'object', properties: { node: NODE_PROPERTY }, required: ['node'], additionalProperties: false },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
];

/** The fixed tools, by name: `nodes_list` and `node_describe`. */
export const FIXED_TOOL_NAMES: readonly string[] = FIXED.map((t) => t.name);

/** Longest command name shown in a description: names of commands no plugin here describes come from nodes. */
const MAX_SHOWN_COMMAND = 128;

/**
 * A tool's description from the command spec. Node display names stay out: a node picks its
 * own, and text a peer controls must not reach a model as the server's own instructions.
 */
function describe(command: string, spec: CommandSpec | undefined): string {
  const shown = JSON.stringify(command.slice(0, MAX_SHOWN_COMMAND));
  const what = (spec?.description ?? 'Runs a node command of a plugin this server has no schema for; params are passed as given').trim().replace(/([^.])$/, '$1.');
  return `${what} Command ${shown}; nodes_list shows which nodes serve it.${spec?.dangerous ? ' Dangerous: offered because gateway.nodes.commands.allow lists it.' : ''}`;
}

/** The commands some connected node is routed now, sorted, without the approval-internal ones. */
const routedCommands = (nodes: readonly PortNode[]): string[] =>
  [...new Set(nodes.filter((n) => n.connected).flatMap((n) => n.commands ?? []))].filter((c) => !INTERNAL(c)).sort();

/**
 * Routed commands that get no tool, with why: a name two commands share (`a.b`, `a_b`), one
 * cut at 64 characters, or a fixed tool's name. Skipping them all keeps names injective: a
 * tool name never runs another command than the one it was listed for.
 *
 * @example
 * untooled(['a.b', 'a_b']); // Map { 'a.b' => 'its tool name a_b is also …', 'a_b' => … }
 */
export function untooled(commands: readonly string[]): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const c of commands) byName.set(toolName(c), [...(byName.get(toolName(c)) ?? []), c]);
  const skipped = new Map<string, string>();
  for (const [name, group] of byName) {
    for (const c of group) {
      if (toolName(c).length < c.length) skipped.set(c, 'its name is longer than a tool name may be (64 characters)');
      else if (group.length > 1) skipped.set(c, `its tool name ${name} is also the name of ${group.filter((o) => o !== c).map((o) => JSON.stringify(o.slice(0, 128))).join(', ')}`);
      else if (FIXED_TOOL_NAMES.includes(name)) skipped.set(c, `its tool name ${name} is a fixed tool's`);
    }
  }
  return skipped;
}

/** The routed commands of `nodes` that have no tool, with why (see `untooled`); shown by `nodes_list`. */
export const commandsWithoutTool = (nodes: readonly PortNode[]): Map<string, string> => untooled(routedCommands(nodes));

/**
 * The tool list a caller gets now: `nodes_list` and `node_describe` for anyone with
 * `operator.read`; with `operator.write` one tool per command some connected node is routed
 * (`system_which`, `camera_snap`, `echo_say`, ...), its input schema from the command's zod
 * params and a `node` argument. Sorted by name, so it is stable between calls.
 */
export function buildTools(nodes: readonly PortNode[], specOf: (command: string) => CommandSpec | undefined, canWrite: boolean): Map<string, NodeTool | undefined> {
  const tools = new Map<string, NodeTool | undefined>(FIXED.map((t) => [t.name, undefined]));
  if (!canWrite) return tools;
  const commands = routedCommands(nodes);
  const skipped = untooled(commands);
  for (const command of commands) {
    const name = toolName(command);
    if (skipped.has(command)) continue;
    const spec = specOf(command);
    const description = describe(command, spec);
    const annotations = { title: command.slice(0, MAX_SHOWN_COMMAND), destructiveHint: spec?.dangerous === true || command === 'system.run', openWorldHint: true };
    if (command === 'system.run') {
      const { $schema: _drop, ...inputSchema } = z.toJSONSchema(systemRunArgs, { io: 'input' }) as Tool['inputSchema'] & { $schema?: string };
      tools.set(name, { command, shape: 'exec', tool: { name, title: command, description: SYSTEM_RUN_DESCRIPTION, inputSchema, annotations } });
      continue;
    }
    const input = toolInput(spec);
    tools.set(name, { command, shape: input.shape, spec, tool: { name, title: command.slice(0, MAX_SHOWN_COMMAND), description, inputSchema: input.inputSchema, annotations } });
  }
  return tools;
}

/** The `Tool` list for `tools/list`, fixed ones first. */
export function listed(tools: ReadonlyMap<string, NodeTool | undefined>): Tool[] {
  return [...FIXED, ...[...tools.values()].filter((t): t is NodeTool => t !== undefined).map((t) => t.tool)];
}
