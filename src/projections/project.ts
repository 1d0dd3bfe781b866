/**
 * Projecting units from events and policies at an as-of and known-at moment: group by unit, keep
 * what was known and had occurred, fold in business-time order, derive the view.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { UnitEventSource } from '../events/jsonl-history.js';
import type { Policy } from '../policy/schema.js';
import { createPolicyBook, type PolicyBook } from '../policy/resolve.js';
import { noSaleAnomaly } from '../rules/no-sale.js';
import { dayOf } from '../time/calendar.js';
import { cutoffIn, isBefore, toTimePoint, type Cutoff, type TimePoint } from '../time/as-of.js';
import { applyInOrder } from '../unit/evolve.js';
import { compareTimed, timed, type Timed } from '../unit/order.js';
import { initialState, type UnitState } from '../unit/state.js';
import { unitView, type UnitView } from './unit-view.js';

export interface ProjectionOptions {
  /** Business time: a date (end of that day in the policy's zone) or a timestamp (inclusive). */
  readonly asOf: TimePoint | Date | string;
  /** Ledger time: keep only events recorded by then. */
  readonly knownAt?: TimePoint | Date | string | undefined;
  /** The policies to judge under (presets when absent). */
  readonly policies?: PolicyBook | undefined;
}

/** One unit projected: its policy (null before its sale), its state and its view. */
export interface UnitProjection {
  readonly unitId: string;
  readonly policy: Policy | null;
  readonly state: UnitState | null;
  readonly view: UnitView;
  readonly asOf: Cutoff;
}

/** The events of each unit, in input order, with their instants. */
export function groupByUnit(events: readonly UnitEvent[]): Map<string, Timed[]> {
  const units = new Map<string, Timed[]>();
  events.forEach((event, seq) => {
    const list = units.get(event.unitId);
    const t = timed(event, seq);
    if (list) list.push(t);
    else units.set(event.unitId, [t]);
  });
  return units;
}

/** The view of a unit whose events include no sale (yet). */
export function noSaleView(first: UnitEvent): UnitView {
  return {
    status: 'pending',
    coverage: [],
    failedRepairs: [],
    downtimeMinutes: 0,
    entitlements: [],
    slaBreaches: [],
    anomalies: [noSaleAnomaly(first.id)],
    serialNumber: null,
    policy: null,
  };
}

/** The policy a unit's sale names, in force on the sale date (or the version the sale fixed). */
export function policyForSale(sale: Timed, book: PolicyBook): Policy {
  if (sale.event.type !== 'UnitSold') throw new TypeError('not a sale');
  const { policyId, policyVersion } = sale.event.data;
  const latest = book.resolve(policyId);
  return book.resolve(policyId, { version: policyVersion, saleDay: dayOf(sale.occurredMs, latest.timeZone) });
}

/** The moments and policies of one projection request, resolved once for every unit. */
interface Request {
  readonly book: PolicyBook;
  readonly asOf: TimePoint;
  readonly knownAt: TimePoint | undefined;
  /** The known-at moment in UTC (which sale is known), when there is one. */
  readonly knownAtUtc: Cutoff | undefined;
  /** Cutoffs by time zone. */
  readonly cutoffs: Map<string, { asOf: Cutoff; knownAt: Cutoff | undefined }>;
}

function requestOf(options: ProjectionOptions): Request {
  const knownAt = options.knownAt === undefined ? undefined : toTimePoint(options.knownAt, 'knownAt');
  return {
    book: options.policies ?? defaultBook(),
    asOf: toTimePoint(options.asOf, 'asOf'),
    knownAt,
    knownAtUtc: knownAt && cutoffIn(knownAt, 'UTC'),
    cutoffs: new Map(),
  };
}

function cutoffsIn(request: Request, zone: string): { asOf: Cutoff; knownAt: Cutoff | undefined } {
  let found = request.cutoffs.get(zone);
  if (!found) {
    found = { asOf: cutoffIn(request.asOf, zone), knownAt: request.knownAt && cutoffIn(request.knownAt, zone) };
    request.cutoffs.set(zone, found);
  }
  return found;
}

/** The events that had occurred (and were known) by the cutoffs: a prefix of `known` unless `knownAt` drops some. */
function keptOf(known: Timed[], asOf: Cutoff, knownAt: Cutoff | undefined): Timed[] {
  if (knownAt) return known.filter((t) => isBefore(t.occurredMs, asOf) && isBefore(t.recordedMs, knownAt));
  let n = 0;
  while (n < known.length && isBefore(known[n]!.occurredMs, asOf)) n++;
  return n === known.length ? known : known.slice(0, n);
}

/** One unit from its events in business-time order. */
function projectKnown(known: Timed[], request: Request): UnitProjection | undefined {
  const knownAtUtc = request.knownAtUtc;
  const sale = known.find((t) => t.event.type === 'UnitSold' && (!knownAtUtc || isBefore(t.recordedMs, knownAtUtc)));
  const policy = sale ? policyForSale(sale, request.book) : null;
  const cutoffs = cutoffsIn(request, policy?.timeZone ?? 'UTC');
  const kept = keptOf(known, cutoffs.asOf, cutoffs.knownAt);
  if (kept.length === 0) return undefined;
  const unitId = kept[0]!.event.unitId;
  const keptSale = kept.find((t) => t.event.type === 'UnitSold');
  if (!policy || !keptSale) return { unitId, policy: null, state: null, view: noSaleView(kept[0]!.event), asOf: cutoffs.asOf };
  const state = applyInOrder(initialState(unitId), kept, policy);
  return { unitId, policy, state, view: unitView(state, policy, cutoffs.asOf), asOf: cutoffs.asOf };
}

/**
 * Projects one unit from its events (any order) at the given moments; undefined when none of its
 * events had occurred (and been recorded) by then (fine print 12).
 */
export function projectUnit(unitEvents: readonly Timed[], options: ProjectionOptions): UnitProjection | undefined {
  return projectKnown([...unitEvents].sort(compareTimed), requestOf(options));
}

let book: PolicyBook | undefined;
function defaultBook(): PolicyBook {
  return (book ??= createPolicyBook());
}

/**
 * Every unit's projection at the given moments, one unit at a time in sorted unit-id order: a
 * caller that keeps only the views (the state command) lets each unit's state go at once. From a
 * UnitEventSource (a JsonlHistory), each unit's events are also read only for its turn.
 * @example for (const p of eachUnitProjection(events, { asOf: '2025-06-01' })) print(p.view);
 */
export function* eachUnitProjection(
  events: readonly UnitEvent[] | UnitEventSource,
  options: ProjectionOptions,
  /** The units to project, in this order (every unit, in sorted order, when absent). */
  unitIds?: Iterable<string>,
): Generator<UnitProjection, void, undefined> {
  const request = requestOf(options);
  for (const [, unitEvents] of eachUnitEvents(events, unitIds)) {
    const projection = projectKnown(unitEvents.sort(compareTimed), request);
    if (projection) yield projection;
  }
}

/**
 * Each unit's events with their instants, in input order, one unit at a time: the units given, or
 * every unit in sorted order; a unit with no events is left out. From a JsonlHistory, a unit's
 * events are read only for its turn.
 */
export function* eachUnitEvents(events: readonly UnitEvent[] | UnitEventSource, unitIds?: Iterable<string>): Generator<[string, Timed[]], void, undefined> {
  const source = isEventList(events) ? eventListSource(events) : events;
  for (const unitId of unitIds ?? [...source.unitIds].sort()) {
    const unitEvents: Timed[] = [];
    source.forEachEventOf(unitId, (event, position) => void unitEvents.push(timed(event, position)));
    if (unitEvents.length > 0) yield [unitId, unitEvents];
  }
}

const isEventList = (events: readonly UnitEvent[] | UnitEventSource): events is readonly UnitEvent[] => Array.isArray(events);

/** Events in a list as a source: positions, not objects, per unit, so each unit's timed events are built just before its fold. */
export function eventListSource(events: readonly UnitEvent[]): UnitEventSource {
  const units = new Map<string, number[]>();
  for (let i = 0; i < events.length; i++) {
    const unitId = events[i]!.unitId;
    const list = units.get(unitId);
    if (list) list.push(i);
    else units.set(unitId, [i]);
  }
  return {
    unitIds: [...units.keys()],
    eventCount: events.length,
    forEachEventOf(unitId, each) {
      for (const i of units.get(unitId) ?? []) each(events[i]!, i);
    },
  };
}

/**
 * Every unit's projection at the given moments, keyed by unit id in sorted order.
 * @example const units = projectUnits(events, { asOf: '2025-06-01' }); units.get('U-1')?.view.status
 */
export function projectUnits(events: readonly UnitEvent[] | UnitEventSource, options: ProjectionOptions): Map<string, UnitProjection> {
  const result = new Map<string, UnitProjection>();
  for (const projection of eachUnitProjection(events, options)) result.set(projection.unitId, projection);
  return result;
}

/** The contract's `{"units": {...}}` object for `warranty-ledger state --json`. */
export function stateDocument(projections: Map<string, UnitProjection>): { units: Record<string, UnitView> } {
  const units = Object.create(null) as Record<string, UnitView>;
  for (const [unitId, p] of projections) units[unitId] = p.view;
  return { units };
}
