#!/usr/bin/env node
// The compiled entry; run `npm run build` first. Kept tiny so start-up stays fast.
import '../dist/main.js';
