import { createRequire } from 'node:module';

// One synchronous read at import time; the path is the same from src/ and dist/.
const manifest: { version: string } = createRequire(import.meta.url)('../../package.json');

/** The version of @openclaw-nodes/core, which plugins' `host` ranges are checked against. */
export const CORE_VERSION: string = manifest.version;
