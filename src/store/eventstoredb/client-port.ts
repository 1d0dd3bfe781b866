/**
 * The two EventStoreDB clients behind one small port: `@eventstore/db-client` (v6: reads are
 * Readable streams with `cancel`, `expectedRevision`, `actualVersion`) and `@kurrent/kurrentdb-client`
 * (reads are plain async iterators, `streamState`, `actualState`, and `$all` reads take a server-side
 * filter). Both speak the same gRPC protocol; the adapter calls only what is here. Nothing here
 * imports either package: a client is used as the object it is, and `loadClient` imports a package
 * only when given a connection string.
 */
import type { Readable } from 'node:stream';

/** A position in `$all`. */
export interface EsdbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** A stored event as either client reads it back. */
export interface EsdbRecordedEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly position?: EsdbPosition | undefined;
}

/** A read or subscription item: the event (resolved when it was a link), and the link itself. */
export interface EsdbResolvedEvent {
  readonly event?: EsdbRecordedEvent | undefined;
  readonly link?: EsdbRecordedEvent | undefined;
}

/** An event to append, laid out as both clients' `jsonEvent` lays it out. */
export interface EsdbEventData {
  readonly id: string;
  readonly type: string;
  readonly contentType: 'application/json';
  readonly data: unknown;
  readonly metadata: unknown;
}

/** What an append expects of the stream, in the clients' own spelling. */
export type EsdbExpected = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** A server-side stream-name filter for `$all`: name prefixes, or a regular expression. */
export type StreamFilter = { readonly prefixes: readonly string[] } | { readonly regex: string };

/**
 * The part of an EventStoreDB or KurrentDB client the adapter calls: an `EventStoreDBClient` of
 * `@eventstore/db-client` or a `KurrentDBClient` of `@kurrent/kurrentdb-client` (any copy of either).
 */
export interface EventStoreDbClient {
  readStream(streamName: string, options?: object): AsyncIterable<unknown>;
  readAll(options?: object): AsyncIterable<unknown>;
  subscribeToAll(options?: object): AsyncIterable<unknown>;
  subscribeToStream(streamName: string, options?: object): AsyncIterable<unknown>;
  appendToStream(streamName: string, events: never, options?: object): Promise<unknown>;
  setStreamMetadata(streamName: string, metadata: never, options?: object): Promise<unknown>;
  dispose(): Promise<void>;
}

/** A running subscription: its items in order (events, and `CAUGHT_UP` / checkpoint markers), and a way to end it. */
export interface LiveCall {
  readonly items: AsyncIterable<EsdbResolvedEvent | LiveMarker>;
  close(): Promise<void>;
}

/** Where a subscription told of progress: caught up, or a filtered checkpoint at a position. */
export type LiveMarker =
  | { readonly marker: 'caught-up' }
  | { readonly marker: 'checkpoint'; readonly position: EsdbPosition };

export const isMarker = (item: EsdbResolvedEvent | LiveMarker): item is LiveMarker => 'marker' in item;

/** The adapter's view of a client. */
export interface EsdbPort {
  readonly client: EventStoreDbClient;
  /** True when `$all` reads take a server-side filter (kurrentdb); db-client v6 reads `$all` through a filtered subscription. */
  readonly filtersReads: boolean;
  readStream(
    streamName: string,
    options?: { from?: bigint; backwards?: boolean; maxCount?: number; resolveLinkTos?: boolean },
  ): AsyncGenerator<EsdbResolvedEvent>;
  readAll(options: {
    from?: EsdbPosition | undefined;
    filter?: StreamFilter;
    backwards?: boolean;
    maxCount?: number;
  }): AsyncGenerator<EsdbResolvedEvent>;
  subscribeToAll(from: EsdbPosition | undefined, filter: StreamFilter): LiveCall;
  subscribeToStream(streamName: string, from: bigint | undefined, resolveLinkTos: boolean): LiveCall;
  /** Appends; `success: false` from a client made with `throwOnAppendFailure=false` (a conflict). */
  append(
    streamName: string,
    events: readonly EsdbEventData[],
    expected: EsdbExpected,
  ): Promise<{ success: boolean; nextExpectedRevision: bigint }>;
  setStreamMetadata(streamName: string, metadata: { maxCount: number }): Promise<void>;
  dispose(): Promise<void>;
}

type Call = AsyncIterable<unknown> &
  Partial<Readable> & { cancel?: () => Promise<void>; unsubscribe?: () => Promise<void> };

const isReadable = (call: Call): call is Call & Readable =>
  typeof call.iterator === 'function' && typeof call.resume === 'function';

/**
 * Iterates a client read or subscription. Leaving a Readable early cancels the call and then
 * drains it: a call merely abandoned stays paused with data buffered, and the client's dispose()
 * waits on it. A plain async iterator (kurrentdb's reads) is ended by `return()`.
 */
export async function* iterateCall<E>(call: Call, cancel?: () => Promise<void>): AsyncGenerator<E> {
  if (!isReadable(call)) {
    for await (const item of call) yield item as E;
    return;
  }
  let done = false;
  try {
    for await (const item of call.iterator({ destroyOnReturn: false })) yield item as E;
    done = true;
  } finally {
    if (!done) {
      await (cancel ?? call.cancel?.bind(call) ?? (async () => undefined))().catch(() => undefined);
      call.resume();
    }
  }
}

const CAUGHT_UP: LiveMarker = { marker: 'caught-up' };

/**
 * A subscription whose progress markers are pushed into its own readable side from inside the
 * client's transform (the `caughtUp` event and the filter's `checkpointReached` run there, before
 * the next message), so they arrive in order with the events.
 */
function live(start: (checkpointReached?: (sub: Call, position: EsdbPosition) => void) => Call): LiveCall {
  const push = (sub: Call, item: LiveMarker) => (sub as unknown as { push(item: unknown): void }).push(item);
  const call = start((sub, position) => push(sub, { marker: 'checkpoint', position }));
  call.on?.('caughtUp', () => push(call, CAUGHT_UP));
  const close = async () => {
    await call.unsubscribe?.().catch(() => undefined);
    call.resume?.();
  };
  return { items: iterateCall<EsdbResolvedEvent | LiveMarker>(call, close), close };
}

const readRevision = (from: bigint | undefined, backwards: boolean | undefined) =>
  from ?? (backwards ? 'end' : 'start');

/** The port on a client of either package (told apart by what its reads are). */
export function portOf(client: EventStoreDbClient): EsdbPort {
  const raw = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  // kurrentdb reads go through its native bridge, which takes `$all` filters.
  const filtersReads = typeof raw.resolveBridgeCredentials === 'function';
  return {
    client,
    filtersReads,
    async *readStream(streamName, options = {}) {
      const call = client.readStream(streamName, {
        fromRevision: readRevision(options.from, options.backwards),
        direction: options.backwards ? 'backwards' : 'forwards',
        resolveLinkTos: options.resolveLinkTos ?? false,
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      }) as Call;
      yield* iterateCall<EsdbResolvedEvent>(call);
    },
    async *readAll(options) {
      const filter = options.filter && { filterOn: 'streamName', checkpointInterval: 1, ...options.filter };
      const call = client.readAll({
        fromPosition: options.from ?? (options.backwards ? 'end' : 'start'),
        direction: options.backwards ? 'backwards' : 'forwards',
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        ...(filter && filtersReads ? { filter } : {}),
      }) as Call;
      yield* iterateCall<EsdbResolvedEvent>(call);
    },
    subscribeToAll(from, filter) {
      return live(
        (checkpointReached) =>
          client.subscribeToAll({
            fromPosition: from ?? 'start',
            filter: { filterOn: 'streamName', checkpointInterval: 1, checkpointReached, ...filter },
          }) as Call,
      );
    },
    subscribeToStream(streamName, from, resolveLinkTos) {
      return live(
        () => client.subscribeToStream(streamName, { fromRevision: from ?? 'start', resolveLinkTos }) as Call,
      );
    },
    async append(streamName, events, expected) {
      // Both spellings: each client reads its own and ignores the other's, so neither loses the check.
      const result = (await client.appendToStream(streamName, events as never, {
        expectedRevision: expected,
        streamState: expected,
      })) as { success?: boolean; nextExpectedRevision: bigint };
      return { success: result.success !== false, nextExpectedRevision: BigInt(result.nextExpectedRevision) };
    },
    async setStreamMetadata(streamName, metadata) {
      await client.setStreamMetadata(streamName, metadata as never);
    },
    dispose: () => client.dispose(),
  };
}
