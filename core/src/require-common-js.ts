import { createRequire } from 'node:module';

/**
 * Loads the CommonJS package `id` with `require`, resolved from the module at `from`
 * (`import.meta.url`), and returns its `module.exports` typed as `T`.
 *
 * Why not `import`: Node's ES module loader scans the whole source of every CommonJS file an
 * ES module imports for its export names (cjs-module-lexer). reflect-metadata (64 KB) and ws
 * (95 KB through its ES wrapper) made that scanner hot enough for V8 to optimise it during
 * every host's start, which left a connected node host about 7 MB larger for good (the
 * optimising compiler's code pages and the memory its work left with the C allocator).
 * `require` loads the same module instance without the scan.
 *
 * @example
 * const { WebSocket } = requireCommonJs<typeof import('ws')>(import.meta.url, 'ws');
 */
export function requireCommonJs<T = unknown>(from: string, id: string): T {
  return createRequire(from)(id) as T;
}
