/**
 * Reading a store file on open. The file is plain interchange JSONL, so every complete line must
 * parse (or the open fails, naming the lines). Only the bytes after the last newline can come from
 * a crash mid-append: when they hold a whole event the newline is added, otherwise they are cut
 * and reported. An acknowledged append was fsynced whole, newline included, so it is never cut.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { UnitEvent } from '../../events/envelope.js';
import { parseEventLine, parseJsonl } from '../../events/jsonl.js';
import { decodeUtf8, decodeUtf8Lines } from '../../events/utf8.js';
import { InputError } from '../../errors.js';

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
}

/** Reads a store file's complete events (a last line without its newline counts if it holds a whole event); the file is not changed. */
export async function readStoreFileSnapshot(path: string): Promise<StoreFileSnapshot> {
  const bytes = await readFile(path);
  const end = bytes.lastIndexOf(10) + 1;
  const body = decodeUtf8Lines(bytes.subarray(0, end), path);
  const tail = decodeUtf8(bytes.subarray(end));
  const line = countLines(bytes.subarray(0, end)) + 1;
  const whole = tail !== undefined && (tail.trim() === '' || !(parseEventLine(tail.replace(/\r$/, ''), line) instanceof InputError));
  if (whole) return { events: parseJsonl(`${body}${tail}`, { source: path }).events };
  return { events: parseJsonl(body, { source: path }).events, unfinished: { line, bytes: bytes.length - end } };
}
