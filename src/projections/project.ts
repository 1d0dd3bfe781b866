/**
 * Projecting units from events and policies at an as-of and known-at moment: group by unit, keep
 * what was known and had occurred, fold in business-time order, derive the view.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import { createPolicyBook, type PolicyBook } from '../policy/resolve.js';
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

function noSaleView(first: UnitEvent): UnitView {
  return {
    status: 'pending',
    coverage: [],
    failedRepairs: [],
    downtimeMinutes: 0,
    entitlements: [],
    slaBreaches: [],
    anomalies: [{ rule: 'no-sale', eventIds: [first.id] }],
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

/**
 * Projects one unit from its events (any order) at the given moments; undefined when none of its
 * events had occurred (and been recorded) by then (fine print 12).
 */
export function projectUnit(unitEvents: readonly Timed[], options: ProjectionOptions): UnitProjection | undefined {
  const book = options.policies ?? defaultBook();
  const asOf = toTimePoint(options.asOf, 'asOf');
  const knownAtPoint = options.knownAt === undefined ? undefined : toTimePoint(options.knownAt, 'knownAt');
  const known = [...unitEvents].sort(compareTimed);
  const sale = known.find((t) => t.event.type === 'UnitSold' && (!knownAtPoint || isBefore(t.recordedMs, cutoffIn(knownAtPoint, 'UTC'))));
  const policy = sale ? policyForSale(sale, book) : null;
  const zone = policy?.timeZone ?? 'UTC';
  const cutoff = cutoffIn(asOf, zone);
  const knownAt = knownAtPoint && cutoffIn(knownAtPoint, zone);
  const kept = known.filter((t) => isBefore(t.occurredMs, cutoff) && (!knownAt || isBefore(t.recordedMs, knownAt)));
  if (kept.length === 0) return undefined;
  const unitId = kept[0]!.event.unitId;
  const keptSale = kept.find((t) => t.event.type === 'UnitSold');
  if (!policy || !keptSale) return { unitId, policy: null, state: null, view: noSaleView(kept[0]!.event), asOf: cutoff };
  const state = applyInOrder(initialState(unitId), kept, policy);
  return { unitId, policy, state, view: unitView(state, policy, cutoff), asOf: cutoff };
}

let book: PolicyBook | undefined;
function defaultBook(): PolicyBook {
  return (book ??= createPolicyBook());
}

/**
 * Every unit's projection at the given moments, keyed by unit id in sorted order.
 * @example const units = projectUnits(events, { asOf: '2025-06-01' }); units.get('U-1')?.view.status
 */
export function projectUnits(events: readonly UnitEvent[], options: ProjectionOptions): Map<string, UnitProjection> {
  const result = new Map<string, UnitProjection>();
  const groups = groupByUnit(events);
  for (const unitId of [...groups.keys()].sort()) {
    const projection = projectUnit(groups.get(unitId)!, options);
    if (projection) result.set(unitId, projection);
  }
  return result;
}

/** The contract's `{"units": {...}}` object for `warranty-ledger state --json`. */
export function stateDocument(projections: Map<string, UnitProjection>): { units: Record<string, UnitView> } {
  const units = Object.create(null) as Record<string, UnitView>;
  for (const [unitId, p] of projections) units[unitId] = p.view;
  return { units };
}
