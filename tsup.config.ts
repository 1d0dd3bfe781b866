import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';
import { dirname, resolve } from 'node:path';

const errorsModule = resolve('src/errors.ts');

/**
 * The CLI bundles the core and loads the EventStoreDB adapter with a dynamic import, resolved to
 * the built adapter entry: gRPC is loaded only when `--store esdb://…` is given, `pg` only for `postgres://…`.
 */
const adapterOnDemand: Plugin = {
  name: 'eventstoredb-on-demand',
  setup(build) {
    const ext = build.initialOptions.format === 'cjs' ? 'cjs' : 'js';
    build.onResolve({ filter: /\/store\/(eventstoredb|postgres)\/index\.js$/ }, (args) =>
      args.kind === 'dynamic-import'
        ? { path: `./${/(eventstoredb|postgres)\/index\.js$/.exec(args.path)![1]}.${ext}`, external: true }
        : undefined,
    );
  },
};

/**
 * The `node` and `eventstoredb` entries bundle what they use, but take the error classes from the
 * built core entry, so `instanceof InputError` (or ConcurrencyError) holds whichever entry threw.
 */
const coreErrors: Plugin = {
  name: 'core-errors',
  setup(build) {
    const ext = build.initialOptions.format === 'cjs' ? 'cjs' : 'js';
    build.onResolve({ filter: /\/errors\.js$/ }, (args) =>
      resolve(dirname(args.importer), args.path).replace(/\.js$/, '.ts') === errorsModule
        ? { path: `./index.${ext}`, external: true }
        : undefined,
    );
  },
};

const common = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  target: 'node20',
  platform: 'node' as const,
  sourcemap: true,
  splitting: false,
};

export default defineConfig([
  {
    // The core (no node:*: test/build/pure-entry.test.ts) and the CLI.
    ...common,
    entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
    dts: { entry: { index: 'src/index.ts' } },
    clean: true,
    esbuildPlugins: [adapterOnDemand],
  },
  {
    // warranty-ledger/node, /eventstoredb and /postgres, sharing the core's error classes.
    ...common,
    entry: {
      node: 'src/node.ts',
      eventstoredb: 'src/store/eventstoredb/index.ts',
      postgres: 'src/store/postgres/index.ts',
    },
    dts: {
      entry: {
        node: 'src/node.ts',
        eventstoredb: 'src/store/eventstoredb/index.ts',
        postgres: 'src/store/postgres/index.ts',
      },
    },
    clean: false,
    esbuildPlugins: [coreErrors],
  },
  {
    // The runnable examples, importing the package by its own name (resolved to dist/ by Node).
    entry: {
      demo: 'examples/demo.ts',
      'service-desk': 'examples/service-desk.ts',
      'statutory-floor': 'examples/statutory-floor.ts',
    },
    outDir: 'dist/examples',
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    external: ['warranty-ledger'],
    clean: false,
  },
]);
