/**
 * @module
 * The malformed-frame flood, in its own process so that sending does not slow the probes the
 * fault case times: `node flood-worker.js <url> <token> <sockets> <frames> <maxMs>` keeps
 * `sockets` operator connections and sends `frames` malformed frames spread over them, in
 * batches that wait for the socket to drain, reading whatever the gateway answers. A
 * connection the gateway closes (it does after too many malformed frames) is replaced by a
 * new one, as a determined attacker would, so all `frames` still arrive. Stops at `maxMs`
 * whatever is left. Prints `{"sent","closed","connections","answers","ms"}` when done.
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
let sent = 0;
let closed = 0;
let connections = 0;
let answers = 0;
const open = new Set();

/** Sends `count` frames on `client` in batches; resolves with how many went out before it closed. */
async function sendOn(client, index, count) {
  let done = 0;
  while (done < count && client.ws.readyState === client.ws.OPEN && Date.now() < deadline) {
    const batch = Math.min(BATCH, count - done);
    const results = await Promise.all(
      Array.from({ length: batch }, (_, b) => {
        const frame = MALFORMED[(index + done + b) % MALFORMED.length];
        return new Promise((resolve) => client.ws.send(frame, { binary: Buffer.isBuffer(frame) }, (err) => resolve(err === undefined || err === null)));
      }),
    );
    const ok = results.filter(Boolean).length;
    sent += ok;
    done += ok;
    if (ok < batch) break;
  }
  return done;
}

await Promise.all(
  Array.from({ length: Number(socketCount) }, async (_, index) => {
    for (let left = perSocket; left > 0 && Date.now() < deadline; ) {
      const client = await connectRawOperator(url, token).catch(() => undefined);
      // A gateway that no longer lets this token in ends this socket's share; the count shows it.
      if (client === undefined) break;
      connections++;
      open.add(client);
      client.ws.on('close', () => (open.delete(client), closed++));
      client.ws.on('message', () => answers++);
      left -= await sendOn(client, index, left);
    }
  }),
);
// Read what the gateway still answers before leaving, until a quiet half second.
for (let last = -1; last !== answers && Date.now() < deadline; ) {
  last = answers;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const closedByGateway = closed;
for (const client of open) client.close();
process.stdout.write(`${JSON.stringify({ sent, closed: closedByGateway, connections, answers, ms: Date.now() - started })}\n`);
setTimeout(() => process.exit(0), 500).unref();
