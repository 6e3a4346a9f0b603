import { describe, expect, it } from 'vitest';
import { Hub } from './hub.js';

describe('Hub relaying to and from other cluster members', () => {
  it('relays what it raises except tick and shutdown, and hands relayed events only to listeners that want them', () => {
    const hub = new Hub();
    const relayed: string[] = [];
    hub.relayTo((kind, event) => relayed.push(`${kind}:${event}`));
    const all: string[] = [];
    const own: string[] = [];
    hub.listen((event) => all.push(event));
    hub.listen((event) => own.push(event), { ownOnly: true });

    hub.broadcast('node.pair.requested', { requestId: 'r' });
    hub.emit('node.connected', { nodeId: 'n' });
    hub.broadcast('tick', { ts: 1 });
    hub.deliver('emit', 'node.disconnected', { nodeId: 'm' });
    hub.deliver('broadcast', 'shutdown', {});

    expect(relayed).toEqual(['broadcast:node.pair.requested', 'emit:node.connected']);
    expect(all).toEqual(['node.pair.requested', 'node.connected', 'tick', 'node.disconnected']);
    expect(own).toEqual(['node.pair.requested', 'node.connected', 'tick']);
  });
});
