/** Reading what the CLI is given: an events file, policy files, time flags. Errors name the line and field. */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError, InputErrors } from '../errors.js';
import type { UnitEvent } from '../events/envelope.js';
import { createJsonlReader, type JsonlReader, type ParsedJsonl } from '../events/jsonl.js';
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

/** Every sale names a policy (and version) the book knows; errors name the sale's line. */
export function checkSalePolicies(events: readonly UnitEvent[], lines: readonly number[], book: PolicyBook): void {
  const errors: InputError[] = [];
  events.forEach((e, i) => {
    if (e.type !== 'UnitSold') return;
    const { policyId, policyVersion } = e.data;
    if (!book.has(policyId)) {
      errors.push(new InputError(lines[i], 'data.policyId', `unknown policy ${JSON.stringify(policyId)} (known: ${[...new Set(book.all.map((p) => p.id))].join(', ')})`));
      return;
    }
    if (policyVersion !== undefined && !book.all.some((p) => p.id === policyId && p.version === policyVersion)) {
      errors.push(new InputError(lines[i], 'data.policyVersion', `policy ${policyId} has no version ${policyVersion}`));
    }
  });
  if (errors.length > 0) throw new InputErrors(errors);
}

/** Feeds the lines of `buffer[0, to)` (each ended by `\n`) to `reader`; returns where the unfinished line starts, or -1 to stop. */
function feedLines(reader: JsonlReader, buffer: Buffer, to: number, next: { n: number }): number {
  const bytes = buffer.subarray(0, to);
  let start = 0;
  for (let nl = bytes.indexOf(10, start); nl >= 0; nl = bytes.indexOf(10, start)) {
    if (!reader.line(lineText(bytes, start, nl, next.n), next.n)) return -1;
    next.n++;
    start = nl + 1;
  }
  return start;
}

/** One line's text; the first line loses a byte-order mark, as `parseJsonl` does. */
function lineText(bytes: Buffer, from: number, to: number, n: number): string {
  const text = bytes.toString('utf8', from, to);
  return n === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * An events file read in chunks, one line at a time, with the rules of `parseJsonl`: the file's
 * text is never held whole, so memory holds the events and little more. `onChunk` hears how many
 * lines were read after each chunk (for a progress line).
 */
export function readJsonlFile(path: string, what = 'events file', onChunk?: (linesRead: number) => void): ParsedJsonl {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw cannotRead(path, what, error);
  }
  try {
    const reader = createJsonlReader();
    const next = { n: 1 };
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
      const rest = feedLines(reader, buffer, filled, next);
      if (rest < 0) return reader.finish();
      onChunk?.(next.n - 1);
      buffer.copy(buffer, 0, rest, filled);
      filled -= rest;
    }
    reader.line(lineText(buffer, 0, filled, next.n), next.n);
    return reader.finish();
  } finally {
    closeSync(fd);
  }
}

/** An events file: every line valid and every sale's policy known, or nothing. */
export function loadEvents(path: string, book: PolicyBook): { events: UnitEvent[]; lines: number[] } {
  const parsed = readJsonlFile(path);
  checkSalePolicies(parsed.events, parsed.lines, book);
  return parsed;
}
