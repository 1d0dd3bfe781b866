/**
 * A validated JSONL history held as its text and a few numbers per line, not as a million event
 * objects: the garbage collector then has almost nothing to trace however long the history is.
 * Every line is checked once, with the rules of `parseJsonl`; a unit's events are read again from
 * their lines (JSON.parse, no second check) when that unit is asked for, and live no longer than
 * the caller keeps them.
 */
import { InputErrors } from '../errors.js';
import type { UnitEvent } from './envelope.js';
import { createLineJudge, rereadEventLine, type JsonlPartReader, type JsonlReaderOptions } from './jsonl.js';
import { utf8Length } from './utf8.js';
import { grown } from './grown.js';

/** Events grouped by unit, handed out one unit at a time. */
export interface UnitEventSource {
  /** Every unit id, in the order of each unit's first event. */
  readonly unitIds: readonly string[];
  /** How many events there are (a repeated event counts once). */
  readonly eventCount: number;
  /** Calls `each` with every event of `unitId`, in input order, and its position in the whole input. */
  forEachEventOf(unitId: string, each: (event: UnitEvent, position: number) => void): void;
}

/** A JSONL history whose events are read from their lines when asked for. */
export interface JsonlHistory extends UnitEventSource {
  /** The event at `position` (0-based, in input order, repeats left out), read from its line. */
  eventAt(position: number): UnitEvent;
  /** The 1-based line number of the event at `position`. */
  lineAt(position: number): number;
  /** The position of the event with this id, or -1. */
  positionOf(id: string): number;
}

/** A JsonlPartReader that keeps each part it reads (not a copy) as the history's storage. */
export interface JsonlHistoryReader extends JsonlPartReader {
  /** The history, or throws InputErrors when any line was bad. */
  finish(): JsonlHistory;
}

export interface JsonlHistoryOptions extends JsonlReaderOptions {
  /** Hears every event kept, with its line, while the lines are read (a caller's own checks). */
  onEvent?: (event: UnitEvent, line: number) => void;
}

// Per kept event: which text part holds its line, where the line starts and ends there, its line number, its unit.
const PART = 0;
const START = 1;
const END = 2;
const LINE = 3;
const UNIT = 4;
const SLOTS = 5;

/** A JsonlHistoryReader: the rules of `parseJsonl` (see its doc), fed one part of the text at a time. */
export function createJsonlHistoryReader(options: JsonlHistoryOptions = {}): JsonlHistoryReader {
  const parts: string[] = [];
  let slots = new Int32Array(SLOTS * 1024);
  let count = 0;
  const unitIndex = new Map<string, number>();
  const unitIds: string[] = [];
  const lineText = (position: number) => {
    const at = position * SLOTS;
    return parts[slots[at + PART]!]!.slice(slots[at + START], slots[at + END]);
  };
  const eventAt = (position: number) => rereadEventLine(lineText(position));
  const lineAt = (position: number) => slots[position * SLOTS + LINE]!;
  const judge = createLineJudge(
    {
      get count() {
        return count;
      },
      eventAt,
      lineAt,
    },
    options,
  );

  const keep = (event: UnitEvent, n: number, part: number, start: number, end: number) => {
    let unit = unitIndex.get(event.unitId);
    if (unit === undefined) {
      unit = unitIds.length;
      unitIndex.set(event.unitId, unit);
      unitIds.push(event.unitId);
    }
    if ((count + 1) * SLOTS > slots.length) {
      const bigger = new Int32Array(slots.length * 2);
      bigger.set(slots);
      slots = bigger;
    }
    const at = count * SLOTS;
    slots[at + PART] = part;
    slots[at + START] = start;
    slots[at + END] = end;
    slots[at + LINE] = n;
    slots[at + UNIT] = unit;
    count++;
    options.onEvent?.(event, n);
  };

  return {
    get linesRead() {
      return judge.linesRead;
    },
    text(part) {
      const index = parts.push(part) - 1;
      return judge.readPart(part, (event, n, start, end) => keep(event, n, index, start, end));
    },
    refuseLine: (reason) => judge.refuseLine(reason),
    finish() {
      if (judge.errors.length > 0) throw new InputErrors(judge.errors);
      return historyOf(count, (p) => slots[p * SLOTS + UNIT]!, unitIds, unitIndex, eventAt, lineAt, judge.positionOf);
    },
  };
}

/** Indexes each unit's positions (a counting sort by unit) once every line is read. */
function historyOf(
  count: number,
  unitOf: (position: number) => number,
  unitIds: readonly string[],
  unitIndex: ReadonlyMap<string, number>,
  eventAt: (position: number) => UnitEvent,
  lineAt: (position: number) => number,
  positionOf: (id: string) => number,
): JsonlHistory {
  const firsts = new Int32Array(unitIds.length + 1);
  for (let p = 0; p < count; p++) firsts[unitOf(p) + 1]!++;
  for (let u = 0; u < unitIds.length; u++) firsts[u + 1]! += firsts[u]!;
  const next = firsts.slice(0, unitIds.length);
  const byUnit = new Int32Array(count);
  for (let p = 0; p < count; p++) byUnit[next[unitOf(p)]!++] = p;
  return {
    eventCount: count,
    unitIds,
    eventAt,
    lineAt,
    positionOf,
    forEachEventOf(unitId, each) {
      const unit = unitIndex.get(unitId);
      if (unit === undefined) return;
      for (let k = firsts[unit]!; k < firsts[unit + 1]!; k++) each(eventAt(byUnit[k]!), byUnit[k]!);
    },
  };
}

/** Reads `bytes` bytes of the history's file from byte `offset`, as text (the file is the history's storage). */
export type ReadFileText = (offset: number, bytes: number) => string;

/**
 * A JsonlHistoryReader over a file that keeps no text at all: where each kept line is in the file
 * (byte offset and length), its line number and unit, about 20 bytes an event; an event is read
 * back from the file with `readText` when asked for. Every part must come with its place in the
 * file (`text(part, at)`), as `readFileInto` gives it.
 */
export function createJsonlFileHistoryReader(
  readText: ReadFileText,
  options: JsonlHistoryOptions = {},
): JsonlHistoryReader {
  let offsets = new Float64Array(1024);
  let lengths = new Int32Array(1024);
  let lines = new Int32Array(1024);
  let units = new Int32Array(1024);
  let count = 0;
  const unitIndex = new Map<string, number>();
  const unitIds: string[] = [];
  const eventAt = (position: number) => rereadEventLine(readText(offsets[position]!, lengths[position]!));
  const lineAt = (position: number) => lines[position]!;
  const judge = createLineJudge(
    {
      get count() {
        return count;
      },
      eventAt,
      lineAt,
    },
    options,
  );

  return {
    get linesRead() {
      return judge.linesRead;
    },
    text(part, at) {
      if (at === undefined) throw new Error('a file history reads parts with their place in the file');
      // Byte offsets from character offsets, counted on from the last line kept (the same when the part is ASCII).
      const ascii = at.bytes === part.length;
      let char = 0;
      let byte = at.offset;
      const byteAt = (to: number) => {
        byte += ascii ? to - char : utf8Length(part, char, to);
        char = to;
        return byte;
      };
      return judge.readPart(part, (event, n, start, end) => {
        let unit = unitIndex.get(event.unitId);
        if (unit === undefined) {
          unit = unitIds.push(event.unitId) - 1;
          unitIndex.set(event.unitId, unit);
        }
        offsets = grown(offsets, count + 1);
        lengths = grown(lengths, count + 1);
        lines = grown(lines, count + 1);
        units = grown(units, count + 1);
        const from = byteAt(start);
        offsets[count] = from;
        lengths[count] = byteAt(end) - from;
        lines[count] = n;
        units[count] = unit;
        count++;
        options.onEvent?.(event, n);
      });
    },
    refuseLine: (reason) => judge.refuseLine(reason),
    finish() {
      if (judge.errors.length > 0) throw new InputErrors(judge.errors);
      return historyOf(count, (p) => units[p]!, unitIds, unitIndex, eventAt, lineAt, judge.positionOf);
    },
  };
}

/**
 * A whole JSONL text as a history: the same lines accepted and the same errors as `parseJsonl`,
 * with the events held as the text itself.
 * @example const history = parseJsonlHistory(text); for (const p of eachUnitProjection(history, { asOf })) ...
 */
export function parseJsonlHistory(text: string, options: JsonlHistoryOptions = {}): JsonlHistory {
  const reader = createJsonlHistoryReader(options);
  reader.text(text);
  return reader.finish();
}
