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
  const judge = createLineJudge({ get count() { return count; }, eventAt, lineAt }, options);

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
      return historyOf(slots, count, unitIds, unitIndex, eventAt, lineAt);
    },
  };
}

/** Indexes each unit's positions (a counting sort by unit) once every line is read. */
function historyOf(
  slots: Int32Array,
  count: number,
  unitIds: readonly string[],
  unitIndex: ReadonlyMap<string, number>,
  eventAt: (position: number) => UnitEvent,
  lineAt: (position: number) => number,
): JsonlHistory {
  const firsts = new Int32Array(unitIds.length + 1);
  for (let p = 0; p < count; p++) firsts[slots[p * SLOTS + UNIT]! + 1]!++;
  for (let u = 0; u < unitIds.length; u++) firsts[u + 1]! += firsts[u]!;
  const next = firsts.slice(0, unitIds.length);
  const byUnit = new Int32Array(count);
  for (let p = 0; p < count; p++) byUnit[next[slots[p * SLOTS + UNIT]!]!++] = p;
  return {
    eventCount: count,
    unitIds,
    eventAt,
    lineAt,
    forEachEventOf(unitId, each) {
      const unit = unitIndex.get(unitId);
      if (unit === undefined) return;
      for (let k = firsts[unit]!; k < firsts[unit + 1]!; k++) each(eventAt(byUnit[k]!), byUnit[k]!);
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
