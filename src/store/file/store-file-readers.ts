/**
 * The lock-free readers of a store file (`--store file:` on the history commands): they index the
 * file as the store does on open, repair nothing, and leave out an unfinished last line, which an
 * append in progress or a crash not yet repaired leaves behind.
 */
import type { InputError } from '../../errors.js';
import type { UnitEvent } from '../../events/envelope.js';
import type { UnitEventSource } from '../../events/jsonl-history.js';
import type { StreamInput } from '../chain-verify.js';
import type { SkippedEvent } from '../event-store.js';
import { scan, withIndex, type OpenedStoreFile, type Tail } from './store-file.js';

/** The unit and id a rejected line names, read as loosely as possible: for filing its anomaly. */
function namesOf(text: string | undefined): { unitId?: string; eventId?: string } {
  try {
    const value = JSON.parse(text ?? '') as { unitId?: unknown; id?: unknown } | null;
    const name = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined);
    const unitId = name(value?.unitId);
    const eventId = name(value?.id);
    return { ...(unitId === undefined ? {} : { unitId }), ...(eventId === undefined ? {} : { eventId }) };
  } catch {
    return {};
  }
}

/** A scan hook that lists each line the reader rejects as a SkippedEvent, leaving it out (`--skip-invalid`). */
export function skipping(
  onSkipped: (skipped: SkippedEvent) => void,
): (error: InputError, text: string | undefined) => void {
  return (error, text) => onSkipped({ where: `line ${error.line}`, error, ...namesOf(text) });
}

/** A tail that is neither blank nor a whole event: what a reader leaves out. */
function unfinishedOf(tail: Tail | undefined): { unfinished?: { line: number; bytes: number } } {
  return tail && !tail.event && tail.bytes.toString('utf8').trim() !== ''
    ? { unfinished: { line: tail.line, bytes: tail.bytes.length } }
    : {};
}

/** A store file read without taking its lock or repairing it: what a reader sees while a writer works. */
export interface StoreFileSnapshot extends OpenedStoreFile {
  /** An unfinished last line (an append in progress, or a crash not yet repaired), left out. */
  readonly unfinished?: { readonly line: number; readonly bytes: number };
}

/** Indexes a store file's complete events (a last line without its newline counts if it holds a whole event); the file is not changed. */
export async function readStoreFileIndex(
  path: string,
  onEvent?: (event: UnitEvent, line: number) => void,
  onSkipped?: (skipped: SkippedEvent) => void,
): Promise<StoreFileSnapshot> {
  return withIndex(path, 'r', async (handle, { index }) => {
    return unfinishedOf(
      await scan(handle, index, { source: path, onEvent, onInvalid: onSkipped && skipping(onSkipped) }),
    );
  });
}

/**
 * A store file's complete events as objects (see `readStoreFileIndex`), for callers that need them
 * all at once. A line the reader rejects fails the read, naming it, or with `skipInvalid` is left
 * out and listed in `skipped`; nothing is rewritten.
 */
export async function readStoreFileSnapshot(
  path: string,
  options: { skipInvalid?: boolean } = {},
): Promise<{ events: UnitEvent[]; unfinished?: { line: number; bytes: number }; skipped?: SkippedEvent[] }> {
  const skipped: SkippedEvent[] = [];
  const snapshot = await readStoreFileIndex(path, undefined, options.skipInvalid ? (s) => skipped.push(s) : undefined);
  try {
    const events = Array.from(snapshot.index.readFrom(undefined), (r) => r.event);
    return {
      events,
      ...(snapshot.unfinished ? { unfinished: snapshot.unfinished } : {}),
      ...(options.skipInvalid ? { skipped } : {}),
    };
  } finally {
    snapshot.index.close();
  }
}

/** A store file read as a UnitEventSource: each unit's events read from the file when its turn comes. */
export interface StoreFileSource extends UnitEventSource {
  /** An unfinished last line, left out (see `StoreFileSnapshot`). */
  readonly unfinished?: { readonly line: number; readonly bytes: number };
  /** Closes the file. */
  close(): void;
}

/**
 * A store file as a history to project one unit at a time, without its lock: memory holds its
 * offset index, not its events. `onEvent` hears every event as the file is indexed.
 * @example const source = await readStoreFileSource('ledger.jsonl'); for (const p of eachUnitProjection(source, { asOf })) ...
 */
export async function readStoreFileSource(
  path: string,
  onEvent?: (event: UnitEvent, line: number) => void,
  onSkipped?: (skipped: SkippedEvent) => void,
): Promise<StoreFileSource> {
  const { index, unfinished } = await readStoreFileIndex(path, onEvent, onSkipped);
  return {
    unitIds: index.streamIds,
    get eventCount() {
      return index.count;
    },
    forEachEventOf: (unitId, each) => index.forEachOf(unitId, each),
    ...(unfinished ? { unfinished } : {}),
    close: () => index.close(),
  };
}

/** A store file's streams as they are on disk, for verifying their chains. */
export interface StoreFileStreams {
  /** Each stream's events in line order, repeated lines included, read from the file one stream at a time. */
  readonly streams: Iterable<StreamInput>;
  /** An unfinished last line, left out (see `StoreFileSnapshot`). */
  readonly unfinished?: { readonly line: number; readonly bytes: number };
  close(): void;
}

/**
 * Every line of a store file, without its lock: nothing dropped, not even a repeated line (a
 * copied line is a break `verify` must see), each stream read from the file in its turn, so memory
 * holds the offset index and one stream. With `onInvalid`, a line the reader rejects is handed to
 * it and left out instead of failing the read.
 */
export async function readStoreFileStreams(
  path: string,
  onInvalid?: (error: InputError) => void,
): Promise<StoreFileStreams> {
  const { index, ...rest } = await withIndex(
    path,
    'r',
    async (handle, opened) =>
      unfinishedOf(await scan(handle, opened.index, { source: path, keepRepeats: true, onInvalid })),
    false,
  );
  function* streams(): Generator<StreamInput> {
    for (const streamId of index.streamIds) {
      const events: UnitEvent[] = [];
      const lines: number[] = [];
      const positions: number[] = [];
      index.forEachOf(streamId, (event, position) => {
        events.push(event);
        lines.push(index.lineAt(position));
        positions.push(position);
      });
      yield { streamId, events, positions, locate: (i) => `line ${lines[i]}, revision ${i}` };
    }
  }
  return { streams: { [Symbol.iterator]: streams }, ...rest, close: () => index.close() };
}
