import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests (the
// "@openclaw-nodes/source" export condition), so one copy of each class is loaded.
// Cross-process tests spawn the built binaries instead; `npm test` builds first.
const conditions = ['@openclaw-nodes/source', 'node', 'import', 'module', 'default'];

export default defineConfig({
  // Plugins rely on legacy decorators with emitted metadata (tsyringe), as tsc builds them.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['{core,config,plugins,hosts}/**/src/**/*.test.ts', 'test/**/*.test.ts'],
    // Interop tests need the real OpenClaw; `npm run interop` (and `npm run ci`) install it and set OPENCLAW_INTEROP.
    exclude: ['**/node_modules/**', '**/dist/**', ...(process.env.OPENCLAW_INTEROP ? [] : ['test/interop/**'])],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
