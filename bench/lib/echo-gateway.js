/**
 * @module
 * A stand-in gateway that does nothing: it sends `connect.challenge`, answers `connect` with
 * a bare `hello-ok` and every other request with a canned `system.which` answer. Run as its
 * own process (`node echo-gateway.js`, prints `listening <port>`), it gives the floor a client
 * can reach on this machine: what remains of a gateway's figure above it is the gateway's.
 */
import { WebSocketServer } from 'ws';

const ANSWER = '{"ok":true,"nodeId":"echo","command":"system.which","payload":{"bins":{"sh":"/usr/bin/sh"}},"payloadJSON":"{\\"bins\\":{\\"sh\\":\\"/usr/bin/sh\\"}}"}';
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
server.on('connection', (ws) => {
  ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'echo', ts: Date.now() } }));
  ws.on('message', (data) => {
    const { id, method } = JSON.parse(data);
    const payload = method === 'connect' ? '{"type":"hello-ok","protocol":4}' : ANSWER;
    ws.send(`{"type":"res","id":${JSON.stringify(id)},"ok":true,"payload":${payload}}`);
  });
});
server.on('listening', () => process.stdout.write(`listening ${server.address().port}\n`));
