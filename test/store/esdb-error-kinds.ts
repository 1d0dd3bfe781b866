/**
 * Client errors are told apart by what they say (`type`, `name`, gRPC code), not by `instanceof`:
 * a client from another copy of the package keeps its missing streams, conflicts and retries; and
 * transient failures, a reset HTTP/2 stream included, are retried, in live subscriptions too.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../../src/errors.js';
import type { RecordedEvent } from '../../src/store/event-store.js';
import { errorKind } from '../../src/store/eventstoredb/error-kind.js';
import type { EventStoreDbClient } from '../../src/store/eventstoredb/client-port.js';
import { createEventStoreDbStore, type EventStoreDbStore } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { loadClient } from '../../src/store/eventstoredb/load-client.js';
import { asOtherCopy, copyOfError } from '../support/esdb-test-server/other-copy.js';
import {
  connectionStringFor,
  freshPrefix,
  testServerStores,
  type ClientKind,
} from '../support/esdb-test-server/stores.js';
import { freshUnitId, idsOf, visit, visits, waitUntil } from '../contract/helpers.js';

/** The cases through one client package (one per test file). */
export function describeErrorKinds(client: ClientKind): void {
  const stores = testServerStores({ client });
  const opened: EventStoreDbStore[] = [];
  const clients: EventStoreDbClient[] = [];
  afterEach(async () => void (await Promise.all(opened.splice(0).map((s) => s.close()))));
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await stores.stop();
  });

  async function otherCopyStore(): Promise<EventStoreDbStore> {
    const made = await loadClient(connectionStringFor((await stores.server()).connectionString, client));
    clients.push(made);
    const store = createEventStoreDbStore(asOtherCopy(made), { streamPrefix: freshPrefix(), retry: { backoffMs: 1 } });
    opened.push(store);
    return store;
  }

  describe(`client errors by kind (${client})`, () => {
    it('classifies by type, name or gRPC code, whatever the class', () => {
      expect(errorKind(copyOfError(Object.assign(new Error('x'), { type: 'stream-not-found' })))).toBe('not-found');
      expect(errorKind({ name: 'WrongExpectedVersionError' })).toBe('conflict');
      expect(errorKind({ type: 'wrong-expected-version' })).toBe('conflict');
      for (const type of ['unavailable', 'deadline-exceeded', 'not-leader', 'cancelled', 'timeout'])
        expect(errorKind({ type })).toBe('transient');
      expect(errorKind({ name: 'UnavailableError' })).toBe('transient');
      expect(errorKind({ code: 14 })).toBe('transient');
      expect(errorKind({ code: 4 })).toBe('transient');
      const reset = { type: 'unknown', code: 13, message: '13 INTERNAL: Received RST_STREAM with code 2' };
      expect(errorKind(reset)).toBe('transient');
      expect(errorKind({ type: 'unknown', code: 13, message: '13 INTERNAL: boom' })).toBe('other');
      expect(errorKind({ type: 'access-denied', code: 7 })).toBe('other');
      expect(errorKind(new TypeError('x'))).toBe('other');
    });

    it('with a client from another copy of the package: a missing stream is empty, conflicts are ConcurrencyError, refusals are retried', async () => {
      const store = await otherCopyStore();
      const server = await stores.server();
      const unit = freshUnitId();
      expect(await store.readStream(unit)).toEqual([]);
      server.faults.refuseCalls(2);
      expect(await store.append(unit, visits(unit, 0, 2), { expectedRevision: 'no-stream' })).toEqual({
        nextExpectedRevision: 1,
        written: 2,
      });
      const conflict = await store.append(unit, [visit(unit, 2)], { expectedRevision: 0 }).catch((e: unknown) => e);
      expect(conflict).toBeInstanceOf(ConcurrencyError);
      expect(conflict).toMatchObject({ expectedRevision: 0, actualRevision: 1 });
      server.faults.failReadAfter(1);
      expect(idsOf(await store.readStream(unit))).toEqual(visits(unit, 0, 2).map((e) => e.id));
    });

    it('resumes a live subscription dropped by a reset HTTP/2 stream (INTERNAL: RST_STREAM), losing and repeating nothing', async () => {
      const store = await stores.create();
      opened.push(store);
      const server = await stores.server();
      const unit = freshUnitId();
      await store.append(unit, visits(unit, 0, 2));
      const seen: RecordedEvent[] = [];
      let caughtUp = false;
      const errors: unknown[] = [];
      const drops = server.faults.fired.subscriptionDrops;
      // db-client v6 catches up through a filtered subscription: reset it, let its retry be, reset the live one.
      if (client === 'db-client') {
        server.faults.dropSubscriptionAfter(1, 'reset');
        server.faults.dropSubscriptionAfter(1e9);
      }
      server.faults.dropSubscriptionAfter(1, 'reset');
      const subscription = store.subscribe((r) => void seen.push(r), {
        onCaughtUp: () => (caughtUp = true),
        onError: (e) => errors.push(e),
      });
      await waitUntil(() => caughtUp, 'caught up');
      for (let n = 2; n < 6; n++) await store.append(unit, [visit(unit, n)]);
      await waitUntil(() => seen.length >= 6 || errors.length > 0, 'live events after the resets');
      await subscription.stop();
      expect(errors).toEqual([]);
      expect(server.faults.fired.subscriptionDrops - drops).toBe(client === 'db-client' ? 2 : 1);
      expect(idsOf(seen)).toEqual(visits(unit, 0, 6).map((e) => e.id));
    });
  });
}
