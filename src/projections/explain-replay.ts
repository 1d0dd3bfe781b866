/**
 * Replaying one unit step by step for explanations: the same selection as `projectUnit` (as-of,
 * known-at, the policy in force at sale), then one event at a time, with a view after each.
 */
import type { Policy } from '../policy/schema.js';
import { createPolicyBook, type PolicyBook } from '../policy/resolve.js';
import { momentAt } from '../rules/moment.js';
import { cutoffIn, isBefore, toTimePoint, type Cutoff } from '../time/as-of.js';
import { dayOf } from '../time/calendar.js';
import { applyEvent } from '../unit/apply.js';
import { compareTimed, type Timed } from '../unit/order.js';
import { initialState, type UnitState } from '../unit/state.js';
import { policyForSale, type ProjectionOptions } from './project.js';
import { unitView, type UnitView } from './unit-view.js';

/** What one unit's replay starts from: its policy, the cutoffs and the events kept, in business order. */
export interface UnitSelection {
  readonly unitId: string;
  readonly policy: Policy | null;
  readonly asOf: Cutoff;
  readonly knownAt: Cutoff | undefined;
  /** The events that occurred by the as-of moment and were recorded by the known-at moment. */
  readonly kept: readonly Timed[];
}

let presetBook: PolicyBook | undefined;

/** Selects a unit's events exactly as `projectUnit` does; undefined when none is kept (fine print 12). */
export function selectUnit(unitEvents: readonly Timed[], options: ProjectionOptions): UnitSelection | undefined {
  const book = options.policies ?? (presetBook ??= createPolicyBook());
  const asOfPoint = toTimePoint(options.asOf, 'asOf');
  const knownAtPoint = options.knownAt === undefined ? undefined : toTimePoint(options.knownAt, 'knownAt');
  const known = [...unitEvents].sort(compareTimed);
  const sale = known.find((t) => t.event.type === 'UnitSold' && (!knownAtPoint || isBefore(t.recordedMs, cutoffIn(knownAtPoint, 'UTC'))));
  const policy = sale ? policyForSale(sale, book) : null;
  const zone = policy?.timeZone ?? 'UTC';
  const asOf = cutoffIn(asOfPoint, zone);
  const knownAt = knownAtPoint && cutoffIn(knownAtPoint, zone);
  const kept = known.filter((t) => isBefore(t.occurredMs, asOf) && (!knownAt || isBefore(t.recordedMs, knownAt)));
  if (kept.length === 0) return undefined;
  const hasSale = kept.some((t) => t.event.type === 'UnitSold');
  return { unitId: kept[0]!.event.unitId, policy: hasSale ? policy : null, asOf, knownAt, kept };
}

/** One step of a replay: the event, the state just before (a snapshot of what explanations compare) and the view after. */
export interface ReplayStep {
  readonly timed: Timed;
  readonly before: StepSnapshot;
  readonly after: StepSnapshot;
  readonly view: UnitView;
}

/** The parts of a state an explanation compares from one step to the next. */
export interface StepSnapshot {
  readonly failedRepairs: ReadonlyMap<string, readonly string[]>;
  readonly entitlements: readonly { kind: string; status: string }[];
  readonly anomalyCount: number;
  readonly noteCount: number;
  readonly serialNumber: string | null;
  readonly customerId: string | null;
}

function snapshot(state: UnitState): StepSnapshot {
  const failedRepairs = new Map<string, readonly string[]>();
  for (const [key, p] of Object.entries(state.problems)) failedRepairs.set(key, [...p.failedRepairIds]);
  return {
    failedRepairs,
    entitlements: state.entitlements.map((e) => ({ kind: e.kind, status: e.status })),
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
  /** For each note (by index in `state.notes`), the event being applied when it was written. */
  readonly noteRaisedBy: readonly string[];
}

/** Folds the kept events one at a time (the same mutators as `fold`), keeping a view after each. */
export function replaySteps(selection: UnitSelection, policy: Policy): UnitReplay {
  const state = initialState(selection.unitId);
  const steps: ReplayStep[] = [];
  const noteRaisedBy: string[] = [];
  let before = snapshot(state);
  for (const t of selection.kept) {
    applyEvent(state, t.event, momentAt(policy, t.occurredMs));
    while (noteRaisedBy.length < state.notes.length) noteRaisedBy.push(t.event.id);
    const after = snapshot(state);
    const view = unitView(state, policy, { ms: t.occurredMs, day: dayOf(t.occurredMs, policy.timeZone) });
    steps.push({ timed: t, before, after, view });
    before = after;
  }
  return { steps, state, view: unitView(state, policy, selection.asOf), noteRaisedBy };
}
