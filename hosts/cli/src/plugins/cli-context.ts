import type { Command } from 'commander';
import type { PluginCliContext } from '@openclaw-nodes/core/plugin';
import { withGatewayOptions } from '../commands/gateway-options.js';
import { durationFlag } from '../actions/duration-flag.js';
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
  durationFlag,
  report(flags, line, value) {
    if (flags.json) return printJson(value);
    process.stdout.write(`${line}\n`);
  },
  async printMedia(flags, media, prefix, extension, extra = {}, target = {}) {
    const { mediaLine } = await import('@openclaw-nodes/core/media');
    const path = await this.saveMedia(flags, media, prefix, extension, target);
    this.report(flags, mediaLine(path), { file: { path, ...extra } });
    return path;
  },
  async saveMedia(flags, media, prefix, extension, target = {}) {
    const { url, base64 } = mediaData(media);
    if (typeof url === 'string') return (await import('../actions/media-download.js')).downloadMedia(flags, url, prefix, extension, target);
    const { writeMediaFile, writeMediaFileAt } = await import('@openclaw-nodes/core/media');
    return target.out === undefined ? writeMediaFile(base64, prefix, extension) : writeMediaFileAt(target.out, base64);
  },
};

/** A media answer's parts: the base64 string itself, or the result's `base64` or `url`. */
function mediaData(media: unknown): { base64?: unknown; url?: unknown } {
  if (typeof media === 'string' || media === null || typeof media !== 'object') return { base64: media };
  return media as { base64?: unknown; url?: unknown };
}
