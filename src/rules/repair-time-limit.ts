/**
 * The repair time limit (rulebook 16; 三包 Art 12): a covered fault not resolved within the
 * threshold (minutes from its report: resolved more than that after it, or still unresolved past
 * that mark; cause judged at the mark) owes the policy's remedy, open until `UnitReplaced` or a
 * completed return. Any covered fault counts, whichever line covers it (fine print 22 gates
 * repeated failure only).
 */
import type { Policy } from '../policy/schema.js';
import { choicesOf, entitle } from './entitlements.js';
import { countsAt } from './exclusions.js';
import { markMs } from './threshold.js';
import type { FaultState, UnitState } from './unit-state.js';

const RULE = 'repair-time-limit';

/** The instant the fault passes the limit if still unresolved, or null when the policy has none. */
export function repairTimeMark(fault: FaultState, policy: Policy): number | null {
  return policy.repairTimeLimit ? markMs(fault.reportMs, policy.repairTimeLimit.threshold) : null;
}

/** Whether the fault, unresolved at its mark, owes the remedy (judged with what had occurred by the mark). */
export function owesAtMark(fault: FaultState, policy: Policy): boolean {
  const mark = repairTimeMark(fault, policy);
  return mark !== null && countsAt(fault, mark, policy);
}

function isDecided(state: UnitState, fault: FaultState): boolean {
  return state.entitlements.some((e) => e.faultId === fault.faultId && e.because[0]?.rule === RULE);
}

/** The entitlement's kind and choices under the policy's remedy. */
export function repairTimeRemedy(policy: Policy): {
  kind: 'replacement' | 'refund';
  choices: ReturnType<typeof choicesOf>;
} {
  const remedy = policy.repairTimeLimit?.remedy ?? 'replacement';
  return { kind: remedy === 'refund' ? 'refund' : 'replacement', choices: choicesOf(remedy) };
}

function decide(state: UnitState, fault: FaultState, policy: Policy): void {
  if (isDecided(state, fault) || !owesAtMark(fault, policy)) return;
  const { kind, choices } = repairTimeRemedy(policy);
  entitle(state, kind, RULE, [fault.reportId], repairTimeMark(fault, policy)!, {
    faultId: fault.faultId,
    ...(choices ? { choices } : {}),
  });
}

/** The unresolved faults whose mark passed by `ms` (`inclusive`: at `ms` too) and that owe the remedy but have no entitlement yet. */
export function dueRepairTimeLimits(state: UnitState, policy: Policy, ms: number, inclusive = true): FaultState[] {
  if (!policy.repairTimeLimit) return [];
  const due: FaultState[] = [];
  for (let i = state.resolvedBelow; i < state.faults.length; i++) {
    const fault = state.faults[i]!;
    if (fault.resolvedMs !== null) continue;
    const mark = repairTimeMark(fault, policy)!;
    if ((inclusive ? mark <= ms : mark < ms) && owesAtMark(fault, policy) && !isDecided(state, fault)) due.push(fault);
  }
  return due;
}

/** Raises the entitlement of every unresolved fault whose mark passed before `ms` (`inclusive`: or at it). */
export function passRepairTimeMarks(state: UnitState, policy: Policy, ms: number, inclusive = false): void {
  if (!policy.repairTimeLimit) return;
  for (const fault of dueRepairTimeLimits(state, policy, ms, inclusive)) decide(state, fault, policy);
}

/** At a fault's resolution at `ms`: owed when that is at or past its mark. */
export function settleRepairTimeAtResolution(state: UnitState, fault: FaultState, policy: Policy, ms: number): void {
  const mark = repairTimeMark(fault, policy);
  if (mark !== null && ms >= mark) decide(state, fault, policy);
}
