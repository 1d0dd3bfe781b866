/**
 * The main entry is the core and runs in any JavaScript runtime: importing dist/index.js (ESM) or
 * requiring dist/index.cjs loads no `node:*` builtin and nothing of gRPC or the EventStoreDB
 * client, while `warranty-ledger/node` does load Node's builtins (so the recorder can see them).
 * Runs against dist/ (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const recorder = fileURLToPath(new URL('../support/module-recorder.cjs', import.meta.url));

beforeAll(() => {
  if (!existsSync(join(dist, 'index.js')))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
});

/**
 * What a fresh node process loads while running `code` (as an ES module or as CommonJS): each
 * specifier imported or required, and (`native`) the public builtins Node loaded meanwhile.
 */
function modulesLoadedBy(code: string, esm: boolean): { specifiers: string[]; natives: string[] } {
  const out = join(mkdtempSync(join(tmpdir(), 'wl-modules-')), 'modules.txt');
  const args = [
    '-r',
    recorder,
    ...(esm ? ['--input-type=module'] : []),
    '-e',
    `globalThis.wlStartRecording(); ${code}`,
  ];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, WL_MODULES_OUT: out } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const lines = readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ', 2) as [string, string]);
  return {
    specifiers: lines.filter(([how]) => how !== 'native').map(([, s]) => s),
    natives: lines.filter(([how]) => how === 'native').map(([, s]) => s),
  };
}

const nodeOnly = (specifiers: string[]) => specifiers.filter((s) => isBuiltin(s) || s.startsWith('node:'));
const grpc = (specifiers: string[]) => specifiers.filter((s) => /@grpc\/|@eventstore\/|@kurrent\//.test(s));

describe('the main entry', () => {
  const esm = `const m = await import(${JSON.stringify(join(dist, 'index.js'))}); if (typeof m.createLedger !== 'function') throw new Error('no createLedger');`;
  const cjs = `const m = require(${JSON.stringify(join(dist, 'index.cjs'))}); if (typeof m.createLedger !== 'function') throw new Error('no createLedger');`;

  it('dist/index.js imports no node:* builtin and no gRPC', () => {
    const { specifiers } = modulesLoadedBy(esm, true);
    expect(specifiers).toEqual(expect.arrayContaining(['zod', 'immer', '@noble/hashes/sha2.js']));
    expect(nodeOnly(specifiers)).toEqual([]);
    expect(grpc(specifiers)).toEqual([]);
  });

  it('dist/index.cjs requires no node:* builtin and no gRPC, and Node loads no builtin for it', () => {
    const { specifiers, natives } = modulesLoadedBy(cjs, false);
    expect(specifiers).toEqual(expect.arrayContaining(['zod', 'immer', '@noble/hashes/sha2.js']));
    expect(nodeOnly(specifiers)).toEqual([]);
    expect(grpc(specifiers)).toEqual([]);
    // Only for CommonJS: Node's ES module loader itself loads builtins (string_decoder) on an import.
    expect(natives).toEqual([]);
  });

  it('while warranty-ledger/node does load Node builtins, so the recorder sees them', () => {
    expect(
      nodeOnly(modulesLoadedBy(`await import(${JSON.stringify(join(dist, 'node.js'))});`, true).specifiers),
    ).toEqual(expect.arrayContaining(['fs', 'crypto']));
    const cjs = modulesLoadedBy(`require(${JSON.stringify(join(dist, 'node.cjs'))});`, false);
    expect(nodeOnly(cjs.specifiers)).toEqual(expect.arrayContaining(['fs', 'crypto']));
    expect(cjs.natives).toEqual(expect.arrayContaining(['crypto', 'fs/promises']));
  });

  it('and the eventstoredb entry loads a client package only for a connection string, the one its scheme names', () => {
    const entry = JSON.stringify(join(dist, 'eventstoredb.cjs'));
    expect(grpc(modulesLoadedBy(`require(${entry});`, false).specifiers)).toEqual([]);
    const connect = (cs: string) =>
      grpc(
        modulesLoadedBy(
          `const s = require(${entry}).connectEventStoreDb(${JSON.stringify(cs)}); s.client().then(() => s.close());`,
          false,
        ).specifiers,
      );
    expect(connect('esdb://127.0.0.1:1?tls=false')).toContain('@eventstore/db-client');
    expect(connect('esdb://127.0.0.1:1?tls=false')).not.toContain('@kurrent/kurrentdb-client');
    expect(connect('kurrentdb://127.0.0.1:1?tls=false')).toContain('@kurrent/kurrentdb-client');
    expect(connect('kdb://127.0.0.1:1?tls=false')).not.toContain('@eventstore/db-client');
  });
});
