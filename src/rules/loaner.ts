/**
 * Loaners (rulebook 11 [003], fine print 9): a covered fault out of service past the 24-hour mark
 * (policy threshold) owes a loaner, its cause judged at the mark; any `LoanerProvided` for the fault fulfils it.
 */
import type { EventOf } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import type { FaultState, UnitState } from './unit-state.js';
import { entitle, fulfil, note } from './entitlements.js';
import { countsAt } from './exclusions.js';
import { markMs } from './threshold.js';

const RULE = 'loaner';

/** The instant the fault's outage passes the loaner threshold, or null when the policy owes none. */
export function loanerMark(fault: FaultState, policy: Policy): number | null {
  return policy.loaner && fault.outOfService ? markMs(fault.reportMs, policy.loaner.threshold) : null;
}

/** Whether the outage, still open at its mark, owes a loaner (judged with what had occurred by the mark). */
export function owesLoaner(fault: FaultState, policy: Policy): boolean {
  const mark = loanerMark(fault, policy);
  return mark !== null && countsAt(fault, mark, policy);
}

/** Settles the loaner question once, at the mark (the outage was still open then). */
function decideAtMark(state: UnitState, fault: FaultState, policy: Policy): void {
  fault.loanerDecided = true;
  if (owesLoaner(fault, policy)) {
    const extra = fault.loanerProvidedBy
      ? { faultId: fault.faultId, fulfilledBy: fault.loanerProvidedBy }
      : { faultId: fault.faultId };
    entitle(state, 'loaner', RULE, [fault.reportId], loanerMark(fault, policy)!, extra);
  } else if (fault.inCoverage) {
    note(
      state,
      fault.reportId,
      RULE,
      `no loaner for ${fault.faultId}: excluded cause at the ${policy.loaner!.threshold.value}-minute mark (rulebook 9)`,
    );
  } else {
    note(state, fault.reportId, RULE, `no loaner for ${fault.faultId}: reported outside coverage (fine print 2)`);
  }
}

/** Fires every loaner mark that passed before `ms` while its outage was still open. */
export function passLoanerMarks(state: UnitState, policy: Policy, ms: number): void {
  if (!policy.loaner) return;
  // Marks are the report plus one threshold, so in report order: stop at the first still ahead.
  const o = state.outages;
  for (; o.loanerHead < o.awaitingLoaner.length; o.loanerHead++) {
    const fault = state.faults[o.awaitingLoaner[o.loanerHead]!]!;
    if (fault.loanerDecided) continue;
    if (loanerMark(fault, policy)! >= ms) return;
    decideAtMark(state, fault, policy);
  }
}

/** The open outages whose loaner mark passed by `ms` with the question still undecided, in report order. */
export function undecidedLoanerMarks(state: UnitState, policy: Policy, ms: number): FaultState[] {
  const o = state.outages;
  const due: FaultState[] = [];
  for (let k = o.loanerHead; k < o.awaitingLoaner.length; k++) {
    const fault = state.faults[o.awaitingLoaner[k]!]!;
    const mark = loanerMark(fault, policy);
    if (mark === null || mark > ms) break;
    if (!fault.loanerDecided) due.push(fault);
  }
  return due;
}

/** When an outage ends at `ms`: a loaner is owed if the mark was reached, else never. */
export function settleLoanerAtOutageEnd(state: UnitState, fault: FaultState, policy: Policy, ms: number): void {
  if (fault.loanerDecided) return;
  const mark = loanerMark(fault, policy);
  if (mark !== null && ms >= mark) decideAtMark(state, fault, policy);
  else fault.loanerDecided = true;
}

export function recordLoanerProvided(state: UnitState, event: EventOf<'LoanerProvided'>, fault: FaultState): void {
  fault.loanerProvidedBy ??= event.id;
  fulfil(state, (e) => e.kind === 'loaner' && e.faultId === fault.faultId, event.id);
}
