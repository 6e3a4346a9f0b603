#!/usr/bin/env node
// The compiled entry; run `npm run build` first. Kept tiny so start-up stays fast: it only
// picks the build a command starts from (dist/entry-point.js says which and why).
import { entryPoint } from '../dist/entry-point.js';
import { runBundle } from '../dist/run-bundle.js';

const entry = entryPoint(process.argv.slice(2));
if (entry.bundled) await runBundle(entry.url);
else await import(entry.url.href);
