import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { CliNodeFlags, PluginCliContext } from '@openclaw-nodes/core/plugin';
import { DELIVERIES, PRIORITIES } from './commands.js';

type NotifyFlags = CliNodeFlags & { title?: string; body?: string; sound?: string; priority?: string; delivery: string };

function choice<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined || (allowed as readonly string[]).includes(raw)) return raw as T | undefined;
  throw new OpenClawError('CLI_USAGE', `invalid ${flag}: ${raw} (expected ${allowed.join('|')})`);
}

/** `nodes notify`: `system.notify {title, body, sound?, priority?, delivery}`; prints `notify ok` or, with `--json`, the invoke result. */
export async function nodesNotify(cli: PluginCliContext, flags: NotifyFlags): Promise<void> {
  const title = flags.title ?? '';
  const body = flags.body ?? '';
  if (title.trim() === '' && body.trim() === '') throw new OpenClawError('CLI_USAGE', 'missing --title or --body');
  const params = {
    title,
    body,
    ...(flags.sound === undefined ? {} : { sound: flags.sound }),
    ...(flags.priority === undefined ? {} : { priority: choice('--priority', flags.priority, PRIORITIES) }),
    delivery: choice('--delivery', flags.delivery, DELIVERIES),
  };
  cli.report(flags, 'notify ok', await cli.invoke(flags, 'system.notify', params, { invokeTimeoutMs: 15_000 }));
}
