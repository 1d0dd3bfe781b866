/** Causes and exclusions (rulebook 9): a fault's cause is its latest diagnosis by then; undiagnosed is covered. */
import type { Cause } from '../events/catalogue.js';
import type { Policy } from '../policy/schema.js';
import type { FaultState } from './unit-state.js';

/** The fault's cause as diagnosed by `ms` (inclusive), or null when undiagnosed then. */
export function causeAt(fault: FaultState, ms: number): Cause | null {
  for (let i = fault.diagnoses.length - 1; i >= 0; i--) {
    const [at, cause] = fault.diagnoses[i]!;
    if (at <= ms) return cause;
  }
  return null;
}

/** True when the fault's cause at `ms` is not one the policy excludes (undiagnosed: presumed covered). */
export function isCoveredCauseAt(fault: FaultState, ms: number, policy: Policy): boolean {
  const cause = causeAt(fault, ms);
  return cause === null || !policy.exclusions.includes(cause);
}

/** Counts for repeated failure, downtime and loaners: reported within coverage and a covered cause at `ms`. */
export function countsAt(fault: FaultState, ms: number, policy: Policy): boolean {
  return fault.inCoverage && isCoveredCauseAt(fault, ms, policy);
}
