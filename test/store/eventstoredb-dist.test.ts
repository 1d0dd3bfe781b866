/**
 * The built `warranty-ledger/eventstoredb` entry: ESM and CJS, sharing the core's classes, and the
 * core and the CLI's file commands never loading gRPC. Runs against dist/ (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server/index.js';
import { visit } from '../contract/helpers.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
let server: EsdbTestServer;
beforeAll(async () => {
  if (!existsSync(join(dist, 'eventstoredb.js')))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  server = await startEsdbTestServer();
});
afterAll(() => server.stop());

/** Whether a fresh node process run with `args` loads @grpc/grpc-js (reported by a preloaded probe on exit). */
function loadsGrpc(args: string[]): boolean {
  const probe = join(mkdtempSync(join(tmpdir(), 'wl-probe-')), 'probe.cjs');
  writeFileSync(
    probe,
    "process.on('exit', () => process.stderr.write(Object.keys(require.cache).some((k) => k.includes('@grpc')) ? '[grpc loaded]' : '[no grpc]'));",
  );
  const { stderr } = spawnSync(process.execPath, ['-r', probe, ...args], { encoding: 'utf8' });
  expect(stderr).toMatch(/\[(grpc loaded|no grpc)\]$/);
  return stderr.endsWith('[grpc loaded]');
}

describe('the built eventstoredb entry', () => {
  it('loads as ESM and CJS, and its conflicts are the core ConcurrencyError', async () => {
    const esm = [await import(join(dist, 'eventstoredb.js')), await import(join(dist, 'index.js'))];
    const require = createRequire(import.meta.url);
    const cjs = [require(join(dist, 'eventstoredb.cjs')), require(join(dist, 'index.cjs'))];
    for (const [adapter, core] of [esm, cjs]) {
      const store = adapter.connectEventStoreDb(server.connectionString, {
        streamPrefix: `dist_${String(adapter === esm[0])}-`,
      });
      await store.append('U-1', [visit('U-1', 0)], { expectedRevision: 'no-stream' });
      const error = await store
        .append('U-1', [visit('U-1', 1)], { expectedRevision: 'no-stream' })
        .catch((e: unknown) => e);
      await store.close();
      expect(error).toBeInstanceOf(core.ConcurrencyError);
      expect(core.isConcurrencyError(error)).toBe(true);
    }
  });

  it('is the only entry that loads gRPC, on connecting: not the core, not the CLI on a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wl-dist-')), 'events.jsonl');
    writeFileSync(file, '');
    expect(loadsGrpc(['-e', `require(${JSON.stringify(join(dist, 'index.cjs'))})`])).toBe(false);
    expect(loadsGrpc(['--input-type=module', '-e', `await import(${JSON.stringify(join(dist, 'index.js'))})`])).toBe(
      false,
    );
    expect(loadsGrpc([join(dist, 'cli.js'), 'state', file, '--json'])).toBe(false);
    expect(loadsGrpc(['-e', `require(${JSON.stringify(join(dist, 'eventstoredb.cjs'))})`])).toBe(false);
    const connecting = `const s = require(${JSON.stringify(join(dist, 'eventstoredb.cjs'))}).connectEventStoreDb('esdb://127.0.0.1:1?tls=false'); s.client().then(() => s.close())`;
    expect(loadsGrpc(['-e', connecting])).toBe(true);
  });
});
