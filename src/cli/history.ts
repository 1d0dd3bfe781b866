/**
 * The history every reading command loads: FILE.jsonl (the one positional) or `--store`, with the
 * shared flags (as-of defaults to now), and a progress line for a large file, so each command
 * reads and reports the same way.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { UnitEventSource } from '../events/jsonl-history.js';
import type { PolicyBook } from '../policy/resolve.js';
import { eventListSource } from '../projections/project.js';
import { parseTimePoint, type TimePoint } from '../time/as-of.js';
import { checkSalePolicies, loadEvents, loadHistoryFile, loadPolicyBook, readJsonlFile } from './input.js';
import { UsageError, type CliIo } from './io.js';
import { createProgress, wantsProgress, type Progress } from './progress.js';
import { parseStoreSpec, readStore, readStoreSource, type StoreReadOptions } from './store-option.js';

/**
 * The history a command works on: FILE.jsonl or `--store`, read whole and validated, with every
 * sale's policy known to the book.
 * @example const events = await loadHistory(positionals, values.store, policies, io, usage);
 */
export async function loadHistory(
  positionals: readonly string[],
  store: string | undefined,
  book: PolicyBook,
  io: CliIo,
  usage: string,
  options: StoreReadOptions = {},
): Promise<UnitEvent[]> {
  if (store === undefined) {
    if (positionals.length !== 1) throw new UsageError(`expected one events file or --store\nusage: ${usage}`);
    return loadEvents(positionals[0]!, book).events;
  }
  if (positionals.length !== 0) throw new UsageError(`expected an events file or --store, not both\nusage: ${usage}`);
  const events = await readStore(parseStoreSpec(store), io, options);
  checkSalePolicies(events, [], book);
  return events;
}

/**
 * The history the state command projects: FILE.jsonl held as its text (a JsonlHistory, each
 * unit's events read for its turn), or `--store` read whole; checked as `loadHistory` checks.
 */
export async function loadUnitEventSource(
  positionals: readonly string[],
  store: string | undefined,
  book: PolicyBook,
  io: CliIo,
  usage: string,
  options: StoreReadOptions = {},
): Promise<UnitEventSource> {
  if (store === undefined && positionals.length === 1) return loadHistoryFile(positionals[0]!, book);
  const spec = store === undefined || positionals.length !== 0 ? undefined : parseStoreSpec(store);
  if (spec?.kind === 'file') return readStoreSource(spec, book, io, options);
  return eventListSource(await loadHistory(positionals, store, book, io, usage, options));
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
    asOf:
      values['as-of'] === undefined
        ? { kind: 'instant', ms: io.now().getTime() }
        : parseTimePoint(values['as-of'], '--as-of'),
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
 * shared flags (as-of defaults to now), and a progress line for a large file. A command about one
 * unit (`unitId`) on a file store gets just that unit's events.
 */
export async function readHistory(
  positionals: readonly string[],
  values: HistoryFlags,
  io: CliIo,
  label: string,
  usage: string,
  unitId?: string,
): Promise<History> {
  const { asOf, knownAt, policies } = sharedFlags(values, io);
  const path = positionals[0];
  if (
    unitId !== undefined &&
    values.store !== undefined &&
    positionals.length === 0 &&
    parseStoreSpec(values.store).kind === 'file'
  ) {
    // One unit's events from the store's offset index (every chain checked first), not the whole store as objects.
    const source = await loadUnitEventSource(positionals, values.store, policies, io, usage, {
      noVerify: values['no-verify'] === true,
    });
    const events: UnitEvent[] = [];
    source.forEachEventOf(unitId, (event) => events.push(event));
    (source as { close?: () => void }).close?.();
    return { events, policies, asOf, knownAt, progress: createProgress(io, label, false) };
  }
  if (values.store !== undefined || path === undefined || positionals.length !== 1) {
    const events = await loadHistory(positionals, values.store, policies, io, usage, {
      noVerify: values['no-verify'] === true,
    });
    return { events, policies, asOf, knownAt, progress: createProgress(io, label, io.stderrIsTty && !values.json) };
  }
  if (!wantsProgress(io, path, values.json)) {
    return {
      events: loadEvents(path, policies).events,
      policies,
      asOf,
      knownAt,
      progress: createProgress(io, label, false),
    };
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
 * each unit's events read for its turn), a file store through its offset index (each unit's events
 * read from the file for its turn), an EventStoreDB store as a list of events.
 */
export async function readUnitsHistory(
  positionals: readonly string[],
  values: HistoryFlags,
  io: CliIo,
  label: string,
  usage: string,
): Promise<UnitsHistory> {
  const path = positionals[0];
  if (values.store !== undefined && positionals.length === 0 && parseStoreSpec(values.store).kind === 'file') {
    const { asOf, knownAt, policies } = sharedFlags(values, io);
    const source = await loadUnitEventSource(positionals, values.store, policies, io, usage, {
      noVerify: values['no-verify'] === true,
    });
    return { source, policies, asOf, knownAt, progress: createProgress(io, label, io.stderrIsTty && !values.json) };
  }
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
