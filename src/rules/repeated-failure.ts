/**
 * Repeated failure (rulebook 6, fine print 5, 16, 17): failed repairs counted per (component,
 * problemCode) for covered faults; every `fixed` repair not judged yet fails when the same problem
 * is reported again. At the threshold the customer is owed the policy's remedy, once per problem
 * until the unit is replaced.
 */
import type { EventOf } from '../events/envelope.js';
import { faultOf } from './fault-index.js';
import { dict, type FaultState, type ProblemState, type UnitState } from './unit-state.js';
import { reaches } from '../policy/schema.js';
import { entitle, note } from './entitlements.js';
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

function countFailedRepair(state: UnitState, problem: ProblemState, repairId: string, at: Moment): void {
  problem.failedRepairIds.push(repairId);
  const rule = at.policy.repeatedFailure;
  if (!rule || problem.entitled || !reaches(problem.failedRepairIds.length, rule.threshold)) return;
  problem.entitled = true;
  const ids = problem.failedRepairIds;
  if (rule.remedy === 'refund') entitle(state, 'refund', RULE, ids, at.ms);
  else entitle(state, 'replacement', RULE, ids, at.ms, { orRefund: rule.remedy === 'replacement-or-refund' });
}

/** A new report of a problem fails every `fixed` repair of it not judged yet, each counted at this recurrence (fine print 16, 17). */
export function recordRecurrence(state: UnitState, fault: FaultState, at: Moment): void {
  const problem = state.problems[problemKey(fault.component, fault.problemCode)];
  if (!problem || problem.pendingFixed.length === 0) return;
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
