/**
 * The fleet view (rulebook 13): failures per model, component and problem by month, quarter and
 * year; an early warning when a problem recurs at or above a policy threshold in one month; units
 * nearing the end of coverage; open entitlements and service-level breaches across the fleet.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { UnitEventSource } from '../events/jsonl-history.js';
import { reaches, type Policy, type Threshold } from '../policy/schema.js';
import { toTimePoint } from '../time/as-of.js';
import { formatInstant } from '../time/instant.js';
import { civilFromDay, dayOf, formatDay, parseDay, type Day } from '../time/calendar.js';
import { loanerMark } from '../rules/loaner.js';
import { repairTimeMark } from '../rules/repair-time-limit.js';
import { applyInOrder } from '../unit/evolve.js';
import { faultOf, initialState, type UnitState } from '../unit/state.js';
import { eachUnitEvents } from './project.js';
import { selectionRequest, selectUnit, type ProjectionOptions } from './select-unit.js';
import type { OnProgress } from './recompute.js';
import { unitView, visibleEntitlements, type EntitlementView } from './unit-view.js';

/** Failures of one (model, component, problem): each `FaultReported` counts once, in its month. */
export interface FailureGroup {
  model: string;
  component: string;
  problemCode: string;
  total: number;
  byYear: Record<string, number>;
  byQuarter: Record<string, number>;
  byMonth: Record<string, number>;
}

export interface EarlyWarning {
  model: string;
  component: string;
  problemCode: string;
  month: string;
  failures: number;
  threshold: Threshold;
  units: string[];
}

export interface FleetView {
  asOf: string;
  units: number;
  events: number;
  failures: FailureGroup[];
  earlyWarnings: EarlyWarning[];
  endingSoon: { unitId: string; model: string; end: string; daysLeft: number }[];
  openEntitlements: {
    unitId: string;
    kind: string;
    rule: string;
    faultId?: string;
    component?: string;
    eventIds: string[];
    /** The day it arose, in the unit's policy time zone. */
    since: string;
    /** Whole days from then to the as-of day. */
    ageDays: number;
  }[];
  breaches: { unitId: string; faultId: string; measure: string; limitMinutes: number; actualMinutes: number }[];
  totals: { failures: number; earlyWarnings: number; endingSoon: number; openEntitlements: number; breaches: number };
  /** Units of each model (sold ones; `(no sale)` for the rest): what failure rates are per. */
  unitsByModel: Record<string, number>;
}

export interface FleetOptions extends ProjectionOptions {
  /** Days ahead of the as-of date that count as "nearing the end of coverage" (default 60). */
  endingWithinDays?: number | undefined;
  /** Overrides every policy's `fleet.earlyWarningFailures`. */
  earlyWarning?: Threshold | undefined;
  onProgress?: OnProgress | undefined;
}

const NO_SALE = '(no sale)';
const sorted = (r: Record<string, number>) =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));

/** The stricter of two thresholds: the one reached by fewer failures. */
function stricter(a: Threshold | undefined, b: Threshold | undefined): Threshold | undefined {
  if (!a || !b) return a ?? b;
  const need = (t: Threshold) => (t.comparison === 'at-least' ? t.value : t.value + 1);
  return need(b) < need(a) ? b : a;
}

interface Group extends FailureGroup {
  threshold: Threshold | undefined;
  unitsByMonth: Map<string, Set<string>>;
}

function addFailure(
  groups: Map<string, Group>,
  model: string,
  component: string,
  problemCode: string,
  day: number,
  unitId: string,
  policy: Policy | null,
): void {
  const key = `${model}\u0000${component}\u0000${problemCode}`;
  let g = groups.get(key);
  if (!g)
    groups.set(
      key,
      (g = {
        model,
        component,
        problemCode,
        total: 0,
        byYear: {},
        byQuarter: {},
        byMonth: {},
        threshold: undefined,
        unitsByMonth: new Map(),
      }),
    );
  const { year, month } = civilFromDay(day);
  const m = `${year}-${String(month).padStart(2, '0')}`;
  const q = `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  g.total++;
  g.byYear[String(year)] = (g.byYear[String(year)] ?? 0) + 1;
  g.byQuarter[q] = (g.byQuarter[q] ?? 0) + 1;
  g.byMonth[m] = (g.byMonth[m] ?? 0) + 1;
  g.threshold = stricter(g.threshold, policy?.fleet?.earlyWarningFailures);
  const units = g.unitsByMonth.get(m) ?? new Set<string>();
  units.add(unitId);
  g.unitsByMonth.set(m, units);
}

function warnings(groups: readonly Group[], override: Threshold | undefined): EarlyWarning[] {
  const out: EarlyWarning[] = [];
  for (const g of groups) {
    const threshold = override ?? g.threshold;
    if (!threshold) continue;
    for (const [month, failures] of Object.entries(sorted(g.byMonth))) {
      if (reaches(failures, threshold))
        out.push({
          model: g.model,
          component: g.component,
          problemCode: g.problemCode,
          month,
          failures,
          threshold,
          units: [...g.unitsByMonth.get(month)!].sort(),
        });
    }
  }
  return out;
}

/**
 * The day each entitlement of a view arose, in the policy's zone: the state's own for those the fold
 * fired, the mark (loaner, repair time limit) for those the view adds at the as-of moment.
 */
function aroseDays(state: UnitState, policy: Policy, views: readonly EntitlementView[], asOfMs: number): Day[] {
  const fired = visibleEntitlements(state);
  return views.map((v, i) => {
    const own = fired[i]?.sinceMs;
    if (own !== undefined) return dayOf(own, policy.timeZone);
    const fault = v.faultId === undefined ? undefined : faultOf(state, v.faultId);
    const mark = fault
      ? v.because[0]?.rule === 'repair-time-limit'
        ? repairTimeMark(fault, policy)
        : loanerMark(fault, policy)
      : null;
    return dayOf(mark ?? asOfMs, policy.timeZone);
  });
}

/**
 * The fleet at the as-of (and known-at) moment. Pure; `onProgress` is called every 500 units.
 * @example const f = fleetView(events, { asOf: '2025-06-30' }); f.earlyWarnings
 */
export function fleetView(events: readonly UnitEvent[] | UnitEventSource, options: FleetOptions): FleetView {
  const within = options.endingWithinDays ?? 60;
  const point = toTimePoint(options.asOf, 'asOf');
  const groups = new Map<string, Group>();
  const view: FleetView = {
    asOf: point.kind === 'date' ? formatDay(point.day) : formatInstant(point.ms),
    units: 0,
    events: 0,
    failures: [],
    earlyWarnings: [],
    endingSoon: [],
    openEntitlements: [],
    breaches: [],
    totals: { failures: 0, earlyWarnings: 0, endingSoon: 0, openEntitlements: 0, breaches: 0 },
    unitsByModel: {},
  };
  const request = selectionRequest(options);
  let seen = 0;
  let n = 0;
  for (const [unitId, unitEvents] of eachUnitEvents(events)) {
    seen += unitEvents.length;
    if (++n % 500 === 0) options.onProgress?.(seen, n);
    const s = selectUnit(unitEvents, request);
    if (!s) continue;
    view.units++;
    view.events += s.kept.length;
    const sale = s.kept.find((t) => t.event.type === 'UnitSold')?.event;
    const model = sale?.type === 'UnitSold' ? sale.data.model : NO_SALE;
    view.unitsByModel[model] = (view.unitsByModel[model] ?? 0) + 1;
    const zone = s.policy?.timeZone ?? 'UTC';
    for (const t of s.kept) {
      if (t.event.type === 'FaultReported')
        addFailure(
          groups,
          model,
          t.event.data.component,
          t.event.data.problemCode,
          dayOf(t.occurredMs, zone),
          unitId,
          s.policy,
        );
    }
    if (!s.policy) continue;
    const state = applyInOrder(initialState(unitId), s.kept, s.policy);
    const v = unitView(state, s.policy, s.asOf);
    const arose = aroseDays(state, s.policy, v.entitlements, s.asOf.ms);
    const unit = v.coverage.find((c) => c.component === 'unit');
    const daysLeft = unit?.end ? parseDay(unit.end)! - s.asOf.day : null;
    if (v.status === 'active' && daysLeft !== null && daysLeft <= within)
      view.endingSoon.push({ unitId, model, end: unit!.end!, daysLeft });
    for (const [i, e] of v.entitlements.entries()) {
      if (e.status !== 'open') continue;
      const day = arose[i]!;
      const item: FleetView['openEntitlements'][number] = {
        unitId,
        kind: e.kind,
        rule: e.because[0]?.rule ?? '?',
        eventIds: e.because.flatMap((b) => b.eventIds),
        since: formatDay(day),
        ageDays: s.asOf.day - day,
      };
      if (e.faultId !== undefined) item.faultId = e.faultId;
      if (e.component !== undefined) item.component = e.component;
      view.openEntitlements.push(item);
    }
    for (const b of v.slaBreaches) view.breaches.push({ unitId, ...b });
  }
  options.onProgress?.(seen, n);
  const list = [...groups.values()].sort(
    (a, b) =>
      b.total - a.total || (a.model + a.component + a.problemCode < b.model + b.component + b.problemCode ? -1 : 1),
  );
  view.failures = list.map(({ threshold: _t, unitsByMonth: _u, ...g }) => ({
    ...g,
    byYear: sorted(g.byYear),
    byQuarter: sorted(g.byQuarter),
    byMonth: sorted(g.byMonth),
  }));
  view.earlyWarnings = warnings(list, options.earlyWarning);
  view.unitsByModel = sorted(view.unitsByModel);
  view.endingSoon.sort((a, b) => a.daysLeft - b.daysLeft || (a.unitId < b.unitId ? -1 : 1));
  view.totals = {
    failures: list.reduce((sum, g) => sum + g.total, 0),
    earlyWarnings: view.earlyWarnings.length,
    endingSoon: view.endingSoon.length,
    openEntitlements: view.openEntitlements.length,
    breaches: view.breaches.length,
  };
  return view;
}
