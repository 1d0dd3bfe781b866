/** Charged while covered (rulebook 10): a covered fault reported within coverage costs the customer nothing. */
import type { Money } from '../events/catalogue.js';
import type { EventOf } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import { raiseAnomaly } from './entitlements.js';
import { countsAt } from './exclusions.js';
import type { Moment } from './moment.js';
import type { FaultState, UnitState } from './unit-state.js';

const RULE = 'charged-while-covered';

/** A repair of `fault` at `ms` charges for what is covered: `decide` refuses it, the fold flags it. */
export function isChargedWhileCovered(
  fault: FaultState,
  charged: Money | undefined,
  ms: number,
  policy: Policy,
): boolean {
  return charged !== undefined && charged.amount > 0 && countsAt(fault, ms, policy);
}

export function checkCharge(state: UnitState, event: EventOf<'RepairCompleted'>, fault: FaultState, at: Moment): void {
  if (isChargedWhileCovered(fault, event.data.charged, at.ms, at.policy)) raiseAnomaly(state, RULE, [event.id]);
}
