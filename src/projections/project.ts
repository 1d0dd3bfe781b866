/**
 * Projecting units from events and policies at an as-of and known-at moment: group by unit, keep
 * what was known and had occurred, fold in business-time order, derive the view.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { UnitEventSource } from '../events/jsonl-history.js';
import type { Policy } from '../policy/schema.js';
import { noSaleAnomaly } from '../rules/no-sale.js';
import type { Cutoff } from '../time/as-of.js';
import { applyInOrder } from '../unit/evolve.js';
import { compareTimed, timed, type Timed } from '../unit/order.js';
import { initialState, type UnitState } from '../unit/state.js';
import { selectionRequest, selectKnown, type ProjectionOptions, type SelectionRequest } from './select-unit.js';
import { unitView, type UnitView } from './unit-view.js';

export { policyForSale, type ProjectionOptions } from './select-unit.js';

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

/** One unit from its events in business-time order. */
function projectKnown(known: Timed[], request: SelectionRequest): UnitProjection | undefined {
  const selection = selectKnown(known, request);
  if (!selection) return undefined;
  const { unitId, policy, kept, asOf } = selection;
  if (!policy) return { unitId, policy: null, state: null, view: noSaleView(kept[0]!.event), asOf };
  const state = applyInOrder(initialState(unitId), kept, policy);
  return { unitId, policy, state, view: unitView(state, policy, asOf), asOf };
}

/**
 * Projects one unit from its events (any order) at the given moments; undefined when none of its
 * events had occurred (and been recorded) by then (fine print 12).
 */
export function projectUnit(unitEvents: readonly Timed[], options: ProjectionOptions): UnitProjection | undefined {
  return projectKnown([...unitEvents].sort(compareTimed), selectionRequest(options));
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
  const request = selectionRequest(options);
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
export function* eachUnitEvents(
  events: readonly UnitEvent[] | UnitEventSource,
  unitIds?: Iterable<string>,
): Generator<[string, Timed[]], void, undefined> {
  const source = isEventList(events) ? eventListSource(events) : events;
  for (const unitId of unitIds ?? [...source.unitIds].sort()) {
    const unitEvents: Timed[] = [];
    source.forEachEventOf(unitId, (event, position) => void unitEvents.push(timed(event, position)));
    if (unitEvents.length > 0) yield [unitId, unitEvents];
  }
}

const isEventList = (events: readonly UnitEvent[] | UnitEventSource): events is readonly UnitEvent[] =>
  Array.isArray(events);

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
export function projectUnits(
  events: readonly UnitEvent[] | UnitEventSource,
  options: ProjectionOptions,
): Map<string, UnitProjection> {
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
