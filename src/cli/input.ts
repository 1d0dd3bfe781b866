/** Reading what the CLI is given: an events file, policy files, time flags. Errors name the line and field. */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError, InputErrors } from '../errors.js';
import type { UnitEvent } from '../events/envelope.js';
import {
  createJsonlReader,
  createLineJudge,
  LINE_TOO_LONG,
  MAX_LINE_BYTES,
  type JsonlPartReader,
  type KeepEvent,
  type ParsedJsonl,
} from '../events/jsonl.js';
import { createJsonlFileHistoryReader, createJsonlHistoryReader, type JsonlHistory } from '../events/jsonl-history.js';
import { nestsTooDeep, TOO_DEEP } from '../events/nesting.js';
import { decodeUtf8, decodeUtf8Lines, firstInvalidUtf8, invalidUtf8Reason } from '../events/utf8.js';
import { createPolicyBook, parsePolicies, type PolicyBook } from '../policy/resolve.js';
import type { Policy } from '../policy/schema.js';

function cannotRead(path: string, what: string, error: unknown): InputError {
  return new InputError(
    undefined,
    '',
    `cannot read ${what ? `${what} ` : ''}${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
  );
}

/** The policies in policy files, each one policy or a list; errors name the file and field. */
export function readPolicyFiles(paths: readonly string[]): Policy[] {
  return paths.flatMap((path) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw cannotRead(path, 'policy file', error);
    }
    const text = decodeUtf8Lines(bytes, path, 1, 1);
    if (nestsTooDeep(text)) throw new InputError(undefined, '', TOO_DEEP, path);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new InputError(undefined, '', `invalid JSON: ${(error as Error).message}`, path);
    }
    return parsePolicies(value, path);
  });
}

/** Policies from `--policy` files added to the presets. */
export function loadPolicyBook(paths: readonly string[]): PolicyBook {
  return createPolicyBook(readPolicyFiles(paths));
}

/** The error for a sale whose policy (or version) the book does not know, naming its line. */
function salePolicyError(event: UnitEvent, line: number | undefined, book: PolicyBook): InputError | undefined {
  if (event.type !== 'UnitSold') return undefined;
  const { policyId, policyVersion } = event.data;
  if (!book.has(policyId))
    return new InputError(
      line,
      'data.policyId',
      `unknown policy ${JSON.stringify(policyId)} (known: ${[...new Set(book.all.map((p) => p.id))].join(', ')})`,
    );
  if (policyVersion !== undefined && !book.all.some((p) => p.id === policyId && p.version === policyVersion)) {
    return new InputError(line, 'data.policyVersion', `policy ${policyId} has no version ${policyVersion}`);
  }
  return undefined;
}

/** Every sale names a policy (and version) the book knows; errors name the sale's line. */
export function checkSalePolicies(events: readonly UnitEvent[], lines: readonly number[], book: PolicyBook): void {
  const errors = events.flatMap((event, i) => salePolicyError(event, lines[i], book) ?? []);
  if (errors.length > 0) throw new InputErrors(errors);
}

const CHUNK_BYTES = 1 << 22;
const MAX_ERRORS = 20;

/**
 * Feeds a file to `reader` in chunks of about 4 MB, each decoded once (strict UTF-8) into text of
 * whole lines (every line ended by its `\n`, except perhaps the file's last); stops early when the
 * reader says false. Memory stays bounded whatever the file holds: a line is refused as soon as it
 * passes MAX_LINE_BYTES, and its bytes up to the next line break are dropped as they are read. A
 * line that is not UTF-8 is refused by its number. `onChunk` hears how many lines were read after
 * each chunk (for a progress line); returning false, it stops the reading there.
 */
function readFileInto(
  path: string,
  what: string,
  reader: JsonlPartReader,
  onChunk?: (linesRead: number) => unknown,
): void {
  const fd = openFile(path, what);
  try {
    readOpenFileInto(fd, path, what, reader, onChunk);
  } finally {
    closeSync(fd);
  }
}

function openFile(path: string, what: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    throw cannotRead(path, what, error);
  }
}

/** `readFileInto` on a file already open at `fd` (read from its start; not closed). */
function readOpenFileInto(
  fd: number,
  path: string,
  what: string,
  reader: JsonlPartReader,
  onChunk?: (linesRead: number) => unknown,
): void {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let filled = 0;
  // The file offset of buffer[0].
  let base = 0;
  // Inside a line already refused as too long: its bytes are dropped up to the next line break.
  let skipping = false;
  for (;;) {
    let got: number;
    try {
      got = readSync(fd, buffer, filled, buffer.length - filled, null);
    } catch (error) {
      throw cannotRead(path, what, error);
    }
    if (got === 0) break;
    filled += got;
    let start = 0;
    if (skipping) {
      start = buffer.subarray(0, filled).indexOf(10) + 1;
      if (start === 0) {
        base += filled;
        filled = 0;
        continue;
      }
      skipping = false;
    }
    // A line break is never inside a multi-byte character, so text cut after one decodes whole.
    const cut = Math.max(buffer.lastIndexOf(10, filled - 1) + 1, start);
    if (cut > start && !feedBytes(reader, buffer.subarray(start, cut), base + start)) return;
    if (filled - cut > MAX_LINE_BYTES) {
      if (!reader.refuseLine(LINE_TOO_LONG)) return;
      skipping = true;
      base += filled;
      filled = 0;
    } else {
      buffer.copy(buffer, 0, cut, filled);
      base += cut;
      filled -= cut;
    }
    if (onChunk?.(reader.linesRead) === false) return;
  }
  if (filled > 0 && !skipping) {
    feedBytes(reader, buffer.subarray(0, filled), base);
    onChunk?.(reader.linesRead);
  }
}

/** Hands whole lines of bytes to `reader` as text; each line that is not UTF-8 is refused instead. False when the reader says stop. */
function feedBytes(reader: JsonlPartReader, bytes: Uint8Array, offset: number): boolean {
  for (;;) {
    const text = decodeUtf8(bytes);
    if (text !== undefined) return reader.text(text, { offset, bytes: bytes.length });
    const bad = Math.max(firstInvalidUtf8(bytes), 0);
    const lineStart = bytes.lastIndexOf(10, bad) + 1;
    const lineEnd = bytes.indexOf(10, bad);
    if (lineStart > 0 && !reader.text(decodeUtf8(bytes.subarray(0, lineStart))!, { offset, bytes: lineStart }))
      return false;
    if (!reader.refuseLine(invalidUtf8Reason(bytes, lineStart, bad))) return false;
    if (lineEnd < 0 || lineEnd + 1 === bytes.length) return true;
    bytes = bytes.subarray(lineEnd + 1);
    offset += lineEnd + 1;
  }
}

/**
 * An events file read in chunks with the rules of `parseJsonl`: the file's text is never held
 * whole, so memory holds the events and little more. `onChunk` hears how many lines were read
 * after each chunk (for a progress line).
 */
export function readJsonlFile(path: string, what = 'events file', onChunk?: (linesRead: number) => void): ParsedJsonl {
  const reader = createJsonlReader();
  readFileInto(path, what, reader, onChunk);
  return reader.finish();
}

/**
 * Every line of an events file parsed on its own, repeats kept (so `verify` sees a copied line),
 * read in chunks as `readJsonlFile` reads. The reading stops at the first line longer than
 * MAX_LINE_BYTES, and at the end of the chunk in which the 20th bad line was found; every bad
 * line read is listed.
 */
export function readJsonlLines(path: string): ParsedJsonl {
  const events: UnitEvent[] = [];
  const lines: number[] = [];
  const kept = {
    get count() {
      return events.length;
    },
    eventAt: (i: number) => events[i]!,
    lineAt: (i: number) => lines[i]!,
  };
  const judge = createLineJudge(kept, { keepRepeats: true, maxErrors: Number.POSITIVE_INFINITY });
  const keep: KeepEvent = (event, n) => {
    events.push(event);
    lines.push(n);
  };
  const reader: JsonlPartReader = {
    get linesRead() {
      return judge.linesRead;
    },
    text: (part) => judge.readPart(part, keep),
    refuseLine: (reason) => judge.refuseLine(reason) && reason !== LINE_TOO_LONG,
  };
  readFileInto(path, '', reader, () => judge.errors.length < MAX_ERRORS);
  if (judge.errors.length > 0) throw new InputErrors(judge.errors);
  return { events, lines };
}

/**
 * An events file as a JsonlHistory: every line checked as `readJsonlFile` checks it, the file's
 * text held (as strings of about 4 MB) instead of a million event objects. `onEvent` hears each
 * event kept, with its line; `onChunk` how many lines were read after each chunk.
 */
export function readJsonlHistoryFile(
  path: string,
  onEvent?: (event: UnitEvent, line: number) => void,
  onChunk?: (linesRead: number) => void,
): JsonlHistory {
  const reader = createJsonlHistoryReader({ onEvent });
  readFileInto(path, 'events file', reader, onChunk);
  return reader.finish();
}

/** An events file: every line valid and every sale's policy known, or nothing. */
export function loadEvents(path: string, book: PolicyBook): { events: UnitEvent[]; lines: number[] } {
  const parsed = readJsonlFile(path);
  checkSalePolicies(parsed.events, parsed.lines, book);
  return parsed;
}

/** A JsonlHistory read back from its file, which stays open until `close`. */
export interface FileHistory {
  readonly history: JsonlHistory;
  close(): void;
}

/**
 * An events file as a JsonlHistory that holds no text (see `createJsonlFileHistoryReader`): every
 * line checked as `loadEvents` checks it and every sale's policy known, or nothing; each event is
 * read again from the file when asked for. Memory holds about 30 bytes an event, whatever the
 * file's size. (Changing the file before `close` changes what is read back; a store re-checks
 * every event it is given.)
 */
export function openHistoryFile(path: string, book: PolicyBook, onChunk?: (linesRead: number) => void): FileHistory {
  const fd = openFile(path, 'events file');
  let regular: boolean;
  try {
    regular = fstatSync(fd).isFile();
  } catch (error) {
    closeSync(fd);
    throw cannotRead(path, 'events file', error);
  }
  if (!regular) {
    // A pipe cannot be read twice: its history keeps the text instead.
    closeSync(fd);
    return { history: loadHistoryFile(path, book, onChunk), close: () => {} };
  }
  try {
    const readText = (offset: number, bytes: number): string => {
      const buffer = Buffer.allocUnsafe(bytes);
      for (let got = 0; got < bytes; ) {
        let n: number;
        try {
          n = readSync(fd, buffer, got, bytes - got, offset + got);
        } catch (error) {
          throw cannotRead(path, 'events file', error);
        }
        if (n === 0)
          throw new InputError(
            undefined,
            '',
            `events file ${path} changed while it was read (it ends before byte ${offset + bytes})`,
          );
        got += n;
      }
      return buffer.toString('utf8');
    };
    const errors: InputError[] = [];
    const reader = createJsonlFileHistoryReader(readText, { onEvent: saleChecker(book, errors) });
    readOpenFileInto(fd, path, 'events file', reader, onChunk);
    const history = reader.finish();
    if (errors.length > 0) throw new InputErrors(errors);
    return { history, close: () => closeSync(fd) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

const saleChecker = (book: PolicyBook, errors: InputError[]) => (event: UnitEvent, line: number) => {
  const error = salePolicyError(event, line, book);
  if (error) errors.push(error);
};

/** An events file as a JsonlHistory: every line valid and every sale's policy known, or nothing. */
export function loadHistoryFile(path: string, book: PolicyBook, onChunk?: (linesRead: number) => void): JsonlHistory {
  const errors: InputError[] = [];
  const history = readJsonlHistoryFile(path, saleChecker(book, errors), onChunk);
  if (errors.length > 0) throw new InputErrors(errors);
  return history;
}
