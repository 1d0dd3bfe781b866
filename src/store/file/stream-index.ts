/**
 * The file store's index of its file: where each event's line is (byte offset and length), its
 * line number, stream and revision, in typed arrays, and each stream's events as a chain of
 * positions. No event and no text is held: an event is read back from its line when asked for,
 * and a global read reads the file in parts of about 4 MB. About 28 bytes per event, plus the
 * event-id table (8 bytes a slot, at most half full), each stream's id, and the events of the
 * streams read last (at most 65,536 events).
 */
import { closeSync, readSync } from 'node:fs';
import type { UnitEvent } from '../../events/envelope.js';
import { createIdIndex } from '../../events/id-index.js';
import { rereadEventLine } from '../../events/jsonl.js';
import { LedgerError } from '../../errors.js';
import type { RecordedEvent } from '../event-store.js';
import { grown } from '../../events/grown.js';

export interface StreamIndex {
  /** How many events the file holds (a repeated line counts once). */
  readonly count: number;
  /** Every stream id, in the order of each stream's first event. */
  readonly streamIds: readonly string[];
  /** How many events a stream has (0 for a missing stream). */
  streamLength(streamId: string): number;
  /** The stream's events in revision order, read from the file (empty for a missing stream). */
  stream(streamId: string): RecordedEvent[];
  /** Calls `each` with every event of a stream, in revision order, and its position. */
  forEachOf(streamId: string, each: (event: UnitEvent, position: number) => void): void;
  /** The position of the event stored under an id, or -1. */
  positionOf(eventId: string): number;
  byId(eventId: string): UnitEvent | undefined;
  /** The event at a position, read from its line. */
  eventAt(position: number): UnitEvent;
  /** The 1-based line number of the event at a position. */
  lineAt(position: number): number;
  /** Records the next event in file order: its line is `bytes` long at byte `offset`; `line` (0 for an append) names it in the open's messages. */
  add(event: UnitEvent, offset: number, bytes: number, line: number): RecordedEvent;
  /** Events after a position, all when `after` is undefined, read from the file in parts. */
  readFrom(after: bigint | undefined): Generator<RecordedEvent>;
  /** Closes the file; reading afterwards throws. */
  close(): void;
}

const PART_BYTES = 1 << 22;
const CACHED_EVENTS = 1 << 16;

/**
 * An empty index over the file open (for reading) at `fd`, which it owns and closes; it reads with
 * positioned reads, so appends through another handle are seen. Without `ids` (default true) it
 * finds no event by id: for a reader that keeps every line, repeats included.
 */
export function createStreamIndex(fd: number, options: { readonly ids?: boolean } = {}): StreamIndex {
  const withIds = options.ids ?? true;
  let open = true;
  let count = 0;
  let offsets = new Float64Array(1024);
  let lengths = new Int32Array(1024);
  let lines = new Int32Array(1024);
  let streamOf = new Int32Array(1024);
  let revisions = new Int32Array(1024);
  let next = new Int32Array(1024);
  const streamNumbers = new Map<string, number>();
  const streamIds: string[] = [];
  let firsts = new Int32Array(256);
  let lasts = new Int32Array(256);
  let sizes = new Int32Array(256);

  const read = (offset: number, bytes: number): Buffer => {
    if (!open) throw new LedgerError('the file store is closed');
    const buffer = Buffer.allocUnsafe(bytes);
    for (let got = 0; got < bytes; ) {
      const n = readSync(fd, buffer, got, bytes - got, offset + got);
      if (n === 0)
        throw new Error(
          `the store file ends before byte ${offset + bytes}: it was cut by something other than its writer`,
        );
      got += n;
    }
    return buffer;
  };
  const eventAt = (position: number): UnitEvent =>
    rereadEventLine(read(offsets[position]!, lengths[position]!).toString('utf8'));
  const ids = createIdIndex((position) => eventAt(position).id);
  const recorded = (event: UnitEvent, position: number): RecordedEvent => ({
    event,
    streamId: streamIds[streamOf[position]!]!,
    revision: revisions[position]!,
    position: BigInt(position),
  });

  function forEachOf(streamId: string, each: (event: UnitEvent, position: number) => void): void {
    const stream = streamNumbers.get(streamId);
    if (stream === undefined) return;
    for (let p = firsts[stream]!, k = 0; k < sizes[stream]!; p = next[p]!, k++) each(eventAt(p), p);
  }

  // The streams read most recently, as RecordedEvents, up to CACHED_EVENTS in all: a writer reads a
  // stream before each append to it (the command shell, the hash chain), so the same few are read
  // again and again. An append extends a cached stream; the least recently read is dropped first.
  const cache = new Map<number, RecordedEvent[]>();
  let cached = 0;
  function cachedStream(stream: number, streamId: string): RecordedEvent[] {
    let events = cache.get(stream);
    if (events) {
      cache.delete(stream);
    } else {
      events = [];
      const into = events;
      forEachOf(streamId, (event, position) => into.push(recorded(event, position)));
      cached += events.length;
    }
    cache.set(stream, events);
    for (const [oldest, dropped] of cache) {
      if (cached <= CACHED_EVENTS || oldest === stream) break;
      cache.delete(oldest);
      cached -= dropped.length;
    }
    return events;
  }

  return {
    get count() {
      return count;
    },
    streamIds,
    streamLength(streamId) {
      const stream = streamNumbers.get(streamId);
      return stream === undefined ? 0 : sizes[stream]!;
    },
    stream(streamId) {
      const stream = streamNumbers.get(streamId);
      return stream === undefined ? [] : [...cachedStream(stream, streamId)];
    },
    forEachOf,
    positionOf: (eventId) => (withIds ? ids.get(eventId) : -1),
    byId(eventId) {
      const position = withIds ? ids.get(eventId) : -1;
      return position < 0 ? undefined : eventAt(position);
    },
    eventAt,
    lineAt: (position) => lines[position]!,
    add(event, offset, bytes, line) {
      let stream = streamNumbers.get(event.unitId);
      if (stream === undefined) {
        stream = streamIds.push(event.unitId) - 1;
        streamNumbers.set(event.unitId, stream);
        firsts = grown(firsts, stream + 1);
        lasts = grown(lasts, stream + 1);
        sizes = grown(sizes, stream + 1);
        firsts[stream] = count;
      } else {
        next[lasts[stream]!] = count;
      }
      offsets = grown(offsets, count + 1);
      lengths = grown(lengths, count + 1);
      lines = grown(lines, count + 1);
      streamOf = grown(streamOf, count + 1);
      revisions = grown(revisions, count + 1);
      next = grown(next, count + 1);
      offsets[count] = offset;
      lengths[count] = bytes;
      lines[count] = line;
      streamOf[count] = stream;
      revisions[count] = sizes[stream]!;
      lasts[stream] = count;
      sizes[stream]!++;
      if (withIds) ids.getOrAdd(event.id, count);
      const result = recorded(event, count++);
      const cachedEvents = cache.get(stream);
      if (cachedEvents) {
        cachedEvents.push(result);
        cached++;
      }
      return result;
    },
    *readFrom(after) {
      for (let p = after === undefined ? 0 : Number(after) + 1; p < count; ) {
        // One read for the lines of positions p..q, at most about PART_BYTES (always at least one line).
        const from = offsets[p]!;
        let q = p;
        while (q + 1 < count && offsets[q + 1]! + lengths[q + 1]! - from <= PART_BYTES) q++;
        const part = read(from, offsets[q]! + lengths[q]! - from);
        for (let k = p; k <= q; k++) {
          const start = offsets[k]! - from;
          yield recorded(rereadEventLine(part.toString('utf8', start, start + lengths[k]!)), k);
        }
        p = q + 1;
      }
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
