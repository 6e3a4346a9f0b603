import { OpenClawError, isOpenClawError } from '@openclaw-nodes/core/errors';
import { callGateway } from '../gateway/gateway-call.js';
import { resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { age, printJson, table, writeLines } from '../format/table.js';

interface DeviceList {
  pending: Array<{ requestId: string; deviceId: string; displayName?: string; role: string; remoteIp?: string; ts: number; isRepair?: boolean; verificationCode?: string | null }>;
  paired: Array<{ deviceId: string; displayName?: string; roles: string[]; scopes: string[]; tokens: Array<{ role: string }> }>;
}

const PAIRING = ['operator.pairing'];

const deviceList = async (flags: GatewayFlags) => callGateway<DeviceList>(await resolveTarget(flags, 10_000), PAIRING, 'device.pair.list', {});

/** `openclaw devices list`. */
export async function devicesList(flags: GatewayFlags): Promise<void> {
  const list = await deviceList(flags);
  if (flags.json) return printJson(list);
  if (!list.pending.length && !list.paired.length) return void process.stdout.write('No device pairing entries.\n');
  const out: string[] = [];
  if (list.pending.length) {
    const rows = list.pending.map((p) => [p.requestId, p.displayName ?? p.deviceId, p.role, p.remoteIp ?? '', p.verificationCode ?? '', age(p.ts), p.isRepair ? 'repair' : '']);
    out.push(`Pending (${list.pending.length})`, table(['Request', 'Device', 'Role', 'IP', 'Code', 'Age', 'Flags'], rows), '');
  }
  if (list.paired.length) {
    const rows = list.paired.map((d) => [d.displayName ?? d.deviceId, d.deviceId, d.roles.join(', '), d.scopes.join(', '), d.tokens.map((t) => t.role).join(', ')]);
    out.push(`Paired (${list.paired.length})`, table(['Device', 'Device ID', 'Roles', 'Scopes', 'Tokens'], rows));
  }
  writeLines([out.join('\n').trimEnd()]);
}

/**
 * `openclaw devices approve [requestId]`: without an id the newest pending request. A node
 * request needs operator.admin; like the reference CLI, retry with it when refused.
 */
export async function devicesApprove(requestId: string | undefined, flags: GatewayFlags & { latest?: boolean }): Promise<void> {
  let id = requestId;
  if (!id || flags.latest) {
    const newest = (await deviceList(flags)).pending.sort((a, b) => b.ts - a.ts)[0];
    if (!newest) throw new OpenClawError('UNKNOWN_REQUEST_ID', 'No pending device pairing requests to approve');
    id = newest.requestId;
  }
  const target = await resolveTarget(flags, 10_000);
  let result: { requestId: string; device: { deviceId: string } };
  try {
    result = await callGateway(target, PAIRING, 'device.pair.approve', { requestId: id });
  } catch (err) {
    if (!isOpenClawError(err) || err.message !== 'device pairing approval denied') throw err;
    result = await callGateway(target, ['operator.admin'], 'device.pair.approve', { requestId: id });
  }
  if (flags.json) return printJson(result);
  process.stdout.write(`Approved ${result.device.deviceId} (${result.requestId})\n`);
}

export async function devicesReject(requestId: string, flags: GatewayFlags): Promise<void> {
  const result = await callGateway<{ deviceId: string }>(await resolveTarget(flags, 10_000), PAIRING, 'device.pair.reject', { requestId });
  if (flags.json) return printJson(result);
  process.stdout.write(`Rejected ${result.deviceId}\n`);
}

export async function devicesRemove(deviceId: string, flags: GatewayFlags): Promise<void> {
  const result = await callGateway<{ deviceId: string }>(await resolveTarget(flags, 10_000), PAIRING, 'device.pair.remove', { deviceId });
  if (flags.json) return printJson(result);
  process.stdout.write(`Removed ${result.deviceId}\n`);
}
