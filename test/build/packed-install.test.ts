/**
 * The packed package, installed into a fresh app the way a user installs it: its production tree
 * holds no gRPC (the EventStoreDB client is an optional peer), and its main entry runs
 * `createLedger` with the default (portable) hash chain on a tiny history. Needs dist/ (npm test
 * builds first) and the npm registry for the app's install (the npm cache makes it quick).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
  });

let app: string;
beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'index.js')))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const work = mkdtempSync(join(tmpdir(), 'wl-pack-'));
  npm(['pack', '--pack-destination', work, '--ignore-scripts'], root);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
  app = join(work, 'app');
  execFileSync('mkdir', [app]);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'wl-app', version: '1.0.0', private: true, type: 'module' }),
  );
  npm(['install', join(work, tarball)], app);
}, 180_000);

describe('the packed package in an app', () => {
  it('installs no gRPC: the EventStoreDB client is an optional peer', () => {
    const tree = npm(['ls', '--omit=dev', '--omit=optional', '--omit=peer', '--all'], app);
    expect(tree).toContain('warranty-ledger@');
    expect(tree).toContain('@noble/hashes@');
    expect(tree).not.toContain('@grpc/');
    // npm names the optional peer it left out ("UNMET OPTIONAL DEPENDENCY"): listed, never installed.
    expect(tree).not.toMatch(/^(?!.*UNMET OPTIONAL).*@eventstore\//m);
    expect(existsSync(join(app, 'node_modules', '@grpc'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', '@eventstore'))).toBe(false);
    // zod is a peer, installed once for the app (npm installs required peers).
    expect(existsSync(join(app, 'node_modules', 'zod', 'package.json'))).toBe(true);
  });

  it('runs createLedger with its default hash chain from the main entry, as ESM and as CJS', () => {
    const script = (load: string) => `
      ${load}
      const ledger = createLedger({ now: () => new Date('2025-03-01T00:00:00Z') });
      const data = { serialNumber: 'S-1', brand: 'B', model: 'M', customerId: 'C-1', policyId: 'standard-1y' };
      ledger.execute({ type: 'RegisterSale', commandId: 'c-1', unitId: 'U-1', occurredAt: '2025-01-10T09:00:00Z', data })
        .then(() => ledger.events())
        .then(async (events) => {
          const view = (await ledger.unit('U-1', { asOf: '2025-02-01' })).view;
          const report = verifyChains(streamsOf(events));
          console.log(JSON.stringify({ hash: events[0].hash, sealed: report.sealed, ok: report.ok, status: view.status }));
        });`;
    const esm = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script("import { createLedger, verifyChains, streamsOf } from 'warranty-ledger';")],
      { cwd: app, encoding: 'utf8' },
    );
    const cjs = execFileSync(
      process.execPath,
      ['-e', script("const { createLedger, verifyChains, streamsOf } = require('warranty-ledger');")],
      { cwd: app, encoding: 'utf8' },
    );
    const result = JSON.parse(esm);
    expect(result).toMatchObject({ sealed: 1, ok: true, status: 'active' });
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(cjs)).toEqual(result);
  });

  it('serves warranty-ledger/node beside it', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('warranty-ledger/node'); console.log(typeof m.openFileStore, typeof m.nodeSha256)",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('function function');
  });
});
