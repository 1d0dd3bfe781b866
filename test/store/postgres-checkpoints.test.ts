/**
 * Checkpoints in PostgreSQL: saved, cleared, kept apart per name and per schema, and a projection
 * run with them resumes after a restart from where it stopped. And the metadata a command leaves:
 * its correlation and causation ids, through the shell and the hash chain, as given.
 */
import { describe, expect, it } from 'vitest';
import { createPolicyBook, handleCommand, withHashChain } from '../../src/index.js';
import { runProjection } from '../../src/store/checkpoints-subscription.js';
import { createPostgresCheckpointStore } from '../../src/store/postgres/checkpoint-store.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { createUnitHistories } from '../../src/store/replay.js';
import { visits, waitUntil } from '../contract/helpers.js';
import { postgresUrl, skipWithoutPostgres, testDatabase } from '../support/postgres.js';
import { maintenance, sale, tickingClock } from '../reliability/support/commands.js';

if (postgresUrl) {
  const db = testDatabase();

  describe('PostgreSQL checkpoints', () => {
    it('saves, reloads and clears a position per name, each schema apart', async () => {
      const a = createPostgresCheckpointStore(db.pool, { schema: db.freshSchema() });
      const b = createPostgresCheckpointStore(db.pool, { schema: db.freshSchema() });
      expect(await a.load('p')).toBeUndefined();
      await a.save('p', 12n);
      await a.save('q', 2n ** 62n);
      await a.save('p', 13n);
      expect([await a.load('p'), await a.load('q'), await b.load('p')]).toEqual([13n, 2n ** 62n, undefined]);
      await a.save('p', undefined);
      expect(await a.load('p')).toBeUndefined();
    });

    it('a projection resumes from the checkpoint it saved in the database', async () => {
      const schema = db.freshSchema();
      const store = createPostgresStore(db.pool, { schema, pollIntervalMs: 50 });
      const checkpoints = createPostgresCheckpointStore(db.pool, { schema });
      await store.append('U-1', visits('U-1', 0, 3));
      const first = createUnitHistories('pg-resume');
      let caughtUp = false;
      const running = await runProjection(store, first, { checkpoints, onCaughtUp: () => (caughtUp = true) });
      await waitUntil(() => caughtUp, 'first run caught up');
      await running.stop();
      expect(await checkpoints.load('pg-resume')).toBe(first.position);
      await store.append('U-1', visits('U-1', 3, 2));
      const second = createUnitHistories('pg-resume');
      caughtUp = false;
      const resumed = await runProjection(store, second, { checkpoints, onCaughtUp: () => (caughtUp = true) });
      await waitUntil(() => caughtUp, 'second run caught up');
      await resumed.stop();
      expect(second.events().map((e) => e.id)).toEqual(visits('U-1', 3, 2).map((e) => e.id));
      await store.close();
    });

    it("keeps a command's correlation and causation ids as given; without them the command id stands for both", async () => {
      const schema = db.freshSchema();
      const store = withHashChain(createPostgresStore(db.pool, { schema }));
      const options = { policies: createPolicyBook(), now: tickingClock() };
      await handleCommand(
        store,
        { ...sale('U-1', 'U-1-c1', 0), correlationId: 'conv-9', causationId: 'req-3' },
        options,
      );
      await handleCommand(store, maintenance('U-1', 'U-1-c2', 60), options);
      const { rows } = await db.pool.query(`SELECT metadata FROM ${schema}.events ORDER BY position`);
      expect(rows[0].metadata).toMatchObject({ correlationId: 'conv-9', causationId: 'req-3' });
      expect(rows.at(-1).metadata).toMatchObject({ correlationId: 'U-1-c2', causationId: 'U-1-c2' });
      await store.close();
    });
  });
} else skipWithoutPostgres('PostgreSQL checkpoints');
