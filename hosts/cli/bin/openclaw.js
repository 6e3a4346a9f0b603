#!/usr/bin/env node
// The compiled entry; run `npm run build` first. A script (bin/package.json) and kept tiny: a
// short command starts from the bundle without Node's ES module loader (dist/entry-point.js
// says which commands and why); every other command, or any without a built bundle, imports
// the plain build.
'use strict';

let start;
try {
  start = require('../dist/bundle/start.cjs');
} catch (err) {
  if (err.code !== 'MODULE_NOT_FOUND') throw err;
}
if (start?.startFromBundle(process.argv) !== true) import('../dist/main.js');
