/**
 * Repeated failure (rulebook 6, 16, fine print 5, 16, 17, 22): failed repairs counted per (component,
 * problemCode) for covered faults; every `fixed` repair not judged yet fails when the same problem
 * (scope `unit`: any problem) is reported again. A failed repair counts toward the threshold only when
 * the line covering its component grants the rule's remedy. At the threshold the customer is owed the
 * policy's remedy, once per problem (scope `unit`: once per unit) until the unit is replaced.
 */
import type { EventOf } from '../events/envelope.js';
import { faultOf } from './fault-index.js';
import { dict, type FaultState, type ProblemState, type UnitState } from './unit-state.js';
import { reaches } from '../policy/schema.js';
import type { Policy } from '../policy/schema.js';
import { policyLineFor } from './coverage.js';
import { choicesOf, entitle, note } from './entitlements.js';
import { countsAt } from './exclusions.js';
import type { Moment } from './moment.js';

const RULE = 'repeated-failure';

export function problemKey(component: string, problemCode: string): string {
  return `${component}\u0000${problemCode}`;
}

function problemOf(state: UnitState, fault: FaultState): ProblemState {
  const key = problemKey(fault.component, fault.problemCode);
  return (state.problems[key] ??= {
    component: fault.component,
    problemCode: fault.problemCode,
    failedRepairIds: [],
    pendingFixed: [],
    entitled: false,
  });
}

/**
 * Whether failed repairs of `component` count toward the threshold (fine print 22): the line covering
 * it (its own policy line, else `unit`) grants the rule's remedy, either one for exchange or refund.
 */
export function countsTowardThreshold(policy: Policy, component: string): boolean {
  const rule = policy.repeatedFailure;
  if (!rule) return false;
  const remedies = policyLineFor(policy, component).remedies;
  return rule.remedy === 'replacement-or-refund'
    ? remedies.includes('replacement') || remedies.includes('refund')
    : remedies.includes(rule.remedy);
}

/** The failed repairs a threshold is judged on: the problem's, or (scope `unit`) every counting problem's. */
function runOf(state: UnitState, problem: ProblemState, policy: Policy): string[] | undefined {
  if (policy.repeatedFailure?.scope !== 'unit') return problem.entitled ? undefined : problem.failedRepairIds;
  const problems = Object.values(state.problems);
  if (problems.some((p) => p.entitled)) return undefined;
  return problems.filter((p) => countsTowardThreshold(policy, p.component)).flatMap((p) => p.failedRepairIds);
}

function countFailedRepair(state: UnitState, problem: ProblemState, repairId: string, at: Moment): void {
  problem.failedRepairIds.push(repairId);
  const rule = at.policy.repeatedFailure;
  if (!rule || !countsTowardThreshold(at.policy, problem.component)) return;
  const ids = runOf(state, problem, at.policy);
  if (!ids || !reaches(ids.length, rule.threshold)) return;
  problem.entitled = true;
  if (rule.remedy === 'refund') entitle(state, 'refund', RULE, ids, at.ms);
  else {
    const choices = choicesOf(rule.remedy);
    entitle(state, 'replacement', RULE, ids, at.ms, choices ? { choices } : {});
  }
}

/** The `fixed` repairs a new report of `fault` judges: its problem's, or (scope `unit`) every problem's. */
function judgedBy(state: UnitState, fault: FaultState, policy: Policy): ProblemState[] {
  if (policy.repeatedFailure?.scope === 'unit')
    return Object.values(state.problems).filter((p) => p.pendingFixed.length > 0);
  const problem = state.problems[problemKey(fault.component, fault.problemCode)];
  return problem && problem.pendingFixed.length > 0 ? [problem] : [];
}

/**
 * A new report of a problem (scope `unit`: of any problem) fails every `fixed` repair of it not
 * judged yet, each counted at this recurrence (fine print 16, 17).
 */
export function recordRecurrence(state: UnitState, fault: FaultState, at: Moment): void {
  for (const problem of judgedBy(state, fault, at.policy)) judgePending(state, problem, fault, at);
}

function judgePending(state: UnitState, problem: ProblemState, fault: FaultState, at: Moment): void {
  for (const pending of problem.pendingFixed.splice(0)) {
    const earlier = faultOf(state, pending.faultId)!;
    if (!fault.inCoverage) {
      note(
        state,
        pending.repairId,
        RULE,
        `not counted: the recurrence ${fault.faultId} was reported outside coverage (fine print 2)`,
      );
    } else if (!countsAt(earlier, at.ms, at.policy)) {
      note(
        state,
        pending.repairId,
        RULE,
        `not counted: ${earlier.faultId} ${earlier.inCoverage ? 'has an excluded cause (rulebook 9)' : 'was reported outside coverage (fine print 2)'}`,
      );
    } else {
      countFailedRepair(state, problem, pending.repairId, at);
    }
  }
}

/** A failed repair counts now; a fixed one waits for a recurrence. */
export function recordRepairOutcome(
  state: UnitState,
  event: EventOf<'RepairCompleted'>,
  fault: FaultState,
  at: Moment,
): void {
  const problem = problemOf(state, fault);
  if (event.data.outcome === 'fixed') {
    problem.pendingFixed.push({ repairId: event.id, faultId: fault.faultId });
  } else if (countsAt(fault, at.ms, at.policy)) {
    countFailedRepair(state, problem, event.id, at);
  } else {
    note(
      state,
      event.id,
      RULE,
      `not counted: ${fault.faultId} ${fault.inCoverage ? 'has an excluded cause (rulebook 9)' : 'was reported outside coverage (fine print 2)'}`,
    );
  }
}

/** Replacing the unit resets every count (rulebook 6). */
export function resetProblems(state: UnitState): void {
  state.problems = dict();
}
