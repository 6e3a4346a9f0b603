/**
 * @module
 * The malformed-frame flood, in its own process so that sending does not slow the probes the
 * fault case times: `node flood-worker.js <url> <token> <sockets> <frames> <maxMs>` opens
 * `sockets` operator connections and sends `frames` malformed frames spread over them, in
 * batches that wait for the socket to drain, reading whatever the gateway answers. Stops at
 * `maxMs` whatever is left. Prints `{"sent","closed","answers","ms"}` when done.
 */
import { connectRawOperator } from '../../bench/lib/raw-operator.js';

const [url, token, socketCount, frameCount, maxMs] = process.argv.slice(2);
const deep = `${'['.repeat(400)}${']'.repeat(400)}`;
/** Each wrong in its own way: not JSON, not an object, wrong types, too deep, out of place, binary. */
const MALFORMED = [
  'not json',
  '{"type":"req","id":"t1"',
  '[]',
  '42',
  'null',
  '{"type":"req"}',
  '{"type":"req","id":"t2","method":7}',
  '{"type":"nope","id":"t3"}',
  deep,
  `{"type":"req","id":"t4","method":"node.invoke","params":${deep}}`,
  '{"type":"res","id":"t5","ok":true,"payload":{}}',
  `{"type":"req","id":"${'x'.repeat(4096)}","method":7}`,
  '{"type":"req","id":"t6","method":"node.invoke","params":{"nodeId":123,"command":[]}}',
  Buffer.from('00ff00ff00ff00ff00ff00ff00ff00ff', 'hex'),
];
const BATCH = 100;

const started = Date.now();
const deadline = started + Number(maxMs);
const perSocket = Math.ceil(Number(frameCount) / Number(socketCount));
const clients = await Promise.all(Array.from({ length: Number(socketCount) }, () => connectRawOperator(url, token)));
let sent = 0;
let closed = 0;
let answers = 0;
await Promise.all(
  clients.map(async (client, index) => {
    let open = true;
    client.ws.on('close', () => ((open = false), closed++));
    client.ws.on('message', () => answers++);
    for (let i = 0; i < perSocket && open && Date.now() < deadline; ) {
      const batch = Math.min(BATCH, perSocket - i);
      await new Promise((resolve) => {
        for (let b = 0; b < batch; b++) {
          const frame = MALFORMED[(index + i + b) % MALFORMED.length];
          client.ws.send(frame, { binary: Buffer.isBuffer(frame) }, b === batch - 1 ? resolve : undefined);
        }
      });
      i += batch;
      sent += batch;
    }
  }),
);
// Read what the gateway still answers before leaving, until a quiet half second.
for (let last = -1; last !== answers && Date.now() < deadline; ) {
  last = answers;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
for (const client of clients) client.close();
process.stdout.write(`${JSON.stringify({ sent, closed, answers, ms: Date.now() - started })}\n`);
setTimeout(() => process.exit(0), 500).unref();
