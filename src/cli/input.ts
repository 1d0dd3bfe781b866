/** Reading what the CLI is given: an events file, policy files, time flags. Errors name the line and field. */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError, InputErrors } from '../errors.js';
import type { UnitEvent } from '../events/envelope.js';
import { createJsonlReader, type JsonlPartReader, type ParsedJsonl } from '../events/jsonl.js';
import { createJsonlHistoryReader, type JsonlHistory } from '../events/jsonl-history.js';
import { createPolicyBook, parsePolicies, type PolicyBook } from '../policy/resolve.js';
import type { Policy } from '../policy/schema.js';

function cannotRead(path: string, what: string, error: unknown): InputError {
  return new InputError(undefined, '', `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}

/** The policies in policy files, each one policy or a list; errors name the file and field. */
export function readPolicyFiles(paths: readonly string[]): Policy[] {
  return paths.flatMap((path) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw cannotRead(path, 'policy file', error);
    }
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
  if (!book.has(policyId)) return new InputError(line, 'data.policyId', `unknown policy ${JSON.stringify(policyId)} (known: ${[...new Set(book.all.map((p) => p.id))].join(', ')})`);
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

/**
 * Feeds a file to `reader` in chunks of about 4 MB, each decoded once into text of whole lines
 * (every line ended by its `\n`, except perhaps the file's last); stops early when the reader says
 * false. `onChunk` hears how many lines were read after each chunk (for a progress line).
 */
function readFileInto(path: string, what: string, reader: JsonlPartReader, onChunk?: (linesRead: number) => void): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw cannotRead(path, what, error);
  }
  const feed = (text: string) => {
    const more = reader.text(text);
    onChunk?.(reader.linesRead);
    return more;
  };
  try {
    let buffer = Buffer.allocUnsafe(1 << 22);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      let got: number;
      try {
        got = readSync(fd, buffer, filled, buffer.length - filled, null);
      } catch (error) {
        throw cannotRead(path, what, error);
      }
      if (got === 0) break;
      filled += got;
      // A line break is never inside a multi-byte character, so text cut after one decodes whole.
      const cut = buffer.lastIndexOf(10, filled - 1) + 1;
      if (cut === 0) continue;
      if (!feed(buffer.toString('utf8', 0, cut))) return;
      buffer.copy(buffer, 0, cut, filled);
      filled -= cut;
    }
    if (filled > 0) feed(buffer.toString('utf8', 0, filled));
  } finally {
    closeSync(fd);
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
 * An events file as a JsonlHistory: every line checked as `readJsonlFile` checks it, the file's
 * text held (as strings of about 4 MB) instead of a million event objects. `onEvent` hears each
 * event kept, with its line; `onChunk` how many lines were read after each chunk.
 */
export function readJsonlHistoryFile(path: string, onEvent?: (event: UnitEvent, line: number) => void, onChunk?: (linesRead: number) => void): JsonlHistory {
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

/** An events file as a JsonlHistory: every line valid and every sale's policy known, or nothing. */
export function loadHistoryFile(path: string, book: PolicyBook, onChunk?: (linesRead: number) => void): JsonlHistory {
  const errors: InputError[] = [];
  const onEvent = (event: UnitEvent, line: number) => {
    const error = salePolicyError(event, line, book);
    if (error) errors.push(error);
  };
  const history = readJsonlHistoryFile(path, onEvent, onChunk);
  if (errors.length > 0) throw new InputErrors(errors);
  return history;
}
