/**
 * The global order a PostgreSQL reader can trust: a subscriber sees every event exactly once, in
 * position order, even when a transaction that took a lower position commits after one that took
 * a higher one. The first test makes that interleaving happen for certain: a deferred trigger
 * holds one append at its COMMIT (on an advisory lock the test holds) while a second append
 * commits. Without the readers' in-flight guard the subscriber would see the second event, move
 * its position past the first, and never see the first.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/store/event-store.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { idsOf, readAllOf, visit, waitUntil } from '../contract/helpers.js';
import { postgresUrl, skipWithoutPostgres, testDatabase } from '../support/postgres.js';

const HOLD = 424242;

if (postgresUrl) {
  const db = testDatabase();

  describe('PostgreSQL: the order readers see', () => {
    it('holds back a later commit until the transaction before it commits: seen once each, in order', async () => {
      const schema = db.freshSchema();
      const store = createPostgresStore(db.pool, { schema, pollIntervalMs: 20 });
      await readAllOf(store); // migrates
      await db.pool.query(`
        CREATE FUNCTION ${schema}.hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_lock(${HOLD}); PERFORM pg_advisory_unlock(${HOLD}); RETURN NULL; END $$;
        CREATE CONSTRAINT TRIGGER hold_commit AFTER INSERT ON ${schema}.events DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (NEW.stream_id LIKE 'slow-%') EXECUTE FUNCTION ${schema}.hold_commit();`);
      const holder = new pg.Client({ connectionString: postgresUrl });
      await holder.connect();
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribe((r) => void seen.push(r));
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [HOLD]);
        const slow = store.append('slow-1', [visit('slow-1', 0)]);
        let waiting = false;
        const poll = setInterval(async () => {
          const { rows } = await db.pool.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
            [HOLD],
          );
          waiting = rows[0].n > 0;
        }, 10);
        await waitUntil(() => waiting, 'the slow append to wait at its commit', 10_000);
        clearInterval(poll);
        await store.append('fast-1', [visit('fast-1', 0)]);
        // Committed, but above a transaction in flight: no reader sees it yet.
        const { rows } = await db.pool.query(`SELECT stream_id, position FROM ${schema}.events ORDER BY position`);
        expect(rows.map((r) => r.stream_id)).toEqual(['fast-1']);
        expect(await readAllOf(store)).toEqual([]);
        await new Promise((resolve) => setTimeout(resolve, 200)); // several polls of the subscriber
        expect(seen).toEqual([]);
        await holder.query('SELECT pg_advisory_unlock($1)', [HOLD]);
        await slow;
        await waitUntil(() => seen.length >= 2, 'both events');
        expect(idsOf(seen)).toEqual([visit('slow-1', 0).id, visit('fast-1', 0).id]);
        expect(seen[0]!.position < seen[1]!.position).toBe(true);
        expect(idsOf(await readAllOf(store))).toEqual(idsOf(seen));
      } finally {
        await subscription.stop();
        await holder.end();
        await store.close();
      }
    });

    it('concurrent appends from many connections reach a subscriber exactly once each, positions growing', async () => {
      const schema = db.freshSchema();
      const writers = Array.from({ length: 6 }, () => createPostgresStore(db.pool, { schema }));
      const reader = createPostgresStore(db.pool, { schema, pollIntervalMs: 5 });
      await readAllOf(reader);
      const seen: RecordedEvent[] = [];
      const subscription = reader.subscribe((r) => void seen.push(r));
      const expected: string[] = [];
      await Promise.all(
        writers.map(async (store, w) => {
          for (let i = 0; i < 30; i++) {
            const unit = `W${w}-${i % 4}`;
            const event = visit(unit, i);
            expected.push(event.id);
            await store.append(unit, [event]);
          }
        }),
      );
      await waitUntil(() => seen.length >= expected.length, 'every event', 30_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await subscription.stop();
      expect(seen.length).toBe(expected.length);
      expect(new Set(idsOf(seen))).toEqual(new Set(expected));
      expect(seen.every((r, i) => i === 0 || r.position > seen[i - 1]!.position)).toBe(true);
      for (const store of [...writers, reader]) await store.close();
    });
  });
} else skipWithoutPostgres('ordering of concurrent PostgreSQL appends');
