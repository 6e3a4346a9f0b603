import { OpenClawError, isErrorCode } from '../errors.js';
import type { PluginErrorCodes } from '../errors/plugin-error-codes.js';

/** Which plugin ran the code that threw, and the codes it declares. */
export interface FailureOwner {
  readonly plugin: string;
  readonly errors?: PluginErrorCodes;
}

/** The two places plugin code runs for a call: a node-side handler, a gateway-side processor. */
export type PluginFailureCode = 'NODE_INVOKE_FAILED' | 'PLUGIN_POSTPROCESS_FAILED';

const FALLBACK_MESSAGES: Record<PluginFailureCode, string> = {
  NODE_INVOKE_FAILED: 'node invocation failed',
  PLUGIN_POSTPROCESS_FAILED: 'the gateway could not process the node result',
};

/** Longest text of a thrown message kept in the caller's error. */
const MAX_MESSAGE_LENGTH = 2_000;

/**
 * What the caller gets for anything plugin code threw or rejected with. A core code, or a code
 * the owning plugin declares, reaches the caller as is (also from a plugin bundling its own copy
 * of core). Anything else becomes `fallback`: an undeclared code keeps its name in
 * `details.originalCode` and its message; a plain `Error`, a string or any other value leaves
 * only the generic message, because its text was never meant for a remote caller.
 * Never throws, whatever was thrown (a throwing getter, a prototype-less object).
 *
 * @example
 * pluginFailure(new Error('boom'), { plugin: 'echo' }, 'NODE_INVOKE_FAILED'); // NODE_INVOKE_FAILED "node invocation failed"
 */
export function pluginFailure(err: unknown, owner: FailureOwner, fallback: PluginFailureCode): OpenClawError {
  const coded = codedFields(err);
  if (coded !== undefined) {
    const { code, message, details } = coded;
    if (isErrorCode(code)) return err instanceof OpenClawError ? err : new OpenClawError(code, message, { details, cause: err });
    const info = owner.errors !== undefined && Object.hasOwn(owner.errors, code) ? owner.errors[code] : undefined;
    if (info !== undefined) return OpenClawError.declared(code, info, message, { details, cause: err });
    const text = `${fallback}: plugin "${owner.plugin}" threw error code ${code}, which it does not declare: ${message}`;
    return new OpenClawError(fallback, text, { cause: err, details: { plugin: owner.plugin, originalCode: code } });
  }
  return new OpenClawError(fallback, FALLBACK_MESSAGES[fallback], { cause: err, details: { plugin: owner.plugin } });
}

/** Code, message and details of an `OpenClawError` from any copy of core, or undefined. */
function codedFields(err: unknown): { code: string; message: string; details?: Record<string, unknown> } | undefined {
  try {
    if (!(err instanceof OpenClawError) && !(err instanceof Error && err.name === 'OpenClawError')) return undefined;
    const { code, message, details } = err as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof code !== 'string' || code.length === 0 || code.length > 100) return undefined;
    const text = typeof message === 'string' ? message.slice(0, MAX_MESSAGE_LENGTH) : '';
    const plain = typeof details === 'object' && details !== null && !Array.isArray(details) ? (details as Record<string, unknown>) : undefined;
    return { code, message: text, details: plain };
  } catch {
    return undefined;
  }
}
