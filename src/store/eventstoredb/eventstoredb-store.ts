/**
 * The EventStore interface on EventStoreDB: one stream per unit (`<prefix><unitId>`), optimistic
 * concurrency on exact revisions, idempotent appends through deterministic event ids, reads that
 * treat a missing stream as an empty history, and catch-up subscriptions over `$all`.
 */
import {
  EventStoreDBClient,
  NO_STREAM,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
} from '@eventstore/db-client';
import type { UnitEvent } from '../../events/envelope.js';
import { ConcurrencyError } from '../../errors.js';
import type { AppendResult, EventStore, ExpectedRevision, SkippedEvent, Subscription } from '../event-store.js';
import { checkAppend, checkExpectedRevision, newEventsOf } from '../append-checks.js';
import { toEventData, type CausalIds } from './codec.js';
import { readLedgerAll, readUnitStream } from './reads.js';
import { withRetries, type RetryPolicy } from './retry.js';
import { subscribeToLedger } from './subscription.js';

export interface EventStoreDbStoreOptions {
  /** Stream name = prefix + unit id (default `warranty-unit-`); subscriptions filter `$all` on it. */
  readonly streamPrefix?: string | undefined;
  /** Retries of transient failures (unavailable, cancelled, deadline, leader change). */
  readonly retry?: RetryPolicy | undefined;
  /** Read-then-append rounds when an `any`/`stream-exists` append races another writer (default 5). */
  readonly conflictRounds?: number | undefined;
  /** Dispose of the client on close (default false: whoever created the client disposes of it). */
  readonly disposeClient?: boolean | undefined;
  /**
   * For reading the rest of a store that holds events its reader rejects (an older version wrote
   * them): each is handed here and left out of reads instead of failing them. Only for reading:
   * appends to a stream with a skipped event see the wrong revision. Nothing is rewritten.
   */
  readonly onInvalidEvent?: ((skipped: SkippedEvent) => void) | undefined;
}

/** An EventStore on EventStoreDB; appends may also carry correlation and causation ids. */
export interface EventStoreDbStore extends EventStore {
  readonly client: EventStoreDBClient;
  readonly streamPrefix: string;
  append(
    streamId: string,
    events: readonly UnitEvent[],
    options?: { expectedRevision?: ExpectedRevision } & CausalIds,
  ): Promise<AppendResult>;
}

const actualRevision = (stored: readonly unknown[]): number | 'no-stream' =>
  stored.length === 0 ? 'no-stream' : stored.length - 1;

function conflictOf(streamId: string, expected: ExpectedRevision, error: WrongExpectedVersionError): ConcurrencyError {
  const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no-stream';
  return new ConcurrencyError(streamId, expected === 'stream-exists' ? 'any' : expected, actual);
}

/**
 * An event store on an EventStoreDB client the caller created (and disposes of).
 * @example const store = createEventStoreDbStore(EventStoreDBClient.connectionString`esdb://localhost:2113?tls=false`);
 */
export function createEventStoreDbStore(
  client: EventStoreDBClient,
  options: EventStoreDbStoreOptions = {},
): EventStoreDbStore {
  const prefix = options.streamPrefix ?? 'warranty-unit-';
  const policy = options.retry ?? {};
  const rounds = Math.max(1, options.conflictRounds ?? 5);
  const subscriptions = new Set<Subscription>();
  const streamName = (streamId: string): string => `${prefix}${streamId}`;
  const readStream = (streamId: string) =>
    readUnitStream(client, streamName(streamId), prefix, policy, options.onInvalidEvent);

  async function append(
    streamId: string,
    events: readonly UnitEvent[],
    appendOptions: { expectedRevision?: ExpectedRevision } & CausalIds = {},
  ): Promise<AppendResult> {
    checkAppend(streamId, events);
    const expected = appendOptions.expectedRevision ?? 'any';
    // `any` and `stream-exists` are pinned to the revision just read, so the duplicate check
    // above cannot race another writer; a conflict then means "read again", not an error.
    const pinned = expected === 'any' || expected === 'stream-exists';
    for (let round = 1; ; round++) {
      const stored = await readStream(streamId);
      const byId = new Map(stored.map((r) => [r.event.id, r.event]));
      const fresh = newEventsOf(events, (id) => byId.get(id));
      const last = stored.length - 1;
      if (fresh.length === 0) return { nextExpectedRevision: last, written: 0 };
      if (pinned) checkExpectedRevision(streamId, expected, last);
      const target = pinned ? last : expected === 'no-stream' ? -1 : expected;
      const expectedRevision: AppendExpectedRevision = target === -1 ? NO_STREAM : BigInt(target);
      const data = fresh.map((e) => toEventData(e, appendOptions, fresh[0]!.id));
      try {
        const result = await withRetries(policy, () =>
          client.appendToStream(streamName(streamId), data, { expectedRevision }),
        );
        if (result.success) return { nextExpectedRevision: Number(result.nextExpectedRevision), written: fresh.length };
        // A client made with throwOnAppendFailure=false reports a conflict as a result, and on the
        // BatchAppend path with a wrong revision (BigInt of a boolean): read the actual one instead.
        if (!pinned || round >= rounds)
          throw new ConcurrencyError(
            streamId,
            expected === 'stream-exists' ? 'any' : expected,
            actualRevision(await readStream(streamId)),
          );
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (!pinned || round >= rounds) throw conflictOf(streamId, expected, error);
      }
    }
  }

  return {
    client,
    streamPrefix: prefix,
    append,
    readStream,
    readAll: (readOptions = {}) => readLedgerAll(client, prefix, readOptions.after, policy, options.onInvalidEvent),
    subscribe(handler, subscribeOptions = {}) {
      const subscription = subscribeToLedger(client, prefix, policy, handler, subscribeOptions);
      subscriptions.add(subscription);
      return {
        async stop() {
          subscriptions.delete(subscription);
          await subscription.stop();
        },
      };
    },
    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      subscriptions.clear();
      if (options.disposeClient) await client.dispose();
    },
  };
}

/**
 * Connects to EventStoreDB with a connection string (`esdb://…`, `esdb+discover://…`); the store
 * owns the client and disposes of it on close. The library never starts a server.
 * @example const store = connectEventStoreDb('esdb://localhost:2113?tls=false');
 */
export function connectEventStoreDb(
  connectionString: string,
  options: Omit<EventStoreDbStoreOptions, 'disposeClient'> = {},
): EventStoreDbStore {
  return createEventStoreDbStore(EventStoreDBClient.connectionString(connectionString), {
    ...options,
    disposeClient: true,
  });
}
