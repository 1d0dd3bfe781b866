/**
 * The event store contract, written once and run against every store (in-memory, file, EventStoreDB
 * over the protocol test double, and a live EventStoreDB when one is configured).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, DuplicateEventError } from '../../src/errors.js';
import type { EventStore } from '../../src/store/event-store.js';
import { describeModelContract } from './model.contract.js';
import { describeSubscriptionContract } from './subscription.contract.js';
import { freshUnitId, idsOf, increasing, readAllOf, visit, visits } from './helpers.js';

export type CreateStore = () => EventStore | Promise<EventStore>;

export function describeEventStoreContract(name: string, createStore: CreateStore): void {
  describe(`event store contract: ${name}`, () => {
    const opened: EventStore[] = [];
    const open = async (): Promise<EventStore> => {
      const store = await createStore();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('appends and reads a stream back, revisions from 0 and growing positions', async () => {
      const store = await open();
      const unit = freshUnitId();
      const result = await store.append(unit, visits(unit, 0, 3), { expectedRevision: 'no-stream' });
      expect(result).toEqual({ nextExpectedRevision: 2, written: 3 });
      const stream = await store.readStream(unit);
      expect(stream.map((r) => [r.event, r.streamId, r.revision])).toEqual(
        visits(unit, 0, 3).map((e, i) => [e, unit, i]),
      );
      expect(increasing(stream)).toBe(true);
    });

    it('reads a missing stream as an empty history and an empty store as nothing', async () => {
      const store = await open();
      expect(await store.readStream(freshUnitId('missing'))).toEqual([]);
      expect(await readAllOf(store)).toEqual([]);
    });

    it('creates a stream once with no-stream; the second no-stream append is a ConcurrencyError', async () => {
      const store = await open();
      const unit = freshUnitId();
      await store.append(unit, [visit(unit, 0)], { expectedRevision: 'no-stream' });
      const error = await store
        .append(unit, [visit(unit, 1)], { expectedRevision: 'no-stream' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: unit, expectedRevision: 'no-stream', actualRevision: 0 });
      expect(idsOf(await store.readStream(unit))).toEqual([visit(unit, 0).id]);
    });

    it('appends at the expected revision; a stale revision throws ConcurrencyError and writes nothing', async () => {
      const store = await open();
      const unit = freshUnitId();
      const first = await store.append(unit, visits(unit, 0, 2), { expectedRevision: 'no-stream' });
      await store.append(unit, [visit(unit, 2)], { expectedRevision: first.nextExpectedRevision });
      const error = await store
        .append(unit, [visit(unit, 3)], { expectedRevision: first.nextExpectedRevision })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: unit, expectedRevision: 1, actualRevision: 2 });
      expect(idsOf(await store.readStream(unit))).toEqual(visits(unit, 0, 3).map((e) => e.id));
      const other = freshUnitId();
      const missing = await store.append(other, [visit(other, 0)], { expectedRevision: 0 }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(ConcurrencyError);
      expect(missing).toMatchObject({ expectedRevision: 0, actualRevision: 'no-stream' });
    });

    it('stream-exists needs an existing stream; any appends whatever the stream holds', async () => {
      const store = await open();
      const unit = freshUnitId();
      const refused = await store
        .append(unit, [visit(unit, 0)], { expectedRevision: 'stream-exists' })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ConcurrencyError);
      expect(refused).toMatchObject({ actualRevision: 'no-stream' });
      expect(await store.append(unit, [visit(unit, 0)], { expectedRevision: 'any' })).toEqual({
        nextExpectedRevision: 0,
        written: 1,
      });
      expect(await store.append(unit, [visit(unit, 1)], { expectedRevision: 'stream-exists' })).toEqual({
        nextExpectedRevision: 1,
        written: 1,
      });
      expect(await store.append(unit, [visit(unit, 2)])).toEqual({ nextExpectedRevision: 2, written: 1 });
    });

    it('stores nothing twice when an append is retried, even with its now stale expected revision', async () => {
      const store = await open();
      const unit = freshUnitId();
      await store.append(unit, visits(unit, 0, 2), { expectedRevision: 'no-stream' });
      expect(await store.append(unit, visits(unit, 0, 2), { expectedRevision: 'no-stream' })).toEqual({
        nextExpectedRevision: 1,
        written: 0,
      });
      expect(await store.append(unit, [visit(unit, 1), visit(unit, 2)], { expectedRevision: 1 })).toEqual({
        nextExpectedRevision: 2,
        written: 1,
      });
      expect(await store.append(unit, [visit(unit, 3), visit(unit, 3)])).toEqual({
        nextExpectedRevision: 3,
        written: 1,
      });
      expect(idsOf(await store.readStream(unit))).toEqual(visits(unit, 0, 4).map((e) => e.id));
    });

    it('refuses the same id with different content and writes nothing of that append', async () => {
      const store = await open();
      const unit = freshUnitId();
      await store.append(unit, [visit(unit, 0)]);
      const error = await store.append(unit, [visit(unit, 1), visit(unit, 0, 'inspection')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateEventError);
      expect(error).toMatchObject({ eventId: visit(unit, 0).id });
      expect(await store.readStream(unit)).toMatchObject([{ event: visit(unit, 0) }]);
    });

    it('reads everything in append order across streams, and resumes after a position', async () => {
      const store = await open();
      const [a, b] = [freshUnitId('A'), freshUnitId('B')];
      await store.append(a, [visit(a, 0)]);
      await store.append(b, visits(b, 0, 2));
      await store.append(a, [visit(a, 1)]);
      const all = await readAllOf(store);
      expect(idsOf(all)).toEqual([visit(a, 0), visit(b, 0), visit(b, 1), visit(a, 1)].map((e) => e.id));
      expect(all.map((r) => [r.streamId, r.revision])).toEqual([
        [a, 0],
        [b, 0],
        [b, 1],
        [a, 1],
      ]);
      expect(increasing(all)).toBe(true);
      expect(idsOf(await readAllOf(store, all[1]!.position))).toEqual(idsOf(all.slice(2)));
      expect(await readAllOf(store, all[3]!.position)).toEqual([]);
    });

    it('lets exactly one of two racing appends at the same revision win', async () => {
      const store = await open();
      const unit = freshUnitId();
      const results = await Promise.allSettled([
        store.append(unit, [visit(unit, 0)], { expectedRevision: 'no-stream' }),
        store.append(unit, [visit(unit, 1)], { expectedRevision: 'no-stream' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.reason).toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(unit)).toHaveLength(1);
    });

    describeSubscriptionContract(open);
    describeModelContract(open, 15);
  });
}
