/**
 * Faults the real server cannot give on demand, injected by the protocol test double, on both
 * append paths. Each case ends with nothing lost and nothing stored twice, checked in the double's
 * own log as well as through the adapter.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/store/event-store.js';
import type { EventStoreDbStore } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { connectEventStoreDb } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { errorKind } from '../../src/store/eventstoredb/error-kind.js';
import {
  connectionStringFor,
  freshPrefix,
  testServerStores,
  type ClientKind,
} from '../support/esdb-test-server/stores.js';
import { freshUnitId, idsOf, readAllOf, visit, visits, waitUntil } from '../contract/helpers.js';

/** The fault cases through one client package (one per test file). */
export function describeEsdbFaults(client: ClientKind): void {
  describe.each([true, false])(
    `EventStoreDB adapter (${client}) under faults (BatchAppend offered: %s)`,
    (batchAppend) => {
      const stores = testServerStores({ batchAppend, client });
      const opened: EventStoreDbStore[] = [];
      afterEach(async () => void (await Promise.all(opened.splice(0).map((s) => s.close()))));
      afterAll(() => stores.stop());

      async function open(): Promise<EventStoreDbStore> {
        const store = await stores.create();
        opened.push(store);
        return store;
      }

      /** The unit's stream as the double stored it: every ledger id once, in order. */
      async function storedIds(store: EventStoreDbStore, unit: string): Promise<string[]> {
        const raw = (await stores.server()).log.stream(`${store.streamPrefix}${unit}`) ?? [];
        return raw.map(
          (e) => (JSON.parse(Buffer.from(e.customMetadata).toString()) as { ledgerEventId: string }).ledgerEventId,
        );
      }

      it('retries an append whose reply was lost after it was committed, and stores it once', async () => {
        const store = await open();
        const server = await stores.server();
        const unit = freshUnitId();
        const fired = server.faults.fired.lostReplies;
        server.faults.loseAppendReplies(1);
        expect(await store.append(unit, visits(unit, 0, 2), { expectedRevision: 'no-stream' })).toEqual({
          nextExpectedRevision: 1,
          written: 2,
        });
        server.faults.loseAppendReplies(1);
        expect(await store.append(unit, [visit(unit, 2)], { expectedRevision: 1 })).toEqual({
          nextExpectedRevision: 2,
          written: 1,
        });
        server.faults.loseAppendReplies(1);
        expect(await store.append(unit, [visit(unit, 3)])).toEqual({ nextExpectedRevision: 3, written: 1 });
        expect(server.faults.fired.lostReplies - fired).toBe(3);
        expect(await storedIds(store, unit)).toEqual(visits(unit, 0, 4).map((e) => e.id));
        expect(idsOf(await store.readStream(unit))).toEqual(visits(unit, 0, 4).map((e) => e.id));
      });

      it('resumes a stream read and a $all read that failed midway, without losing or repeating an event', async () => {
        const store = await open();
        const server = await stores.server();
        const unit = freshUnitId();
        await store.append(unit, visits(unit, 0, 5));
        const fired = server.faults.fired.readFailures;
        server.faults.failReadAfter(2);
        expect(idsOf(await store.readStream(unit))).toEqual(visits(unit, 0, 5).map((e) => e.id));
        // db-client v6 has no filtered read: its ledger read of $all is a filtered subscription up to the end.
        const drops = server.faults.fired.subscriptionDrops;
        if (client === 'db-client') server.faults.dropSubscriptionAfter(3);
        else server.faults.failReadAfter(3);
        expect(idsOf(await readAllOf(store))).toEqual(visits(unit, 0, 5).map((e) => e.id));
        expect(server.faults.fired.readFailures - fired).toBe(client === 'db-client' ? 1 : 2);
        expect(server.faults.fired.subscriptionDrops - drops).toBe(client === 'db-client' ? 1 : 0);
      });

      it('resumes a subscription dropped mid-stream (catch-up read and live) after the last event delivered', async () => {
        const store = await open();
        const server = await stores.server();
        const unit = freshUnitId();
        await store.append(unit, visits(unit, 0, 4));
        const drops = server.faults.fired.subscriptionDrops;
        if (client === 'db-client') server.faults.dropSubscriptionAfter(2);
        else server.faults.failReadAfter(2);
        server.faults.dropSubscriptionAfter(1);
        const seen: RecordedEvent[] = [];
        let caughtUp = false;
        const subscription = store.subscribe((r) => void seen.push(r), { onCaughtUp: () => (caughtUp = true) });
        await waitUntil(() => caughtUp, 'caught up');
        for (let n = 4; n < 8; n++) await store.append(unit, [visit(unit, n)]);
        await waitUntil(() => seen.length >= 8, 'live events after the drop');
        await subscription.stop();
        expect(server.faults.fired.subscriptionDrops - drops).toBe(client === 'db-client' ? 2 : 1);
        expect(idsOf(seen)).toEqual(visits(unit, 0, 8).map((e) => e.id));
        expect(await storedIds(store, unit)).toEqual(visits(unit, 0, 8).map((e) => e.id));
      });

      it('rides out a server that refuses a few calls', async () => {
        const store = await open();
        const server = await stores.server();
        const unit = freshUnitId();
        server.faults.refuseCalls(2);
        expect(await store.append(unit, visits(unit, 0, 2))).toEqual({ nextExpectedRevision: 1, written: 2 });
        server.faults.refuseCalls(1);
        expect(idsOf(await store.readStream(unit))).toEqual(visits(unit, 0, 2).map((e) => e.id));
        expect(await storedIds(store, unit)).toEqual(visits(unit, 0, 2).map((e) => e.id));
      });

      it('gives up after its retry budget with the client error, having stored nothing', async () => {
        const server = await stores.server();
        const store = connectEventStoreDb(connectionStringFor(server.connectionString, client), {
          streamPrefix: freshPrefix(),
          retry: { attempts: 3, backoffMs: 1 },
        });
        opened.push(store);
        const unit = freshUnitId();
        server.faults.refuseCalls(3);
        const error = await store.append(unit, [visit(unit, 0)]).catch((e: unknown) => e);
        expect(error).toMatchObject({ type: 'unavailable' });
        expect(errorKind(error)).toBe('transient');
        expect(await storedIds(store, unit)).toEqual([]);
        expect(await store.append(unit, [visit(unit, 0)])).toEqual({ nextExpectedRevision: 0, written: 1 });
      });
    },
  );
}
