/**
 * The EventStore interface on EventStoreDB or KurrentDB: one stream per unit (`<category>-<unitId>`),
 * optimistic concurrency on exact revisions, idempotent appends through deterministic event ids,
 * reads that treat a missing stream as an empty history, and catch-up subscriptions filtered on
 * the server (`$all` by stream prefix, or the category's `$ce-` stream in category mode).
 */
import type { UnitEvent } from '../../events/envelope.js';
import { ConcurrencyError, InputError } from '../../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  SkippedEvent,
  Subscription,
} from '../event-store.js';
import { checkAppend, checkExpectedRevision, newEventsOf } from '../append-checks.js';
import { DEFAULT_MAX_APPEND_BYTES, splitUnder } from './append-parts.js';
import { loadClient } from './load-client.js';
import {
  portOf,
  type EsdbEventData,
  type EsdbExpected,
  type EsdbPort,
  type EventStoreDbClient,
} from './client-port.js';
import { toEventData } from './codec.js';
import { actualRevisionOf, errorKind } from './error-kind.js';
import { readLedger, readUnitStream, type ReadContext, type ReadMode } from './reads.js';
import { withRetries, type RetryPolicy } from './retry.js';
import { DEFAULT_STREAM_PREFIX, streamNames } from './stream-names.js';
import { subscribeToLedger } from './subscription.js';

export interface EventStoreDbStoreOptions {
  /**
   * Stream name = prefix + unit id; the prefix is a category and one `-` (default `warranty_unit-`),
   * so that no other ledger's prefix can extend it (see docs/eventstoredb.md, stream naming).
   */
  readonly streamPrefix?: string | undefined;
  /**
   * Take `streamPrefix` as given, without the category rule: for stores written before it
   * (`warranty-unit-`). Events whose unit is not their stream's are then taken for another
   * ledger's and left out; category mode is not available.
   */
  readonly legacyStreamPrefix?: boolean | undefined;
  /**
   * Where the ledger is read from: `all` (default), `$all` filtered on the server, which needs read
   * access to `$all`; or `category`, the `$ce-<category>` stream of the server's system projections,
   * which needs read access to that stream only (and `$by_category` running).
   */
  readonly mode?: ReadMode | undefined;
  /** Retries of transient failures (unavailable, cancelled, deadline, leader change, reset stream). */
  readonly retry?: RetryPolicy | undefined;
  /** Read-then-append rounds when an `any`/`stream-exists` append races another writer (default 5). */
  readonly conflictRounds?: number | undefined;
  /**
   * The server's MaxAppendSize in bytes (default 1 MiB, the server's default): a larger append is
   * written in parts under it, chained by expected revision (see docs/eventstoredb.md).
   */
  readonly maxAppendBytes?: number | undefined;
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
  /** The client (loaded on first use when the store was given a connection string). */
  client(): Promise<EventStoreDbClient>;
  readonly streamPrefix: string;
  readonly mode: ReadMode;
  append(streamId: string, events: readonly UnitEvent[], options?: AppendOptions): Promise<AppendResult>;
}

const actualRevision = (stored: readonly unknown[]): number | 'no-stream' =>
  stored.length === 0 ? 'no-stream' : stored.length - 1;

const reported = (expected: ExpectedRevision) => (expected === 'stream-exists' ? 'any' : expected);

function storeOn(port: Promise<EsdbPort>, options: EventStoreDbStoreOptions): EventStoreDbStore {
  const names = streamNames(options.streamPrefix ?? DEFAULT_STREAM_PREFIX, options.legacyStreamPrefix === true);
  const mode = options.mode ?? 'all';
  if (mode === 'category' && names.legacy)
    throw new InputError(
      undefined,
      'mode',
      'category mode needs a stream prefix that is a category, not a legacy one',
      'EventStoreDB options',
    );
  const policy = options.retry ?? {};
  const rounds = Math.max(1, options.conflictRounds ?? 5);
  const maxAppendBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
  const subscriptions = new Set<Subscription>();
  // A port that failed to load (no client package) fails each call, not the process.
  port.catch(() => undefined);
  const context = async (): Promise<ReadContext> => ({
    port: await port,
    names,
    mode,
    policy,
    onInvalid: options.onInvalidEvent,
  });
  const readStream = async (streamId: string) => readUnitStream(await context(), streamId);

  async function append(
    streamId: string,
    events: readonly UnitEvent[],
    appendOptions: AppendOptions = {},
  ): Promise<AppendResult> {
    checkAppend(streamId, events);
    const client = await port;
    const expected = appendOptions.expectedRevision ?? 'any';
    // `any` and `stream-exists` are pinned to the revision just read, so the duplicate check
    // above cannot race another writer; a conflict then means "read again", not an error.
    const pinned = expected === 'any' || expected === 'stream-exists';
    // The caller's read (the shell's, the hash chain's) stands for the first read here.
    let known = appendOptions.current;
    for (let round = 1; ; round++) {
      const fromCaller = known !== undefined;
      const stored = known ?? (await readStream(streamId)).map((r) => r.event);
      known = undefined;
      const byId = new Map(stored.map((e) => [e.id, e]));
      const fresh = newEventsOf(events, (id) => byId.get(id));
      const last = stored.length - 1;
      if (fresh.length === 0) return { nextExpectedRevision: last, written: 0 };
      if (pinned) checkExpectedRevision(streamId, expected, last);
      const target = pinned ? last : expected === 'no-stream' ? -1 : expected;
      const data = fresh.map((e) => toEventData(e, appendOptions, fresh[0]!.id));
      try {
        const next = await appendParts(client, names.streamOf(streamId), data, target);
        if (next !== undefined) return { nextExpectedRevision: Number(next), written: fresh.length };
        // A client made with throwOnAppendFailure=false reports a conflict as a result, and on the
        // BatchAppend path with a wrong revision (BigInt of a boolean): read the actual one instead.
        if (!fromCaller && (!pinned || round >= rounds))
          throw new ConcurrencyError(streamId, reported(expected), actualRevision(await readStream(streamId)));
      } catch (error) {
        if (errorKind(error) !== 'conflict') throw error;
        if (!fromCaller && (!pinned || round >= rounds))
          throw new ConcurrencyError(
            streamId,
            reported(expected),
            actualRevisionOf(error) ?? actualRevision(await readStream(streamId)),
          );
      }
    }
  }

  /**
   * Appends in parts under the server's MaxAppendSize, each at the revision the part before it
   * left, each retried with the same event ids (idempotent): the next expected revision, or
   * undefined for a conflict reported as a result.
   */
  async function appendParts(
    client: EsdbPort,
    stream: string,
    data: readonly EsdbEventData[],
    target: number,
  ): Promise<bigint | undefined> {
    let expected: EsdbExpected = target === -1 ? 'no_stream' : BigInt(target);
    for (const part of splitUnder(data, maxAppendBytes)) {
      const result = await withRetries(policy, () => client.append(stream, part, expected));
      if (!result.success) return undefined;
      expected = result.nextExpectedRevision;
    }
    return expected as bigint;
  }

  return {
    client: async () => (await port).client,
    streamPrefix: names.prefix,
    mode,
    append,
    readStream,
    async *readAll(readOptions = {}) {
      yield* readLedger(await context(), readOptions.after);
    },
    subscribe(handler, subscribeOptions = {}) {
      let inner: Subscription | undefined;
      let stopped = false;
      const started = context().then(
        (ctx) => {
          if (!stopped) inner = subscribeToLedger(ctx, handler, subscribeOptions);
        },
        (error: unknown) => subscribeOptions.onError?.(error),
      );
      const subscription: Subscription = {
        async stop() {
          stopped = true;
          subscriptions.delete(subscription);
          await started;
          await inner?.stop();
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },
    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      subscriptions.clear();
      if (options.disposeClient) await (await port.catch(() => undefined))?.dispose();
    },
  };
}

/**
 * An event store on a client the caller created (and disposes of): an `EventStoreDBClient` of
 * `@eventstore/db-client` or a `KurrentDBClient` of `@kurrent/kurrentdb-client`.
 * @example const store = createEventStoreDbStore(KurrentDBClient.connectionString`kurrentdb://localhost:2113?tls=false`);
 */
export function createEventStoreDbStore(
  client: EventStoreDbClient,
  options: EventStoreDbStoreOptions = {},
): EventStoreDbStore {
  return storeOn(Promise.resolve(portOf(client)), options);
}

/**
 * An event store on a client of either package, or on a connection string (`esdb://…`,
 * `kurrentdb://…`, `kdb://…`, and their `+discover` forms): the client package is the one the scheme
 * names, or the other when only that is installed, imported on first use; the store then owns the
 * client and disposes of it on close. The library never starts a server.
 * @example const store = connectEventStoreDb('kurrentdb://localhost:2113?tls=false', { streamPrefix: 'acme-' });
 */
export function connectEventStoreDb(
  clientOrConnectionString: EventStoreDbClient | string,
  options: EventStoreDbStoreOptions = {},
): EventStoreDbStore {
  if (typeof clientOrConnectionString !== 'string') return createEventStoreDbStore(clientOrConnectionString, options);
  const port = loadClient(clientOrConnectionString).then(portOf);
  return storeOn(port, { disposeClient: true, ...options });
}
