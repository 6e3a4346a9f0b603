import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectHostEnvironment } from '@openclaw-nodes/core/plugin';
import { isOpenClawError } from '@openclaw-nodes/core/errors';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { smsOptions, type SmsOptions } from './options.js';
import { SmsService } from './sms-service.js';
import { poll } from '../../../test/support/poll.js';

// A gammu dummy phone (a directory; apt-get install gammu): the service as a node host calls it.
const dir = mkdtempSync(join(tmpdir(), 'oc-sms-unit-'));
mkdirSync(join(dir, 'phone'));
const gammuConfig = join(dir, 'gammurc');
writeFileSync(gammuConfig, `[gammu]\ndevice = ${join(dir, 'phone')}\nconnection = none\nmodel = dummy\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const service = (options: Partial<SmsOptions>, stateDir?: string) => new SmsService(smsOptions.parse({ backend: 'gammu', ...options }), detectHostEnvironment({}, 'linux'), stateDir);
const signal = new AbortController().signal;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  if (!isOpenClawError(err)) throw new Error(`expected an OpenClawError, got ${String(err)}`);
  return `${err.code} ${err.message}`;
}

describe('SmsService', () => {
  it('is advertised, and grants sms, only with a modem and allowSend', async () => {
    const started = async (options: Partial<SmsOptions>) => {
      const s = service(options);
      await s.start(() => undefined);
      return s;
    };
    const allowed = await started({ allowSend: true, gammuConfig });
    expect(allowed.advertised).toBe(true);
    allowed.stop();
    const notAllowed = await started({ gammuConfig });
    expect(notAllowed.advertised).toBe(false);
    expect(notAllowed.unavailableReason).toContain('allowSend');
    expect(notAllowed.permissions()).toEqual({ sms: false, 'sms.search': false });
    const noModem = await started({ allowSend: true });
    expect(noModem.advertised).toBe(false);
    expect(noModem.unavailableReason).toContain('no gammuConfig file or gammu section');
    noModem.stop();
  });

  it('answers a direct call SMS_PERMISSION_REQUIRED without the grant and SMS_UNAVAILABLE without a modem', async () => {
    const params = { to: '+15555550123', message: 'hi' };
    expect(await codeOf(service({ gammuConfig }).send(params, signal))).toMatch(/^SMS_PERMISSION_REQUIRED SMS_PERMISSION_REQUIRED: sending is not allowed/);
    expect(await codeOf(service({ allowSend: true, gammuConfig }).search({ limit: 5 }, signal))).toMatch(/^SMS_PERMISSION_REQUIRED /);
    expect(await codeOf(service({ allowSend: true }).send(params, signal))).toMatch(/^SMS_UNAVAILABLE SMS_UNAVAILABLE: no modem with telephony: gammu: /);
    expect(await codeOf(service({ allowSend: true, gammuConfig: join(dir, 'missing-rc') }).send(params, signal))).toMatch(/^SMS_UNAVAILABLE /);
  });

  it('names the modem it could not reach through ModemManager when no system bus is there', async () => {
    const mm = new SmsService(smsOptions.parse({ allowSend: true, backend: 'modemmanager', systemBus: `unix:path=${join(dir, 'no-bus')}` }), detectHostEnvironment({}, 'linux'));
    await mm.start(() => undefined);
    expect(mm.advertised).toBe(false);
    mm.stop();
    expect(mm.unavailableReason).toMatch(/^ModemManager: cannot reach the system bus \(unix:path=.*no-bus\)/);
  });

  it('refuses sends past maxPerHour with SMS_UNAVAILABLE, before the modem is asked', async () => {
    const limited = service({ allowSend: true, gammuConfig, maxPerHour: 2 });
    const params = { to: '+15555550123', message: 'hi' };
    await limited.send(params, signal);
    await limited.send(params, signal);
    expect(await codeOf(limited.send(params, signal))).toMatch(/^SMS_UNAVAILABLE SMS_UNAVAILABLE: this node sends at most 2 messages an hour/);
  });

  it('keeps counting sends toward maxPerHour across a restart, from a private file in the state dir', async () => {
    const stateDir = join(dir, 'state');
    const params = { to: '+15555550123', message: 'hi' };
    await service({ allowSend: true, gammuConfig, maxPerHour: 1 }, stateDir).send(params, signal);
    const file = join(stateDir, 'sms', 'sent-times.json');
    await poll(() => (expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(1), true), 'the send recorded in the state dir');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The node restarted: a new service on the same state dir.
    const restarted = service({ allowSend: true, gammuConfig, maxPerHour: 1 }, stateDir);
    expect(await codeOf(restarted.send(params, signal))).toMatch(/^SMS_UNAVAILABLE SMS_UNAVAILABLE: this node sends at most 1 messages an hour/);
    // A damaged file counts as no sends rather than stopping the node.
    writeFileSync(file, '{not json');
    await service({ allowSend: true, gammuConfig, maxPerHour: 1 }, stateDir).send(params, signal);
  });
});
