// PostgreSQL (when POSTGRES_URL names a server): `import` of a fleet file into a fresh schema,
// events per second; then `state --store postgres://…` against `state FILE` on the same fleet,
// both as child processes of the built CLI, with their outputs compared byte for byte.
// Without a server the figures are null and named as skipped.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function timed(args) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`warranty-ledger ${args[0]} failed (exit ${child.status}): ${child.stderr}`);
  return { ms, stdout: child.stdout };
}

export async function measurePostgres(fleetFile, events, asOf) {
  const url = process.env.POSTGRES_URL;
  if (!url) return { skipped: 'no PostgreSQL server (set POSTGRES_URL)', events };
  const pg = (await import('pg')).default;
  const schema = `wl_bench_${process.pid}`;
  const store = `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const imported = timed(['import', fleetFile, '--store', store]);
    const again = timed(['import', fleetFile, '--store', store]);
    const fromFile = timed(['state', fleetFile, '--as-of', asOf, '--json']);
    const fromStore = timed(['state', '--store', store, '--as-of', asOf, '--json']);
    return {
      events,
      importEventsPerSecond: Math.round(events / (imported.ms / 1000)),
      secondImportMs: Math.round(again.ms),
      secondImportWroteNothing: /wrote 0,/.test(again.stdout),
      stateFileMs: Math.round(fromFile.ms),
      stateStoreMs: Math.round(fromStore.ms),
      // File time over store time: 1 would be as fast as the file.
      stateStoreRatio: Math.round((fromFile.ms / fromStore.ms) * 100) / 100,
      identicalOutput: fromFile.stdout === fromStore.stdout,
    };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await pool.end();
  }
}
