/**
 * Care during coverage (rulebook 12): maintenance visits due and overdue while the unit line runs,
 * and installations and repairs still lacking a follow-up, with their dates. Policy data says how
 * often (`care.maintenanceEveryMonths`) and how soon (`care.followUpWithinDays`).
 */
import type { UnitEvent } from '../events/envelope.js';
import type { UnitEventSource } from '../events/jsonl-history.js';
import type { Policy } from '../policy/schema.js';
import { coverageLines, lineFor } from '../rules/coverage.js';
import { addMonths, clampDay, dayOf, formatDay, type Day } from '../time/calendar.js';
import { applyInOrder } from '../unit/evolve.js';
import type { Timed } from '../unit/order.js';
import { faultOf, initialState, type UnitState } from '../unit/state.js';
import { eachUnitEvents } from './project.js';
import { selectionRequest, selectUnit, type ProjectionOptions } from './select-unit.js';
import type { OnProgress } from './recompute.js';

/** One maintenance slot: due `months` after the coverage start or the previous visit. */
export interface MaintenanceSlot {
  due: string;
  /** `done` by the due date, `late` after it, `overdue` (as-of past due, no visit), `due` (not yet). */
  status: 'done' | 'late' | 'overdue' | 'due';
  visitedOn?: string;
  eventId?: string;
  daysLate?: number;
  /** For `overdue`: how many further slots have passed since, within coverage. */
  missedSince?: number;
}

/** One installation or repair and its follow-up. */
export interface FollowUpItem {
  kind: 'installation' | 'repair';
  eventId: string;
  faultId?: string;
  on: string;
  due: string;
  /** `done` within the delay, `late` after it, `missing` (as-of past due, none), `pending` (none yet, not due). */
  status: 'done' | 'late' | 'missing' | 'pending';
  followUpId?: string;
  followedUpOn?: string;
}

/** Care of one unit at the as-of date. */
export interface CareView {
  unitId: string;
  policy: { id: string; version: number };
  /** The policy's time zone: every date here is a day in it. */
  timeZone: string;
  asOf: string;
  coverage: { start: string; end: string | null } | null;
  maintenance: { everyMonths: number | null; slots: MaintenanceSlot[] };
  followUps: { withinDays: number | null; items: FollowUpItem[] };
  summary: {
    maintenanceOverdue: number;
    followUpsMissing: number;
    followUpsPending: number;
    maintenanceDue: string | null;
  };
}

function maintenanceSlots(
  state: UnitState,
  months: number,
  start: Day,
  end: Day | null,
  asOfDay: Day,
  zone: string,
): MaintenanceSlot[] {
  const visits = state.maintenance.map((v) => ({ ...v, day: dayOf(v.ms, zone) })).filter((v) => v.day >= start);
  const slots: MaintenanceSlot[] = [];
  let anchor = start;
  let next = 0;
  for (;;) {
    const due = addMonths(anchor, months);
    if (end !== null && due > end) return slots;
    const visit = visits[next];
    if (visit) {
      next++;
      const slot: MaintenanceSlot = {
        due: formatDay(due),
        status: visit.day <= due ? 'done' : 'late',
        visitedOn: formatDay(visit.day),
        eventId: visit.eventId,
      };
      if (visit.day > due) slot.daysLate = visit.day - due;
      slots.push(slot);
      anchor = Math.max(visit.day, anchor);
      continue;
    }
    if (asOfDay <= due) return [...slots, { due: formatDay(due), status: 'due' }];
    let missed = 0;
    for (let k = 1; ; k++) {
      const later = addMonths(due, k * months);
      if (later >= asOfDay || (end !== null && later > end)) break;
      missed = k;
    }
    return [...slots, { due: formatDay(due), status: 'overdue', missedSince: missed }];
  }
}

function followUpItems(
  state: UnitState,
  kept: readonly Timed[],
  withinDays: number,
  asOfDay: Day,
  zone: string,
): FollowUpItem[] {
  const items: (FollowUpItem & { ms: number })[] = [];
  for (const t of kept) {
    const e = t.event;
    const day = dayOf(t.occurredMs, zone);
    const base = {
      eventId: e.id,
      on: formatDay(day),
      due: formatDay(clampDay(day + withinDays)),
      status: 'pending' as const,
      ms: t.occurredMs,
    };
    if (e.type === 'InstallationCompleted') items.push({ kind: 'installation', ...base });
    else if (e.type === 'RepairCompleted' && faultOf(state, e.data.faultId)?.inCoverage)
      items.push({ kind: 'repair', faultId: e.data.faultId, ...base });
  }
  for (const f of state.followUps) {
    for (const item of items) {
      if (item.followUpId || item.ms > f.ms || (f.faultId !== null && item.faultId !== f.faultId)) continue;
      const day = dayOf(f.ms, zone);
      item.followUpId = f.eventId;
      item.followedUpOn = formatDay(day);
      item.status = day <= dayOf(item.ms, zone) + withinDays ? 'done' : 'late';
    }
  }
  return items.map(({ ms, ...item }) =>
    item.status === 'pending' && asOfDay > dayOf(ms, zone) + withinDays ? { ...item, status: 'missing' } : item,
  );
}

/** The care view of one folded unit at the as-of date. */
export function careOf(state: UnitState, policy: Policy, kept: readonly Timed[], asOfDay: Day): CareView {
  const unit = lineFor(coverageLines(state, policy), 'unit');
  const zone = policy.timeZone;
  const care = policy.care;
  const end =
    state.lifecycle === 'returned' && state.returnedMs !== null
      ? dayOf(state.returnedMs, zone)
      : (unit?.endDay ?? null);
  const months = care?.maintenanceEveryMonths ?? null;
  const slots = unit && months !== null ? maintenanceSlots(state, months, unit.startDay, end, asOfDay, zone) : [];
  const items = care ? followUpItems(state, kept, care.followUpWithinDays, asOfDay, zone) : [];
  const upcoming = slots.find((s) => s.status === 'due' || s.status === 'overdue');
  return {
    unitId: state.unitId,
    policy: { id: policy.id, version: policy.version },
    timeZone: policy.timeZone,
    asOf: formatDay(asOfDay),
    coverage: unit
      ? { start: formatDay(unit.startDay), end: unit.endDay === null ? null : formatDay(unit.endDay) }
      : null,
    maintenance: { everyMonths: months, slots },
    followUps: { withinDays: care?.followUpWithinDays ?? null, items },
    summary: {
      maintenanceOverdue: slots.filter((s) => s.status === 'overdue').length,
      followUpsMissing: items.filter((i) => i.status === 'missing').length,
      followUpsPending: items.filter((i) => i.status === 'pending').length,
      maintenanceDue: upcoming?.due ?? null,
    },
  };
}

/**
 * The care view of every unit with a sale, in unit id order (rulebook 12).
 * @example careUnits(events, { asOf: '2025-06-30' }).filter((c) => c.summary.followUpsMissing > 0)
 */
export function careUnits(
  events: readonly UnitEvent[] | UnitEventSource,
  options: ProjectionOptions & { unitId?: string | undefined; onProgress?: OnProgress | undefined },
): CareView[] {
  const request = selectionRequest(options);
  const out: CareView[] = [];
  let seen = 0;
  let n = 0;
  for (const [unitId, unitEvents] of eachUnitEvents(
    events,
    options.unitId === undefined ? undefined : [options.unitId],
  )) {
    seen += unitEvents.length;
    if (++n % 500 === 0) options.onProgress?.(seen, n);
    const selection = selectUnit(unitEvents, request);
    if (!selection?.policy) continue;
    const state = applyInOrder(initialState(unitId), selection.kept, selection.policy);
    out.push(careOf(state, selection.policy, selection.kept, selection.asOf.day));
  }
  options.onProgress?.(seen, n);
  return out;
}
