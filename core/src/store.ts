/**
 * @module
 * Crash-safe state files: atomic replace (temp file, fsync, rename), private modes
 * (0600 files in 0700 directories), a JSON document store with serialized updates, and
 * bounded reads of files someone else may have placed.
 */
export { ensurePrivateDir, openDirWarning, PRIVATE_DIR_MODE } from './store/ensure-private-dir.js';
export { writeFileAtomic, PRIVATE_FILE_MODE, type WriteFileAtomicOptions } from './store/write-file-atomic.js';
export { writeFileExclusive } from './store/write-file-exclusive.js';
export { readJsonFile } from './store/read-json-file.js';
export { readBoundedFile, type BoundedRead } from './store/read-bounded-file.js';
export { removeStaleTempFiles, removeStaleTempFilesIn, tempPathFor, TEMP_FILE_MAX_AGE_MS } from './store/temp-files.js';
export { runSerially } from './store/run-serially.js';
export { runtimeFileWriter, readRuntimeFile, type RuntimeRecord } from './store/runtime-file.js';
export { isProcessAlive } from './store/process-alive.js';
export { JsonFileStore, type DocumentStore, type JsonFileStoreOptions } from './store/json-file-store.js';
export { LOCAL_PROOF_FILE, LOCAL_PROOF_HEADER, liveGatewayOn, localProofHeaders, newLocalProofSecret, publishLocalProof } from './store/local-proof.js';
