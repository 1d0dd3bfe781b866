/**
 * The test double's log: streams and `$all` in memory, with the append rules of the real server
 * that the adapter relies on: expected revisions, and idempotent appends recognised by event id at
 * the expected position. Events of one append share a commit position and have their own prepare
 * positions, as on the real server, so `$all` order is (commit, prepare).
 */

/** A stored event, as the double keeps it. */
export interface StoredEvent {
  readonly id: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns since 0001-01-01), as the server reports `created`. */
  readonly created: bigint;
  readonly commit: bigint;
  readonly prepare: bigint;
}

export type ProposedEvent = Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'data' | 'customMetadata'>;

/** What the client asks of the stream: any, no stream, an existing stream, or a revision. */
export type Expected =
  | { kind: 'any' }
  | { kind: 'no-stream' }
  | { kind: 'stream-exists' }
  | { kind: 'revision'; revision: bigint };

export type AppendOutcome =
  | {
      readonly kind: 'success';
      readonly revision: bigint;
      readonly commit: bigint;
      readonly prepare: bigint;
      readonly idempotent: boolean;
    }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint | undefined; readonly expected: Expected };

const EPOCH_TICKS = 621_355_968_000_000_000n;
const ticksNow = (): bigint => BigInt(Date.now()) * 10_000n + EPOCH_TICKS;

export interface Log {
  readonly all: readonly StoredEvent[];
  stream(name: string): readonly StoredEvent[] | undefined;
  append(streamName: string, expected: Expected, events: readonly ProposedEvent[]): AppendOutcome;
  /** Called after every successful append that stored something. */
  onAppend(listener: () => void): () => void;
}

export function createLog(): Log {
  const streams = new Map<string, StoredEvent[]>();
  const all: StoredEvent[] = [];
  const listeners = new Set<() => void>();
  let nextPosition = 1_024n;

  /** The stored events at revisions from..from+n-1 carry the proposed ids: the append already happened. */
  function idempotentAt(
    stream: readonly StoredEvent[],
    from: number,
    events: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    if (from < 0 || from + events.length > stream.length) return undefined;
    if (!events.every((e, i) => stream[from + i]!.id === e.id)) return undefined;
    const last = stream[from + events.length - 1]!;
    return { kind: 'success', revision: last.revision, commit: last.commit, prepare: last.prepare, idempotent: true };
  }

  function write(streamName: string, stream: StoredEvent[], events: readonly ProposedEvent[]): AppendOutcome {
    const commit = nextPosition;
    const created = ticksNow();
    for (const e of events) {
      const stored: StoredEvent = {
        ...e,
        streamName,
        revision: BigInt(stream.length),
        created,
        commit,
        prepare: nextPosition,
      };
      nextPosition += 128n + BigInt(e.data.length + e.customMetadata.length);
      stream.push(stored);
      all.push(stored);
    }
    streams.set(streamName, stream);
    for (const listener of listeners) listener();
    const last = stream[stream.length - 1]!;
    return { kind: 'success', revision: last.revision, commit, prepare: last.prepare, idempotent: false };
  }

  return {
    all,
    stream: (name) => streams.get(name),
    append(streamName, expected, events) {
      const stream = streams.get(streamName);
      const current = stream ? BigInt(stream.length - 1) : undefined;
      const conflict: AppendOutcome = { kind: 'wrong-expected-version', current, expected };
      if (events.length === 0)
        return {
          kind: 'success',
          revision: current ?? -1n,
          commit: nextPosition,
          prepare: nextPosition,
          idempotent: true,
        };
      switch (expected.kind) {
        case 'no-stream':
          return stream ? (idempotentAt(stream, 0, events) ?? conflict) : write(streamName, [], events);
        case 'revision':
          if (current === expected.revision) return write(streamName, stream!, events);
          return (stream && idempotentAt(stream, Number(expected.revision) + 1, events)) || conflict;
        case 'stream-exists':
        case 'any': {
          if (!stream) return expected.kind === 'any' ? write(streamName, [], events) : conflict;
          const first = stream.findIndex((e) => e.id === events[0]!.id);
          if (first < 0) return write(streamName, stream, events);
          return idempotentAt(stream, first, events) ?? conflict;
        }
      }
    },
    onAppend(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
