/** The contract's JSON view of a unit (CONTRACT.md), derived from its state at an as-of moment. */
import type { Policy, Remedy } from '../policy/schema.js';
import { coverageLines, isActiveOn, lineFor } from '../rules/coverage.js';
import { coverageStart } from '../rules/coverage-start.js';
import { downtimeMsAt } from '../rules/downtime.js';
import { owesLoaner, undecidedLoanerMarks } from '../rules/loaner.js';
import { dueRepairTimeLimits, repairTimeRemedy } from '../rules/repair-time-limit.js';
import { serviceLevelBreaches, type Measure } from '../rules/service-levels.js';
import { formatDay, type Day } from '../time/calendar.js';
import { MS_PER_MINUTE } from '../time/minutes.js';
import type { Because, Entitlement, EntitlementKind, UnitState } from '../unit/state.js';

export interface CoverageView {
  component: string;
  start: string;
  end: string | null;
  active: boolean;
}

export interface EntitlementView {
  kind: EntitlementKind;
  status: 'open' | 'fulfilled';
  because: Because[];
  faultId?: string;
  /** The component to exchange (rule `replace-only-line`); absent: the whole unit. */
  component?: string;
  returnId?: string;
  /** The forms the buyer may take it in, in the policy's order (fine print 23). */
  choices?: Remedy[];
  fulfilledBy?: string;
}

/** The JSON view of one unit: what the contract promises, plus the unit's identity. */
export interface UnitView {
  status: 'pending' | 'active' | 'expired' | 'returned';
  coverage: CoverageView[];
  failedRepairs: { component: string; problemCode: string; count: number }[];
  downtimeMinutes: number;
  entitlements: EntitlementView[];
  slaBreaches: { faultId: string; measure: Measure; limitMinutes: number; actualMinutes: number }[];
  anomalies: { rule: string; eventIds: string[] }[];
  serialNumber: string | null;
  policy: { id: string; version: number } | null;
}

/** The as-of moment a view is taken at: events up to `ms` count, coverage is judged on `day`. */
export interface AsOfMoment {
  readonly ms: number;
  readonly day: Day;
}

function entitlementViews(state: UnitState, policy: Policy, asOf: AsOfMoment): EntitlementView[] {
  const views: EntitlementView[] = visibleEntitlements(state).map((e) => {
    const view: EntitlementView = {
      kind: e.kind,
      status: e.status,
      because: e.because.map((b) => ({ rule: b.rule, eventIds: [...b.eventIds] })),
    };
    if (e.faultId !== undefined) view.faultId = e.faultId;
    if (e.component !== undefined) view.component = e.component;
    if (e.returnId !== undefined) view.returnId = e.returnId;
    if (e.choices !== undefined) view.choices = [...e.choices];
    if (e.fulfilledBy !== undefined) view.fulfilledBy = e.fulfilledBy;
    return view;
  });
  // Loaner marks passed by the as-of moment while the outage is still open (the fold fires them at the next event).
  for (const fault of undecidedLoanerMarks(state, policy, asOf.ms)) {
    if (!owesLoaner(fault, policy)) continue;
    const view: EntitlementView = {
      kind: 'loaner',
      status: fault.loanerProvidedBy ? 'fulfilled' : 'open',
      because: [{ rule: 'loaner', eventIds: [fault.reportId] }],
      faultId: fault.faultId,
    };
    if (fault.loanerProvidedBy) view.fulfilledBy = fault.loanerProvidedBy;
    views.push(view);
  }
  // Repair time limits passed by the as-of moment with the fault still unresolved (likewise fired at the next event).
  for (const fault of dueRepairTimeLimits(state, policy, asOf.ms)) {
    const { kind, choices } = repairTimeRemedy(policy);
    const view: EntitlementView = {
      kind,
      status: 'open',
      because: [{ rule: 'repair-time-limit', eventIds: [fault.reportId] }],
      faultId: fault.faultId,
    };
    if (choices) view.choices = choices;
    views.push(view);
  }
  return views;
}

/** The entitlements a view shows: all but those withdrawn (an early fault whose cause is now excluded). */
export function visibleEntitlements(state: UnitState): Entitlement[] {
  return state.entitlements.some((e) => e.withdrawn)
    ? state.entitlements.filter((e) => !e.withdrawn)
    : state.entitlements;
}

/** The parts of a view that a step-by-step replay takes after every event, each cheap to compute. */
export type StepView = Pick<UnitView, 'status' | 'coverage' | 'downtimeMinutes'>;

/** Status, coverage and downtime of a unit whose state was folded from the events that occurred by `asOf.ms`. */
export function stepView(state: UnitState, policy: Policy, asOf: AsOfMoment): StepView {
  const returned = state.lifecycle === 'returned';
  const lines = coverageLines(state, policy);
  const unitLine = lineFor(lines, 'unit');
  const start = coverageStart(state, policy);
  const status = returned
    ? 'returned'
    : !unitLine || start === null || asOf.day < unitLine.startDay
      ? 'pending'
      : isActiveOn(unitLine, asOf.day)
        ? 'active'
        : 'expired';
  return {
    status,
    coverage: lines.map((l) => ({
      component: l.component,
      start: formatDay(l.startDay),
      end: l.endDay === null ? null : formatDay(l.endDay),
      active: !returned && isActiveOn(l, asOf.day),
    })),
    downtimeMinutes: Math.floor(downtimeMsAt(state, policy, asOf.ms) / MS_PER_MINUTE),
  };
}

/** The view of a unit whose state was folded from the events that occurred by `asOf.ms`. */
export function unitView(state: UnitState, policy: Policy, asOf: AsOfMoment): UnitView {
  const { status, coverage, downtimeMinutes } = stepView(state, policy, asOf);
  return {
    status,
    coverage,
    failedRepairs: Object.values(state.problems)
      .filter((p) => p.failedRepairIds.length > 0)
      .map((p) => ({ component: p.component, problemCode: p.problemCode, count: p.failedRepairIds.length })),
    downtimeMinutes,
    entitlements: entitlementViews(state, policy, asOf),
    slaBreaches: serviceLevelBreaches(state, policy, asOf.ms).map(
      ({ faultId, measure, limitMinutes, actualMinutes }) => ({ faultId, measure, limitMinutes, actualMinutes }),
    ),
    anomalies: state.anomalies.map((a) => ({ rule: a.rule, eventIds: [...a.eventIds] })),
    serialNumber: state.serialNumber,
    policy: { id: policy.id, version: policy.version },
  };
}
