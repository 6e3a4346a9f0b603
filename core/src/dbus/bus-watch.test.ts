import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { poll } from '../../../test/support/poll.js';
import { stopChild } from '../../../test/support/private-bus.js';
import { BusWatch, type BusChange } from './bus-watch.js';
import { DbusClient } from './dbus-client.js';
import { matchRule } from './match-rule.js';

// A real dbus-daemon on a fixed socket, so it can go away and come back at the same address.
const dir = mkdtempSync(join(tmpdir(), 'oc-buswatch-'));
const address = `unix:path=${join(dir, 'bus')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startBus(): Promise<ChildProcess> {
  const bus = spawn('dbus-daemon', ['--session', '--nofork', `--address=${address}`], { stdio: 'ignore' });
  await poll(async () => {
    const probe = DbusClient.connect(address, 'test bus');
    try {
      await probe.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'GetId' }, 1_000);
      return true;
    } finally {
      probe.close();
    }
  }, 'the test bus answering');
  return bus;
}

const owner = { sender: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'NameOwnerChanged', arg0: 'com.example.Watched' };

describe('BusWatch against a real dbus-daemon', () => {
  it('reports a name taken and released, the bus going away, and the bus coming back', async () => {
    let bus = await startBus();
    const changes: BusChange[] = [];
    const watch = new BusWatch(address, 'test bus', [owner], (change) => changes.push(change), { retryMs: 100, timeoutMs: 2_000 });
    watch.start();
    try {
      // Until the rule is in place nothing is reported: take the name until a change shows.
      const service = DbusClient.connect(address, 'test bus');
      const request = (member: 'RequestName' | 'ReleaseName') =>
        service.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member, ...(member === 'RequestName' ? { signature: 'su', body: ['com.example.Watched', 4] } : { signature: 's', body: ['com.example.Watched'] }) }, 2_000);
      await poll(async () => (await request('RequestName'), await request('ReleaseName'), changes.includes('signal') ? true : undefined), 'a name change reported');
      service.close();
      await stopChild(bus);
      await poll(async () => (changes.includes('lost') ? true : undefined), 'the bus going away reported');
      expect(changes).not.toContain('back');
      bus = await startBus();
      await poll(async () => (changes.includes('back') ? true : undefined), 'the bus coming back reported');
      // Watched again on the new bus: a name change is reported as before.
      const again = DbusClient.connect(address, 'test bus');
      const before = changes.length;
      await again.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'RequestName', signature: 'su', body: ['com.example.Watched', 4] }, 2_000);
      await poll(async () => (changes.slice(before).includes('signal') ? true : undefined), 'a name change on the new bus reported');
      again.close();
    } finally {
      watch.stop();
      await stopChild(bus);
    }
  });
});

describe('matchRule', () => {
  it('writes a signal rule and refuses values that would end it early', () => {
    expect(matchRule(owner)).toBe("type='signal',sender='org.freedesktop.DBus',path='/org/freedesktop/DBus',interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='com.example.Watched'");
    expect(() => matchRule({ ...owner, arg0: "x',eavesdrop='true" })).toThrow(/cannot carry/);
  });
});
