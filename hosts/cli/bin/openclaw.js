#!/usr/bin/env node
// The compiled entry; run `npm run build` first. Kept tiny so start-up stays fast: it only
// picks the build a command starts from (dist/entry-point.js says which and why).
import { entryPoint } from '../dist/entry-point.js';

const entry = entryPoint(process.argv.slice(2));
// Stack traces from the bundle then name the .ts sources; it takes effect for modules compiled after this.
if (entry.bundled) process.setSourceMapsEnabled(true);
await import(entry.url.href);
