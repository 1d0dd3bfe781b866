#!/usr/bin/env node
// `npm run test:live-double`: the live-server test file (test/contract/esdb.int.test.ts) against the
// EventStoreDB protocol test double in its own process, holding 100,000 other applications' events
// in $all, once with each client package (esdb:// for @eventstore/db-client, kurrentdb:// for
// @kurrent/kurrentdb-client). Exits non-zero when a run fails. No real server is involved.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const foreign = Number(process.env.FOREIGN_EVENTS ?? 100_000);
const esbuild = createRequire(createRequire(import.meta.url).resolve('tsup'))('esbuild');
const dir = join(root, 'node_modules', '.cache', 'warranty-ledger-tests');
mkdirSync(dir, { recursive: true });
const script = join(dir, `esdb-live-double-${process.pid}.mjs`);
await esbuild.build({
  entryPoints: [join(root, 'test/support/esdb-test-server/serve.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: script,
  external: ['@grpc/grpc-js', '@eventstore/db-client', '@kurrent/kurrentdb-client'],
  logLevel: 'silent',
});

async function startDouble(protocol) {
  const child = spawn(process.execPath, [script, `protocol=${protocol}`, `foreign=${foreign}`], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdout.setEncoding('utf8');
  let out = '';
  const line = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`the test double exited early (${code})`)));
  });
  const stop = async () => {
    child.stdin.end();
    await once(child, 'exit');
  };
  return { connectionString: line, stop };
}

let failed = false;
try {
  for (const [client, scheme] of [
    ['@eventstore/db-client', 'esdb'],
    ['@kurrent/kurrentdb-client', 'kurrentdb'],
  ]) {
    const started = Date.now();
    const double = await startDouble(scheme === 'esdb' ? 'db-client' : 'kurrentdb');
    const connectionString = double.connectionString.replace(/^esdb:/, `${scheme}:`);
    console.log(
      `== ${client}: ${connectionString}, ${foreign} foreign events (double ready in ${Date.now() - started} ms)`,
    );
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/contract/esdb.int.test.ts'],
      { cwd: root, stdio: 'inherit', env: { ...process.env, EVENTSTORE_CONNECTION_STRING: connectionString } },
    );
    await double.stop();
    if (run.status !== 0) failed = true;
  }
} finally {
  rmSync(script, { force: true });
}
process.exit(failed ? 1 : 0);
