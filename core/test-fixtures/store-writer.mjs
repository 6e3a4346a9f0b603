// A writer that is killed with SIGKILL at a random moment by json-file-store.kill.test.ts.
// Usage: node store-writer.mjs <URL of the built store module> <target file> <first generation>
// Before each write it prints "begin <generation> <checksum>", after it "done <generation>",
// synchronously, so the parent knows every document that may have reached the file.
import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';

const [moduleUrl, target, first] = process.argv.slice(2);
const { JsonFileStore } = await import(moduleUrl);
const store = new JsonFileStore(target, { defaults: () => null });

// Whatever a killed predecessor left must still parse.
await store.read();

for (let generation = Number(first); ; generation += 1) {
  const doc = documentFor(generation);
  writeSync(1, `begin ${generation} ${doc.checksum}\n`);
  await store.write(doc);
  writeSync(1, `done ${generation}\n`);
}

/** 50 to 500 KB, different in size and content for every generation. */
function documentFor(generation) {
  const size = 50_000 + ((generation * 7919) % 451) * 1000;
  const unit = `${generation.toString(36)}~`;
  const padding = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const checksum = createHash('sha256').update(`${generation}|${padding}`).digest('hex');
  return { generation, checksum, padding };
}
