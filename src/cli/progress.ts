/**
 * Progress for long runs (issue 5.7): one `\r`-updated line on stderr (events read, units, rate),
 * only when stderr is a terminal, the input is large and the output is not `--json`. Also the
 * history loading every reading command shares, so each one reports progress the same way.
 */
import { statSync } from 'node:fs';
import type { UnitEvent } from '../events/envelope.js';
import type { UnitEventSource } from '../events/jsonl-history.js';
import type { PolicyBook } from '../policy/resolve.js';
import { eventListSource } from '../projections/project.js';
import { parseTimePoint, type TimePoint } from '../time/as-of.js';
import { checkSalePolicies, loadEvents, loadHistoryFile, loadPolicyBook, readJsonlFile } from './input.js';
import { loadHistory } from './store-option.js';
import type { CliIo } from './io.js';

/** Inputs at least this large (bytes) get a progress line. */
export const LARGE_INPUT_BYTES = 1_000_000;
const EVERY_MS = 200;

export interface Progress {
  /** Reports work done so far; prints at most every 200 ms. */
  tick(events: number, units?: number): void;
  /** Prints the final line (and a newline) when enabled. */
  done(events: number, units: number): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A progress line on stderr, or a silent one when `enabled` is false. */
export function createProgress(io: CliIo, label: string, enabled: boolean): Progress {
  if (!enabled) return { tick: () => {}, done: () => {} };
  const started = io.now().getTime();
  let last = -Infinity;
  const line = (events: number, units: number | undefined, now: number) => {
    const seconds = Math.max((now - started) / 1000, 0.001);
    return `${label}: ${fmt(events)} events, ${units === undefined ? '' : `${fmt(units)} units, `}${fmt(events / seconds)} events/s`;
  };
  return {
    tick(events, units) {
      const now = io.now().getTime();
      if (now - last < EVERY_MS) return;
      last = now;
      io.stderr(`\r${line(events, units, now)}`);
    },
    done(events, units) {
      io.stderr(`\r${line(events, units, io.now().getTime())}\n`);
    },
  };
}

/** True when a progress line is wanted: a terminal, no `--json`, and a large input file. */
export function wantsProgress(io: CliIo, path: string, json: boolean | undefined): boolean {
  if (!io.stderrIsTty || json) return false;
  try {
    return statSync(path).size >= LARGE_INPUT_BYTES;
  } catch {
    return false;
  }
}

/** The flags every history-reading command shares, already parsed. */
export interface HistoryFlags {
  store?: string | undefined;
  'as-of'?: string | undefined;
  'known-at'?: string | undefined;
  policy?: string[] | undefined;
  json?: boolean | undefined;
  'no-verify'?: boolean | undefined;
}

/** A history read from the command line: the events, the policies and the moments to judge at. */
export interface History {
  events: UnitEvent[];
  policies: PolicyBook;
  asOf: TimePoint;
  knownAt: TimePoint | undefined;
  progress: Progress;
}

/** The moments (as-of defaults to now) and the policies the shared flags name. */
export function sharedFlags(values: HistoryFlags, io: CliIo): Pick<History, 'asOf' | 'knownAt' | 'policies'> {
  return {
    asOf: values['as-of'] === undefined ? { kind: 'instant', ms: io.now().getTime() } : parseTimePoint(values['as-of'], '--as-of'),
    knownAt: values['known-at'] === undefined ? undefined : parseTimePoint(values['known-at'], '--known-at'),
    policies: loadPolicyBook(values.policy ?? []),
  };
}

/** Reads an events file in chunks, ticking `progress` with the lines read so far. */
function readWithProgress(path: string, book: PolicyBook, progress: Progress): UnitEvent[] {
  const { events, lines } = readJsonlFile(path, 'events file', (n) => progress.tick(n));
  checkSalePolicies(events, lines, book);
  progress.done(events.length, new Set(events.map((e) => e.unitId)).size);
  return events;
}

/**
 * Reads the history a command works on — FILE.jsonl (the one positional) or `--store` — with the
 * shared flags (as-of defaults to now), and a progress line for a large file.
 */
export async function readHistory(positionals: readonly string[], values: HistoryFlags, io: CliIo, label: string, usage: string): Promise<History> {
  const { asOf, knownAt, policies } = sharedFlags(values, io);
  const path = positionals[0];
  if (values.store !== undefined || path === undefined || positionals.length !== 1) {
    const events = await loadHistory(positionals, values.store, policies, io, usage, { noVerify: values['no-verify'] === true });
    return { events, policies, asOf, knownAt, progress: createProgress(io, label, io.stderrIsTty && !values.json) };
  }
  if (!wantsProgress(io, path, values.json)) {
    return { events: loadEvents(path, policies).events, policies, asOf, knownAt, progress: createProgress(io, label, false) };
  }
  const events = readWithProgress(path, policies, createProgress(io, `${label}: reading`, true));
  return { events, policies, asOf, knownAt, progress: createProgress(io, label, true) };
}

/** A history for a command that works through every unit in turn: the events as a UnitEventSource. */
export interface UnitsHistory extends Omit<History, 'events'> {
  source: UnitEventSource;
}

/**
 * As `readHistory`, for fleet-wide commands: FILE.jsonl is read as a JsonlHistory (its text held,
 * each unit's events read for its turn), `--store` as a list of events.
 */
export async function readUnitsHistory(positionals: readonly string[], values: HistoryFlags, io: CliIo, label: string, usage: string): Promise<UnitsHistory> {
  const path = positionals[0];
  if (values.store !== undefined || path === undefined || positionals.length !== 1) {
    const { events, ...rest } = await readHistory(positionals, values, io, label, usage);
    return { ...rest, source: eventListSource(events) };
  }
  const { asOf, knownAt, policies } = sharedFlags(values, io);
  const shown = wantsProgress(io, path, values.json);
  const reading = createProgress(io, `${label}: reading`, shown);
  const source = loadHistoryFile(path, policies, (n) => reading.tick(n));
  reading.done(source.eventCount, source.unitIds.length);
  return { source, policies, asOf, knownAt, progress: createProgress(io, label, shown) };
}
