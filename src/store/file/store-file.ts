/**
 * Reading a store file on open, in parts of about 4 MB, into an offset index (stream-index.ts):
 * memory holds the index, never the file's text nor its events, so a file of any size opens. The
 * file is plain interchange JSONL, so every complete line must parse (or the open fails, naming
 * the lines), a repeated line is kept once and one id with two contents is an error, as in
 * `parseJsonl`. Only the bytes after the last newline can come from a crash mid-append: when they
 * hold a whole event the newline is added, otherwise they are cut and reported. An acknowledged
 * append was fsynced whole, newline included, so it is never cut.
 */
import { openSync } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { canonicalJson } from '../../events/canonical.js';
import type { UnitEvent } from '../../events/envelope.js';
import { parseEventLine } from '../../events/jsonl.js';
import { decodeUtf8, firstInvalidUtf8, invalidUtf8Reason } from '../../events/utf8.js';
import { InputError, InputErrors } from '../../errors.js';
import { createStreamIndex, type StreamIndex } from './stream-index.js';
import type { StaleLock } from './file-lock.js';

/** What opening a store file repaired; absent fields mean nothing of that kind happened. */
export interface FileStoreRecovery {
  /** A torn last line (a crash mid-write), cut from the file: its line number, byte offset and text. */
  readonly cut?: { readonly line: number; readonly offset: number; readonly bytes: number; readonly text: string };
  /** A last line holding a whole event but no newline: kept, and the newline written. */
  readonly completedLine?: number;
  /** A lock its holder had stopped refreshing (a crash), taken back. */
  readonly staleLock?: StaleLock;
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

/** Creates a missing store file (and fsyncs its directory), so that it can be locked by its identity. */
export async function createStoreFile(path: string): Promise<void> {
  if (
    await stat(path).then(
      () => true,
      () => false,
    )
  )
    return;
  await (await open(path, 'a')).close();
  await syncDirectoryOf(path);
}

/** The last bytes of a file after its last newline, when there are any. */
export interface Tail {
  readonly line: number;
  readonly offset: number;
  readonly bytes: Buffer;
  /** The tail's event when it holds a whole one (a line whose newline was not written yet). */
  readonly event: UnitEvent | undefined;
}

export interface ScanOptions {
  /** Named in error messages. */
  readonly source: string;
  /** Hears every event kept, with its line, as the file is read. */
  readonly onEvent?: ((event: UnitEvent, line: number) => void) | undefined;
  /** Keeps every line, a repeated event or one id with two contents included (what `verify` must see). */
  readonly keepRepeats?: boolean | undefined;
  /** Hears each complete line the reader rejects, which is then left out, instead of failing the scan (`--skip-invalid`). */
  readonly onInvalid?: ((error: InputError, text: string | undefined) => void) | undefined;
}

const PART_BYTES = 1 << 22;
const MAX_ERRORS = 20;

/**
 * Reads every complete line of the file into `index`; a whole event after the last newline is
 * indexed too, and returned with any other tail for the caller to judge. Throws InputErrors (up to
 * 20, naming the file and lines) when a complete line is bad.
 */
export async function scan(handle: FileHandle, index: StreamIndex, options: ScanOptions): Promise<Tail | undefined> {
  const errors: InputError[] = [];
  const refuse = (error: InputError, text: string | undefined) =>
    options.onInvalid ? options.onInvalid(error, text) : errors.push(error);
  let n = 1;
  const judge = (text: string, lineOffset: number, lineBytes: number): void => {
    let raw = text;
    let offset = lineOffset;
    let bytes = lineBytes;
    if (n === 1 && raw.charCodeAt(0) === 0xfeff) {
      // The index points past a byte-order mark (three bytes in UTF-8): JSON.parse refuses one.
      raw = raw.slice(1);
      offset += 3;
      bytes -= 3;
    }
    if (raw.charCodeAt(raw.length - 1) === 13) raw = raw.slice(0, -1);
    if (raw.charCodeAt(0) !== 123 && raw.trim() === '') return;
    const event = parseEventLine(raw, n);
    if (event instanceof InputError) {
      refuse(new InputError(event.line, event.field, event.reason, options.source), raw);
      return;
    }
    const earlier = options.keepRepeats ? -1 : index.positionOf(event.id);
    if (earlier < 0) {
      index.add(event, offset, bytes, n);
      options.onEvent?.(event, n);
    } else if (canonicalJson(index.eventAt(earlier)) !== canonicalJson(event)) {
      refuse(
        new InputError(
          n,
          'id',
          `${JSON.stringify(event.id)} is already used by line ${index.lineAt(earlier)} with different content`,
          options.source,
        ),
        raw,
      );
    }
  };
  let buffer = Buffer.allocUnsafe(PART_BYTES);
  let filled = 0;
  let base = 0; // the file offset of buffer[0]
  for (;;) {
    if (filled === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, base + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
    let start = 0;
    // Strict UTF-8: the whole lines of this part are checked at once; only a part that fails is checked line by line.
    const lastNl = buffer.lastIndexOf(10, filled - 1);
    const strict = lastNl < 0 || decodeUtf8(buffer.subarray(0, lastNl)) !== undefined;
    for (let nl = buffer.indexOf(10, start); nl >= 0 && nl < filled; nl = buffer.indexOf(10, start)) {
      const bad = strict ? -1 : firstInvalidUtf8(buffer.subarray(start, nl));
      if (bad >= 0)
        refuse(new InputError(n, '', invalidUtf8Reason(buffer, start, start + bad), options.source), undefined);
      else judge(buffer.toString('utf8', start, nl), base + start, nl - start);
      n++;
      start = nl + 1;
      if (errors.length >= MAX_ERRORS) throw new InputErrors(errors);
    }
    buffer.copy(buffer, 0, start, filled);
    filled -= start;
    base += start;
  }
  if (errors.length > 0) throw new InputErrors(errors);
  if (filled === 0) return undefined;
  const bytes = Buffer.from(buffer.subarray(0, filled));
  // A tail that is not valid UTF-8 is torn (cut inside a character, say): never a whole event.
  const text = decodeUtf8(bytes)?.replace(/\r$/, '');
  const parsed = text === undefined || text.trim() === '' ? undefined : parseEventLine(text, n);
  const whole = parsed !== undefined && !(parsed instanceof InputError);
  if (whole) judge(bytes.toString('utf8'), base, filled);
  if (errors.length > 0) throw new InputErrors(errors);
  return { line: n, offset: base, bytes, event: whole ? parsed : undefined };
}

/** A store file opened for reading: its index, which holds the file open until `index.close()`. */
export interface OpenedStoreFile {
  readonly index: StreamIndex;
}

/** Runs `work` with the file open in `mode` and a fresh index over it; the index is closed if anything fails. */
export async function withIndex<T>(
  path: string,
  mode: 'r' | 'r+',
  work: (handle: FileHandle, opened: OpenedStoreFile) => Promise<T>,
  ids = true,
): Promise<T & OpenedStoreFile> {
  const index = createStreamIndex(openSync(path, 'r'), { ids });
  try {
    const handle = await open(path, mode);
    try {
      return { ...(await work(handle, { index })), index };
    } finally {
      await handle.close();
    }
  } catch (error) {
    index.close();
    throw error;
  }
}

/** Indexes a store file and repairs its tail; the caller holds the lock and closes the index. */
export async function loadStoreFile(
  path: string,
): Promise<OpenedStoreFile & { recovery: Omit<FileStoreRecovery, 'staleLock'> }> {
  return withIndex(path, 'r+', async (handle, { index }) => {
    const tail = await scan(handle, index, { source: path });
    if (!tail) return { recovery: {} };
    if (tail.event) {
      await handle.write('\n', tail.offset + tail.bytes.length);
      await handle.sync();
      return { recovery: { completedLine: tail.line } };
    }
    await handle.truncate(tail.offset);
    await handle.sync();
    return {
      recovery: {
        cut: { line: tail.line, offset: tail.offset, bytes: tail.bytes.length, text: tail.bytes.toString('utf8') },
      },
    };
  });
}
