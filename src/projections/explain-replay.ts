/**
 * Replaying one unit step by step for explanations: a unit's selection (select-unit.ts) one event
 * at a time, with what each step changed.
 */
import type { Policy } from '../policy/schema.js';
import { dayOf } from '../time/calendar.js';
import { applyInOrder } from '../unit/evolve.js';
import type { Timed } from '../unit/order.js';
import { initialState, type UnitState } from '../unit/state.js';
import type { UnitSelection } from './select-unit.js';
import type { ServiceLevelBreach } from '../rules/service-levels.js';
import { createBreachWatch } from './breach-watch.js';
import { stepView, unitView, type StepView, type UnitView } from './unit-view.js';

/** One step of a replay: the event, what explanations compare just before and just after it, and what arose at it. */
export interface ReplayStep {
  readonly timed: Timed;
  readonly before: StepSnapshot;
  readonly after: StepSnapshot;
  readonly view: StepView;
  /** The service-level breaches in the view after this event and in none before, in view order. */
  readonly newBreaches: readonly ServiceLevelBreach[];
  /** Entitlements (by index in the final state) that existed before this event and were fulfilled by it. */
  readonly fulfilled: readonly number[];
  /** Entitlements withdrawn (true) or given back (false) at this event: an early fault's diagnosis. */
  readonly withdrawn: readonly (readonly [number, boolean])[];
  /** Entitlements that arose at this event, with their status just after it. */
  readonly arose: readonly { readonly index: number; readonly status: 'open' | 'fulfilled' }[];
}

/**
 * A problem's failed repairs at a step: the state's own list and how long it was then. The list only
 * grows until a replacement resets the problems (with new lists), so its first `count` ids are the
 * ones it held at that step.
 */
export interface FailedRepairsAt {
  readonly ids: readonly string[];
  readonly count: number;
}

/** The parts of a state an explanation compares from one step to the next. */
export interface StepSnapshot {
  readonly failedRepairs: ReadonlyMap<string, FailedRepairsAt>;
  readonly entitlementCount: number;
  readonly anomalyCount: number;
  readonly noteCount: number;
  readonly serialNumber: string | null;
  readonly customerId: string | null;
}

function snapshot(state: UnitState): StepSnapshot {
  const failedRepairs = new Map<string, FailedRepairsAt>();
  for (const [key, p] of Object.entries(state.problems))
    failedRepairs.set(key, { ids: p.failedRepairIds, count: p.failedRepairIds.length });
  return {
    failedRepairs,
    entitlementCount: state.entitlements.length,
    anomalyCount: state.anomalies.length,
    noteCount: state.notes.length,
    serialNumber: state.serialNumber,
    customerId: state.customerId,
  };
}

/** The whole replay of a selected unit with a policy: each step, the final state and the final view. */
export interface UnitReplay {
  readonly steps: readonly ReplayStep[];
  readonly state: UnitState;
  readonly view: UnitView;
  /** The whole view just after the last event, at its moment (null when no event was kept). */
  readonly lastStepView: UnitView | null;
  /** For each note (by index in `state.notes`), the event being applied when it was written. */
  readonly noteRaisedBy: readonly string[];
  /** Every kept event has its own id (then an id names the one step it was applied at). */
  readonly uniqueIds: boolean;
}

/** The ids that a problem's failed repairs gained from `before` to `after` (`uniqueIds`: an id is counted once at most). */
export function repairsAdded(
  before: FailedRepairsAt | undefined,
  after: FailedRepairsAt,
  uniqueIds: boolean,
): string[] {
  if (uniqueIds && before && before.ids === after.ids) return after.ids.slice(before.count, after.count);
  const was = new Set(before ? before.ids.slice(0, before.count) : []);
  return after.ids.slice(0, after.count).filter((id) => !was.has(id));
}

/** Replays the kept events (the replay path of `fold`), keeping what each step changed. */
export function replaySteps(selection: UnitSelection, policy: Policy): UnitReplay {
  const state = initialState(selection.unitId);
  const steps: ReplayStep[] = [];
  const fulfilledAt: number[][] = [];
  const noteRaisedBy: string[] = [];
  const stepOfId = new Map<string, number>();
  for (const t of selection.kept) if (!stepOfId.has(t.event.id)) stepOfId.set(t.event.id, stepOfId.size);
  const uniqueIds = stepOfId.size === selection.kept.length;
  // Without unique ids, statuses are compared at every step; with them, an entitlement fulfilled later names its step.
  const statuses: ('open' | 'fulfilled')[] = [];
  const watch = createBreachWatch(policy);
  // Only early faults are withdrawn (rulebook 16): other policies skip the per-step scan.
  const withdrawable = (policy.earlyFault?.length ?? 0) > 0;
  const wasWithdrawn: boolean[] = [];
  let before = snapshot(state);
  applyInOrder(state, selection.kept, policy, (t) => {
    while (noteRaisedBy.length < state.notes.length) noteRaisedBy.push(t.event.id);
    const after = snapshot(state);
    const at = { ms: t.occurredMs, day: dayOf(t.occurredMs, policy.timeZone) };
    const fulfilled: number[] = [];
    if (!uniqueIds) {
      for (let i = 0; i < before.entitlementCount; i++) {
        if (statuses[i] !== state.entitlements[i]!.status) fulfilled.push(i);
        statuses[i] = state.entitlements[i]!.status;
      }
    }
    const arose = [];
    for (let i = before.entitlementCount; i < after.entitlementCount; i++) {
      statuses[i] = state.entitlements[i]!.status;
      arose.push({ index: i, status: statuses[i]! });
    }
    const withdrawn: [number, boolean][] = [];
    if (withdrawable) {
      for (let i = 0; i < after.entitlementCount; i++) {
        const now = state.entitlements[i]!.withdrawn === true;
        if (now !== (wasWithdrawn[i] ?? false)) withdrawn.push([i, now]);
        wasWithdrawn[i] = now;
      }
    }
    fulfilledAt.push(fulfilled);
    steps.push({
      timed: t,
      before,
      after,
      view: stepView(state, policy, at),
      newBreaches: watch(state, t.event, t.occurredMs),
      fulfilled,
      withdrawn,
      arose,
    });
    before = after;
  });
  if (uniqueIds) {
    state.entitlements.forEach((e, i) => {
      if (statuses[i] === 'open' && e.status === 'fulfilled' && e.fulfilledBy !== undefined)
        fulfilledAt[stepOfId.get(e.fulfilledBy)!]?.push(i);
    });
    for (const list of fulfilledAt) list.sort((a, b) => a - b);
  }
  const last = selection.kept[selection.kept.length - 1];
  const lastStepView = last
    ? unitView(state, policy, { ms: last.occurredMs, day: dayOf(last.occurredMs, policy.timeZone) })
    : null;
  return { steps, state, view: unitView(state, policy, selection.asOf), lastStepView, noteRaisedBy, uniqueIds };
}
