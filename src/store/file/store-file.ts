/**
 * Reading a store file on open. The file is plain interchange JSONL, so every complete line must
 * parse (or the open fails, naming the lines). Only the bytes after the last newline can come from
 * a crash mid-append: when they hold a whole event the newline is added, otherwise they are cut
 * and reported. An acknowledged append was fsynced whole, newline included, so it is never cut.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { UnitEvent } from '../../events/envelope.js';
import { createLineJudge, parseEventLine, parseJsonl } from '../../events/jsonl.js';
import { decodeUtf8, decodeUtf8Lines } from '../../events/utf8.js';
import { InputError } from '../../errors.js';
import type { SkippedEvent } from '../event-store.js';

/** What opening a store file repaired; absent fields mean nothing of that kind happened. */
export interface FileStoreRecovery {
  /** A torn last line (a crash mid-write), cut from the file: its line number, byte offset and text. */
  readonly cut?: { readonly line: number; readonly offset: number; readonly bytes: number; readonly text: string };
  /** A last line holding a whole event but no newline: kept, and the newline written. */
  readonly completedLine?: number;
  /** The owner of a lock left behind by a process that no longer runs, taken over. */
  readonly staleLock?: { readonly pid: number; readonly host: string };
}

export interface LoadedStoreFile {
  readonly events: UnitEvent[];
  readonly recovery: Omit<FileStoreRecovery, 'staleLock'>;
}

function countLines(text: Buffer): number {
  let n = 0;
  for (let i = text.indexOf(10); i >= 0; i = text.indexOf(10, i + 1)) n++;
  return n;
}

/** Fsyncs the directory holding `path`, so a file created or renamed there survives a crash. */
export async function syncDirectoryOf(path: string): Promise<void> {
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Reads (creating when missing) a store file and repairs its tail; the caller holds the lock. */
export async function loadStoreFile(path: string): Promise<LoadedStoreFile> {
  const existed = await stat(path).then(() => true, () => false);
  const handle = await open(path, 'a+');
  try {
    if (!existed) await syncDirectoryOf(path);
    const bytes = await handle.readFile();
    const end = bytes.lastIndexOf(10) + 1;
    const body = decodeUtf8Lines(bytes.subarray(0, end), path);
    const events = parseJsonl(body, { source: path }).events;
    if (end === bytes.length) return { events, recovery: {} };
    // Not UTF-8 (a write torn inside a character, or bad bytes): never a whole event, so cut.
    const tail = decodeUtf8(bytes.subarray(end));
    const line = countLines(bytes.subarray(0, end)) + 1;
    const parsed = tail === undefined || tail.trim() === '' ? undefined : parseEventLine(tail.replace(/\r$/, ''), line);
    if (parsed && !(parsed instanceof InputError)) {
      const whole = parseJsonl(`${body}${tail}\n`, { source: path }).events;
      await handle.write('\n');
      await handle.sync();
      return { events: whole, recovery: { completedLine: line } };
    }
    await handle.truncate(end);
    await handle.sync();
    return { events, recovery: { cut: { line, offset: end, bytes: bytes.length - end, text: tail ?? bytes.subarray(end).toString('utf8') } } };
  } finally {
    await handle.close();
  }
}

/** A store file read without taking its lock or repairing it: what a reader sees while a writer works. */
export interface StoreFileSnapshot {
  readonly events: UnitEvent[];
  /** An unfinished last line (an append in progress, or a crash not yet repaired), left out. */
  readonly unfinished?: { readonly line: number; readonly bytes: number };
  /** With `skipInvalid`: the lines the reader rejects, in file order, left out. */
  readonly skipped?: SkippedEvent[];
}

export interface SnapshotOptions {
  /** Leave out the lines the reader rejects (listed in `skipped`) instead of failing; nothing is rewritten. */
  readonly skipInvalid?: boolean;
}

/**
 * Reads a store file's complete events (a last line without its newline counts if it holds a
 * whole event); the file is not changed. A line the reader rejects throws InputErrors naming it,
 * or with `skipInvalid` is left out and listed.
 */
export async function readStoreFileSnapshot(path: string, options: SnapshotOptions = {}): Promise<StoreFileSnapshot> {
  if (options.skipInvalid) return readSkippingInvalid(path);
  const bytes = await readFile(path);
  const end = bytes.lastIndexOf(10) + 1;
  const body = decodeUtf8Lines(bytes.subarray(0, end), path);
  const tail = decodeUtf8(bytes.subarray(end));
  const line = countLines(bytes.subarray(0, end)) + 1;
  const whole = tail !== undefined && (tail.trim() === '' || !(parseEventLine(tail.replace(/\r$/, ''), line) instanceof InputError));
  if (whole) return { events: parseJsonl(`${body}${tail}`, { source: path }).events };
  return { events: parseJsonl(body, { source: path }).events, unfinished: { line, bytes: bytes.length - end } };
}

/** The unit and id a line names, read as loosely as possible: for filing a skipped line's anomaly. */
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

/** `readStoreFileSnapshot` with every line the reader rejects left out and listed: the same line rules, no limit on errors. */
async function readSkippingInvalid(path: string): Promise<StoreFileSnapshot> {
  const bytes = await readFile(path);
  const end = bytes.lastIndexOf(10) + 1;
  const tail = bytes.subarray(end).toString('utf8');
  const line = countLines(bytes.subarray(0, end)) + 1;
  const whole = tail.trim() === '' || !(parseEventLine(tail.replace(/\r$/, ''), line) instanceof InputError);
  const text = bytes.subarray(0, whole ? bytes.length : end).toString('utf8');
  const events: UnitEvent[] = [];
  const lines: number[] = [];
  const judge = createLineJudge({ get count() { return events.length; }, eventAt: (i) => events[i]!, lineAt: (i) => lines[i]! }, { maxErrors: Infinity, source: path });
  judge.readPart(text, (event, n) => {
    events.push(event);
    lines.push(n);
  });
  const texts = judge.errors.length > 0 ? text.split('\n') : [];
  const skipped = judge.errors.map((error) => ({ where: `line ${error.line}`, error, ...namesOf(texts[(error.line ?? 0) - 1]) }));
  return { events, skipped, ...(whole ? {} : { unfinished: { line, bytes: bytes.length - end } }) };
}
