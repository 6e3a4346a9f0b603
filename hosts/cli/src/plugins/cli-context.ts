import type { Command } from 'commander';
import type { PluginCliContext } from '@openclaw-nodes/core/plugin';
import { withGatewayOptions } from '../commands/gateway-options.js';
import { numberFlag } from '../actions/number-flag.js';
import { printJson } from '../format/table.js';
import { runAction } from '../run-action.js';

const NODE_HELP = 'node id, id prefix (6+ chars), display name or IP';
const INVOKE_HELP = 'how long the gateway waits for the node (ms)';

/**
 * The CLI services handed to plugin CLI entries. Declaring commands costs nothing; the
 * gateway client, the media writer and the JSON printer load only when an action runs.
 */
export const pluginCliContext: PluginCliContext = {
  nodeCommand(parent: Command, name: string, description: string, timeoutMs = 10_000): Command {
    return this.nodeOptions(parent.command(name).description(description), timeoutMs);
  },
  nodeOptions(command: Command, timeoutMs = 10_000): Command {
    return withGatewayOptions(command, timeoutMs).requiredOption('--node <idOrNameOrIp>', NODE_HELP).option('--invoke-timeout <ms>', INVOKE_HELP);
  },
  run: (label, flags, fn) => runAction(`nodes ${label}`, fn, { json: flags.json }),
  async invoke(flags, command, params, defaults) {
    return (await import('../actions/node-invoke.js')).invokeNode(flags, command, params, defaults);
  },
  numberFlag,
  report(flags, line, value) {
    if (flags.json) return printJson(value);
    process.stdout.write(`${line}\n`);
  },
  async printMedia(flags, media, prefix, extension, extra = {}) {
    const { mediaLine, writeMediaFile } = await import('@openclaw-nodes/core/media');
    const path = await writeMediaFile(mediaData(media), prefix, extension);
    this.report(flags, mediaLine(path), { file: { path, ...extra } });
    return path;
  },
};

/** The base64 of a media answer: the string itself, or the result's `base64` (a `url` is not fetched yet). */
function mediaData(media: unknown): unknown {
  if (typeof media === 'string' || media === null || typeof media !== 'object') return media;
  return (media as { base64?: unknown }).base64;
}
