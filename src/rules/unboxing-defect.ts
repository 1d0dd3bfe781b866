/** Unboxing defects (rulebook 8 [000, 004]): a problem found at unboxing owes a replacement, unconditionally. */
import { entitle } from './entitlements.js';
import type { Moment } from './moment.js';
import type { FaultState, UnitState } from './unit-state.js';

export function recordUnboxingDefect(state: UnitState, fault: FaultState, atUnboxing: boolean, at: Moment): void {
  if (atUnboxing && at.policy.unboxingDefect) {
    entitle(state, 'replacement', 'unboxing-defect', [fault.reportId], at.ms, { faultId: fault.faultId });
  }
}
