import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests (the
// "@openclaw-nodes/source" export condition), so one copy of each class is loaded.
// Cross-process tests spawn the built binaries instead; `npm test` builds first.
const conditions = ['@openclaw-nodes/source', 'node', 'import', 'module', 'default'];

const exclude = ['**/node_modules/**', '**/dist/**', ...(process.env.OPENCLAW_INTEROP ? [] : ['test/interop/**'])];

// Files that measure the machine as well as the code (hundreds of simulated nodes and their
// jittered reconnects, RSS growth while 30+ MB clips stream, event-loop fairness under a
// flood): they run last, one at a time, with nothing else competing for the cores.
const alone = [
  'test/cluster/cluster-failover.e2e.test.ts',
  'test/node/simulated-failover.e2e.test.ts',
  'test/camera/camera-big-clip.e2e.test.ts',
  'test/media/out-of-band.e2e.test.ts',
  'test/gateway/stalled-memory.e2e.test.ts',
  'test/gateway/frame-flood.e2e.test.ts',
];

// Most end-to-end files spend their time waiting on other processes, so two files share a
// 2-core machine well (Vitest's own default there is one at a time).
const workers = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  // Plugins rely on legacy decorators with emitted metadata (tsyringe), as tsc builds them.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    // Interop tests need the real OpenClaw; `npm run interop` (and `npm run ci`) install it and set OPENCLAW_INTEROP.
    exclude,
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['{core,config,plugins,hosts}/**/src/**/*.test.ts', 'test/**/*.test.ts'], exclude: [...exclude, ...alone], maxWorkers: workers, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: 'alone', include: alone, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
