import { REDACTED, SECRET_KEYS, type Logger } from '@openclaw-nodes/core/logger';
import type { HubListener } from './hub.js';

type Fields = Record<string, unknown>;

/** The fields of each logged event worth a line; payloads carry more (keys, claims) that stay out. */
const LINES: Record<string, (p: Fields) => [level: 'info' | 'debug', fields: Fields, message: string]> = {
  'node.connected': (p) => ['info', pick(p, 'nodeId', 'displayName', 'platform', 'remoteIp'), `node connected: ${p.displayName ?? p.nodeId}`],
  'node.disconnected': (p) => ['info', pick(p, 'nodeId'), `node disconnected: ${p.nodeId}`],
  'node.surface': (p) => ['info', pick(p, 'nodeId', 'commands', 'permissions'), `node ${p.displayName ?? p.nodeId} now announces: ${(p.commands as string[]).join(', ') || '(no commands)'}`],
  'device.pair.requested': (p) => [
    'info',
    pick(p, 'requestId', 'deviceId', 'displayName', 'role', 'remoteIp', 'verificationCode'),
    `pairing requested by ${p.displayName ?? p.deviceId}: approve with \`openclaw nodes approve ${p.requestId}${p.verificationCode ? ` --code ${p.verificationCode}\` (verification code ${p.verificationCode}: compare it with the node's first)` : '`'}`,
  ],
  'exec.approval.requested': (p) => {
    const request = p.request as Fields;
    const where = request.host === 'gateway' ? 'the gateway machine' : (request.nodeName ?? request.nodeId);
    return ['info', { id: p.id, host: request.host, nodeId: request.nodeId, agentId: request.agentId, expiresAtMs: p.expiresAtMs }, `command waiting for approval on ${where}: answer with \`openclaw approvals allow|deny ${p.id}\``];
  },
  'exec.approval.resolved': (p) => ['info', pick(p, 'id', 'decision', 'reason'), `exec approval ${p.id}: ${p.decision ?? p.reason}`],
  'node.pair.requested': (p) => ['info', pick(p, 'requestId', 'nodeId', 'displayName', 'commands'), `node ${p.displayName ?? p.nodeId} asks for new commands (request ${p.requestId})`],
  'device.pair.resolved': (p) => ['info', pick(p, 'requestId', 'deviceId', 'decision'), `pairing ${p.decision}: ${p.deviceId}`],
  'node.pair.resolved': (p) => ['info', pick(p, 'requestId', 'nodeId', 'decision'), `node commands ${p.decision}: ${p.nodeId}`],
  'mcp.tool.call': (p) => ['info', pick(p, 'tool', 'caller', 'outcome', 'code', 'durationMs'), `mcp tool ${p.tool} by ${p.caller}: ${p.outcome}${p.code ? ` (${p.code})` : ''}`],
  'node.invoke.finished': (p) => ['debug', pick(p, 'nodeId', 'command', 'outcome', 'durationMs'), `invoke ${p.command} on ${p.nodeId}: ${p.outcome}`],
};

/**
 * A hub listener writing the gateway's notable events (nodes coming and going, pairing,
 * invokes at debug) to `logger`, one line each with the event name in `event`.
 *
 * @example
 * hub.listen(logHubEvents(logger));
 */
export function logHubEvents(logger: Logger): HubListener {
  // Redaction matches every line against 54 wildcard paths (~40-85 µs, the largest share of a
  // returning node's handshake). Redaction goes by key, so a line whose values are all flat
  // (or lists of flat values), under keys that name no secret, has nothing to redact: node
  // connects and disconnects, and the command list a new node asks for.
  const plain = logger.child({}, { redact: { paths: [], censor: REDACTED } });
  return (event, payload) => {
    const line = LINES[event];
    if (line === undefined || typeof payload !== 'object' || payload === null) return;
    const [level, fields, message] = line(payload as Fields);
    (nothingToRedact(fields) ? plain : logger)[level]({ event, ...fields }, message);
  };
}

const SECRET = new Set<string>(SECRET_KEYS);

/**
 * Whether `fields` holds only strings, numbers and booleans, or arrays of them, under keys that
 * are not secret keys (an array's elements have no keys a redaction path could name).
 */
function nothingToRedact(fields: Fields): boolean {
  for (const key in fields) {
    const value = fields[key];
    if (SECRET.has(key) || !(isFlat(value) || (Array.isArray(value) && value.every(isFlat)))) return false;
  }
  return true;
}

const isFlat = (value: unknown): boolean => value === null || (typeof value !== 'object' && typeof value !== 'function');

function pick(source: Fields, ...keys: string[]): Fields {
  const out: Fields = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
