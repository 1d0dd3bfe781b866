import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    clean: true,
    splitting: false,
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
