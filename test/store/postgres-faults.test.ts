/**
 * Faults on a real PostgreSQL server: the importing process killed with SIGKILL, a server
 * connection terminated in the middle of an append's transaction (`pg_terminate_backend`), and a
 * subscription's listening connection terminated. No acknowledged event is lost, nothing is left
 * half-written (a unit is all there or not at all), and work resumes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { RecordedEvent } from '../../src/store/event-store.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { idsOf, readAllOf, visit, visits, waitUntil } from '../contract/helpers.js';
import { postgresUrl, skipWithoutPostgres, testDatabase } from '../support/postgres.js';

const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const generator = fileURLToPath(new URL('../../bench/generate.mjs', import.meta.url));
const HOLD = 515151;

async function cli(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: () => {},
    now: () => new Date(),
    stderrIsTty: false,
  });
  return { code, stdout };
}

/** Holds every commit of an append to a `slow-` stream on an advisory lock the test holds. */
async function holdCommits(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`
    CREATE FUNCTION ${schema}.hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_advisory_lock(${HOLD}); PERFORM pg_advisory_unlock(${HOLD}); RETURN NULL; END $$;
    CREATE CONSTRAINT TRIGGER hold_commit AFTER INSERT ON ${schema}.events DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.stream_id LIKE 'slow-%') EXECUTE FUNCTION ${schema}.hold_commit();`);
}

/** The backend pids waiting on the hold lock. */
async function heldBackends(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
    [HOLD],
  );
  return rows.map((r) => r.pid);
}

if (postgresUrl) {
  const db = testDatabase();

  describe('PostgreSQL under faults', () => {
    it('an import killed with SIGKILL leaves whole units only, and a second import completes it', async () => {
      const schema = db.freshSchema();
      const store = `${postgresUrl}${postgresUrl!.includes('?') ? '&' : '?'}schema=${schema}`;
      const dir = mkdtempSync(join(tmpdir(), 'wl-pg-kill-'));
      const fleet = join(dir, 'fleet.jsonl');
      writeFileSync(
        fleet,
        execFileSync(process.execPath, [generator, '--events', '30000', '--seed', '5'], { maxBuffer: 1 << 28 }),
      );
      const perUnit = new Map<string, number>();
      for (const line of readFileSync(fleet, 'utf8').split('\n'))
        if (line) {
          const unitId = (JSON.parse(line) as { unitId: string }).unitId;
          perUnit.set(unitId, (perUnit.get(unitId) ?? 0) + 1);
        }
      const total = [...perUnit.values()].reduce((a, b) => a + b, 0);

      const child = spawn(process.execPath, [bin, 'import', fleet, '--store', store], { stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? -9 : _code)),
      );
      const count = async () => {
        const exists = await db.pool.query(`SELECT to_regclass('${schema}.events') AS t`);
        if (!exists.rows[0].t) return 0;
        return (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.events`)).rows[0]!.n;
      };
      let stored = 0;
      for (const deadline = Date.now() + 60_000; stored === 0 && Date.now() < deadline; ) stored = await count();
      child.kill('SIGKILL');
      expect(await exited).toBe(-9);
      const after = await count();
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThan(total);

      const { rows } = await db.pool.query<{ stream_id: string; n: number; top: number }>(
        `SELECT stream_id, count(*)::int AS n, max(stream_revision) AS top FROM ${schema}.events GROUP BY stream_id`,
      );
      for (const row of rows) {
        expect(row.n).toBe(perUnit.get(row.stream_id));
        expect(row.top).toBe(row.n - 1);
      }

      const resumed = await cli(['import', fleet, '--store', store]);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain(`wrote ${total - after}, skipped ${after} already stored`);
      const fromFile = await cli(['state', fleet, '--as-of', '2025-12-31', '--json']);
      const fromStore = await cli(['state', '--store', store, '--as-of', '2025-12-31', '--json']);
      expect(fromStore.stdout).toBe(fromFile.stdout);
    });

    it('an append whose connection is terminated mid-transaction is retried on a new one: stored once, the position lock free', async () => {
      const schema = db.freshSchema();
      const store = createPostgresStore(db.pool, { schema, retry: { backoffMs: 10 } });
      await readAllOf(store);
      await holdCommits(db.pool, schema);
      const holder = new pg.Client({ connectionString: postgresUrl });
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [HOLD]);
        const appended = store.append('slow-1', visits('slow-1', 0, 3), { expectedRevision: 'no-stream' });
        let pids: number[] = [];
        for (const deadline = Date.now() + 10_000; pids.length === 0 && Date.now() < deadline; )
          pids = await heldBackends(db.pool);
        expect(pids).toHaveLength(1);
        // Nothing of it is visible, and other appends are not blocked by it.
        await store.append('fast-1', [visit('fast-1', 0)]);
        await db.pool.query('SELECT pg_terminate_backend($1)', [pids[0]]);
        // The retry waits at its commit too; let it through.
        await holder.query('SELECT pg_advisory_unlock($1)', [HOLD]);
        const result = await appended;
        expect(result.nextExpectedRevision).toBe(2);
        expect(idsOf(await store.readStream('slow-1'))).toEqual(
          idsOf(visits('slow-1', 0, 3).map((event) => ({ event }) as RecordedEvent)),
        );
        const all = await readAllOf(store);
        expect(all.map((r) => r.streamId)).toEqual(['fast-1', 'slow-1', 'slow-1', 'slow-1']);
        await store.append('fast-1', [visit('fast-1', 1)], { expectedRevision: 0 });
      } finally {
        await holder.end();
        await store.close();
      }
    });

    it('a subscription whose listening connection is terminated listens again and misses nothing', async () => {
      const schema = db.freshSchema();
      const store = createPostgresStore(db.pool, { schema, pollIntervalMs: 600_000, retry: { backoffMs: 10 } });
      await store.append('U-1', [visit('U-1', 0)]);
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribe((r) => void seen.push(r));
      try {
        await waitUntil(() => seen.length === 1, 'the stored event');
        const listening = async () =>
          (
            await db.pool.query<{ pid: number }>(
              `SELECT pid FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()`,
              [`LISTEN ${schema}_appended`],
            )
          ).rows.map((r) => r.pid);
        let pids: number[] = [];
        for (const deadline = Date.now() + 10_000; pids.length === 0 && Date.now() < deadline; )
          pids = await listening();
        expect(pids).toHaveLength(1);
        await db.pool.query('SELECT pg_terminate_backend($1)', [pids[0]]);
        let again: number[] = [];
        for (
          const deadline = Date.now() + 10_000;
          (again.length === 0 || again[0] === pids[0]) && Date.now() < deadline;
        )
          again = await listening();
        expect(again).toHaveLength(1);
        expect(again[0]).not.toBe(pids[0]);
        await store.append('U-1', [visit('U-1', 1)]);
        // No poll for ten minutes: only the new LISTEN can bring it.
        await waitUntil(() => seen.length === 2, 'the event appended after the reconnect');
        expect(idsOf(seen)).toEqual([visit('U-1', 0).id, visit('U-1', 1).id]);
      } finally {
        await subscription.stop();
        await store.close();
      }
    });
  });
} else skipWithoutPostgres('PostgreSQL under faults');
