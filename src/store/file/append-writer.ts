/**
 * The file store's single writer, with group commit: appends queue up while a write is in flight,
 * then each is checked in arrival order (expected revision, duplicate ids) against the index plus
 * the appends staged before it, the accepted ones are written in one write and one fsync, and only
 * then are they added to the index and acknowledged. A failed write or fsync cuts the file back to
 * its last acknowledged size and breaks the writer: the store must be reopened.
 */
import type { FileHandle } from 'node:fs/promises';
import type { UnitEvent } from '../../events/envelope.js';
import { serializeEvent } from '../../events/jsonl.js';
import { LedgerError, isLedgerError } from '../../errors.js';
import type { AppendResult, ExpectedRevision } from '../event-store.js';
import { checkAppend, checkExpectedRevision, newEventsOf } from '../append-checks.js';
import type { StreamIndex } from './stream-index.js';

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly UnitEvent[];
  readonly expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

interface StagedAppend {
  readonly pending: PendingAppend;
  readonly fresh: UnitEvent[];
  readonly result: AppendResult;
}

export interface AppendWriter {
  append(streamId: string, events: readonly UnitEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Resolves once every queued append is settled; later appends are refused. */
  close(): Promise<void>;
}

/**
 * The writer of one open store file; `size` is the file's acknowledged length, `isHeld` throws when
 * the writer's lock is no longer its own, `onWritten` wakes subscribers.
 */
export function createAppendWriter(
  path: string,
  handle: FileHandle,
  size: number,
  index: StreamIndex,
  isHeld: () => Promise<void>,
  onWritten: () => void,
): AppendWriter {
  const queue: PendingAppend[] = [];
  let running = false;
  let drained: Promise<void> = Promise.resolve();
  let refusal: Error | null = null;

  /**
   * Checks a batch in arrival order. An append refused only because of one staged before it in the
   * same batch (its expected revision, or the same id) is judged again in the next batch, once that
   * one is written and readable: a caller told of a conflict can always read what it conflicted with.
   */
  function stage(batch: readonly PendingAppend[]): { staged: StagedAppend[]; deferred: PendingAppend[] } {
    const stagedById = new Map<string, UnitEvent>();
    const stagedCount = new Map<string, number>();
    const staged: StagedAppend[] = [];
    const deferred: PendingAppend[] = [];
    for (const pending of batch) {
      try {
        const fresh = newEventsOf(pending.events, (id) => stagedById.get(id) ?? index.byId(id));
        const last = index.streamLength(pending.streamId) + (stagedCount.get(pending.streamId) ?? 0) - 1;
        if (fresh.length > 0) checkExpectedRevision(pending.streamId, pending.expected, last);
        for (const event of fresh) stagedById.set(event.id, event);
        stagedCount.set(pending.streamId, (stagedCount.get(pending.streamId) ?? 0) + fresh.length);
        staged.push({ pending, fresh, result: { nextExpectedRevision: last + fresh.length, written: fresh.length } });
      } catch (error) {
        if (stagedCount.has(pending.streamId) || pending.events.some((e) => stagedById.has(e.id)))
          deferred.push(pending);
        else pending.reject(error);
      }
    }
    return { staged, deferred };
  }

  /** Writes the staged events and returns each one's line (byte offset and length, newline left out). */
  async function write(staged: readonly StagedAppend[]): Promise<{ offset: number; bytes: number }[]> {
    const lines = staged.flatMap((s) => s.fresh.map((e) => `${serializeEvent(e)}\n`));
    if (lines.length === 0) return [];
    await isHeld();
    const bytes = Buffer.from(lines.join(''), 'utf8');
    const at: { offset: number; bytes: number }[] = [];
    for (let offset = size, i = 0; i < lines.length; i++) {
      const length = Buffer.byteLength(lines[i]!, 'utf8');
      at.push({ offset, bytes: length - 1 });
      offset += length;
    }
    try {
      for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
      await handle.sync();
      size += bytes.length;
      return at;
    } catch (error) {
      refusal = new LedgerError(
        `file store ${path} failed to write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); reopen it`,
      );
      await handle
        .truncate(size)
        .then(() => handle.sync())
        .catch(() => undefined);
      throw error;
    }
  }

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0);
      if (refusal) {
        for (const pending of batch) pending.reject(refusal);
        continue;
      }
      const { staged, deferred } = stage(batch);
      queue.unshift(...deferred);
      let lines: { offset: number; bytes: number }[];
      try {
        lines = await write(staged);
      } catch (error) {
        if (isLedgerError(error)) refusal ??= error;
        for (const s of staged) s.pending.reject(error);
        continue;
      }
      let k = 0;
      for (const s of staged) {
        for (const event of s.fresh) index.add(event, lines[k]!.offset, lines[k++]!.bytes, 0);
        s.pending.resolve(s.result);
      }
      if (staged.some((s) => s.fresh.length > 0)) onWritten();
    }
  }

  function kick(): void {
    if (running) return;
    running = true;
    drained = flush().finally(() => {
      running = false;
      if (queue.length > 0) kick();
    });
  }

  return {
    append(streamId, events, expected) {
      return new Promise<AppendResult>((resolve, reject) => {
        if (refusal) return reject(refusal);
        // Checked before it queues: an event the file's reader would reject never reaches the file.
        checkAppend(streamId, events);
        queue.push({ streamId, events, expected, resolve, reject });
        kick();
      });
    },
    async close() {
      while (running) await drained;
      refusal ??= new LedgerError(`file store ${path} is closed`);
    },
  };
}
