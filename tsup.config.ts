import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

/**
 * The EventStoreDB adapter is its own entry (so the core never loads gRPC) but must share the
 * core's classes and schemas: its imports from outside its folder resolve to the built core entry
 * (which exports each of them), and the CLI's dynamic import of it resolves to the built adapter
 * entry, loaded only when `--store esdb://…` is given.
 */
const eventStoreDbEntry: Plugin = {
  name: 'eventstoredb-entry',
  setup(build) {
    const ext = build.initialOptions.format === 'cjs' ? 'cjs' : 'js';
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'dynamic-import' && args.path.endsWith('/store/eventstoredb/index.js')) return { path: `./eventstoredb.${ext}`, external: true };
      if (/[\\/]src[\\/]store[\\/]eventstoredb[\\/]/.test(args.importer) && args.path.startsWith('../')) return { path: `./index.${ext}`, external: true };
      return undefined;
    });
  },
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts', eventstoredb: 'src/store/eventstoredb/index.ts', cli: 'src/cli/main.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts', eventstoredb: 'src/store/eventstoredb/index.ts' } },
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    clean: true,
    splitting: false,
    esbuildPlugins: [eventStoreDbEntry],
  },
  {
    // The runnable examples, importing the package by its own name (resolved to dist/ by Node).
    entry: { demo: 'examples/demo.ts', 'service-desk': 'examples/service-desk.ts' },
    outDir: 'dist/examples',
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    external: ['warranty-ledger'],
    clean: false,
  },
]);
