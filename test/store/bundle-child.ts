/**
 * Bundles a TypeScript entry into one ESM file for a child process, with esbuild (the bundler tsup
 * runs on), so tests that need another process run from source without a build. The output lives
 * under node_modules/.cache so that the packages left external still resolve; callers delete it.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export async function bundleChild(entry: URL, name: string, external: string[] = []): Promise<string> {
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsup'))('esbuild') as typeof import('esbuild');
  const dir = join(root, 'node_modules', '.cache', 'warranty-ledger-tests');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${name}-${process.pid}.mjs`);
  await esbuild.build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    // kurrentdb's client loads a native addon (.node), which esbuild cannot bundle.
    external: [...external, '@kurrent/kurrentdb-client'],
    logLevel: 'silent',
  });
  return outfile;
}
