/**
 * The test double's log: streams and `$all` in memory, with the append rules of the real server
 * that the adapter relies on: expected revisions, idempotent appends recognised by event id at
 * the expected position, and the server's MaxAppendSize (1 MiB by default). Events of one append
 * share a commit position and have their own prepare positions, as on the real server, so `$all`
 * order is (commit, prepare); the commit position is the batch's last prepare position, never
 * less than any of its prepares. With `categoryProjection`, it does what the server's
 * `$by_category` system projection does, at once rather than a moment later: each event of a
 * stream named `<category>-…` (not a `$` stream or event) is linked (`$>`, data `revision@stream`)
 * from `$ce-<category>`, the category being the name up to its first `-`.
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
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint | undefined; readonly expected: Expected }
  | { readonly kind: 'too-big'; readonly size: number; readonly maxAppendSize: number };

/** The size the server counts against MaxAppendSize: an estimate of the proposed messages' size. */
export const proposedSize = (e: ProposedEvent): number =>
  e.data.length + e.customMetadata.length + e.type.length + e.contentType.length + 48;

export interface LogOptions {
  /** Largest append in bytes (proposedSize of its events), as the server's MaxAppendSize (default 1 MiB). */
  readonly maxAppendSize?: number;
  /** Link every event of a `<category>-…` stream from `$ce-<category>`, as `$by_category` does (default true). */
  readonly categoryProjection?: boolean;
}

const EPOCH_TICKS = 621_355_968_000_000_000n;
const ticksNow = (): bigint => BigInt(Date.now()) * 10_000n + EPOCH_TICKS;

export interface Log {
  readonly all: readonly StoredEvent[];
  stream(name: string): readonly StoredEvent[] | undefined;
  /** The event a `$>` link points at (data `revision@stream`), if it is still there. */
  resolve(link: StoredEvent): StoredEvent | undefined;
  append(streamName: string, expected: Expected, events: readonly ProposedEvent[]): AppendOutcome;
  /** Called after every successful append that stored something. */
  onAppend(listener: () => void): () => void;
}

export function createLog(options: LogOptions = {}): Log {
  const maxAppendSize = options.maxAppendSize ?? 1_048_576;
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

  function store(streamName: string, stream: StoredEvent[], events: readonly ProposedEvent[]): StoredEvent[] {
    const created = ticksNow();
    const prepares = events.map((e) => {
      const at = nextPosition;
      nextPosition += 128n + BigInt(e.data.length + e.customMetadata.length);
      return at;
    });
    const commit = prepares[prepares.length - 1]!;
    const written = events.map((e, i) => ({
      ...e,
      streamName,
      revision: BigInt(stream.length + i),
      created,
      commit,
      prepare: prepares[i]!,
    }));
    stream.push(...written);
    all.push(...written);
    streams.set(streamName, stream);
    return written;
  }

  /** What `$by_category` links: events of `<category>-…` streams, neither the stream nor the event a system one. */
  function linkCategories(written: readonly StoredEvent[]): void {
    for (const e of written) {
      const dash = e.streamName.indexOf('-');
      if (dash <= 0 || e.streamName.startsWith('$') || e.type.startsWith('$')) continue;
      const name = `$ce-${e.streamName.slice(0, dash)}`;
      const link: ProposedEvent = {
        id: `00000000-0000-4000-9000-${String(all.length).padStart(12, '0')}`,
        type: '$>',
        contentType: 'application/octet-stream',
        data: Buffer.from(`${e.revision}@${e.streamName}`),
        customMetadata: new Uint8Array(),
      };
      store(name, streams.get(name) ?? [], [link]);
    }
  }

  function write(streamName: string, stream: StoredEvent[], events: readonly ProposedEvent[]): AppendOutcome {
    const written = store(streamName, stream, events);
    if (options.categoryProjection !== false) linkCategories(written);
    for (const listener of listeners) listener();
    const last = written[written.length - 1]!;
    return { kind: 'success', revision: last.revision, commit: last.commit, prepare: last.prepare, idempotent: false };
  }

  return {
    all,
    stream: (name) => streams.get(name),
    resolve(link) {
      const text = Buffer.from(link.data).toString('utf8');
      const at = text.indexOf('@');
      return streams.get(text.slice(at + 1))?.[Number(text.slice(0, at))];
    },
    append(streamName, expected, events) {
      const stream = streams.get(streamName);
      const current = stream ? BigInt(stream.length - 1) : undefined;
      const conflict: AppendOutcome = { kind: 'wrong-expected-version', current, expected };
      const size = events.reduce((sum, e) => sum + proposedSize(e), 0);
      if (size > maxAppendSize) return { kind: 'too-big', size, maxAppendSize };
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
