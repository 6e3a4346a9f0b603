import { OpenClawError } from '../errors.js';
import { stringifyJson } from '../protocol/json-depth.js';
import { timerDelay } from '../protocol/timer-delay.js';
import { pluginFailure } from './plugin-failure.js';
import type { PostProcessContext } from './plugin-host-options.js';
import type { OwnedProcessor } from './plugin-routes.js';
import { TIMED_OUT, withTimeout } from './with-timeout.js';

/**
 * Runs one gateway-side processor on a node's result, for at most `timeoutMs` (the host's
 * bound, already cut to what is left of the caller's deadline). Its context gets a `signal`
 * that is aborted (with a PLUGIN_POSTPROCESS_FAILED error) when that time is up, so the
 * processor can stop its own work. The result must be something JSON can hold: it is checked
 * here, where the plugin can be named. An `undefined` result is `null`.
 * Throws a core code or one the plugin declares as is; anything else thrown, a result JSON
 * cannot hold, and overrunning the time become PLUGIN_POSTPROCESS_FAILED.
 */
export async function runProcessor(processor: OwnedProcessor, command: string, result: unknown, ctx: PostProcessContext, timeoutMs: number): Promise<unknown> {
  const plugin = processor.owner.plugin;
  const controller = new AbortController();
  let processed: unknown;
  try {
    processed = await withTimeout(() => processor.process(result, { ...ctx, command, container: processor.container, signal: controller.signal }), timerDelay(timeoutMs));
  } catch (err) {
    throw pluginFailure(err, processor.owner, 'PLUGIN_POSTPROCESS_FAILED');
  }
  if (processed === TIMED_OUT) {
    const error = new OpenClawError('PLUGIN_POSTPROCESS_FAILED', `plugin "${plugin}" did not finish processing the ${command} result within ${timeoutMs} ms`, {
      details: { plugin, timeoutMs },
    });
    controller.abort(error);
    throw error;
  }
  try {
    stringifyJson(processed ?? null, `plugin "${plugin}"'s processed ${command} result`, 'PLUGIN_POSTPROCESS_FAILED');
  } catch (err) {
    throw new OpenClawError('PLUGIN_POSTPROCESS_FAILED', (err as OpenClawError).message, { cause: err, details: { plugin } });
  }
  return processed ?? null;
}
