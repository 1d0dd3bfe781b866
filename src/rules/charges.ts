/** What is charged (rulebook 10): a covered fault reported within coverage costs the customer nothing. */
import type { EventOf } from '../events/envelope.js';
import type { FaultState, UnitState } from './unit-state.js';
import { raiseAnomaly } from './entitlements.js';
import { countsAt } from './exclusions.js';
import type { Moment } from './moment.js';

export function checkCharge(state: UnitState, event: EventOf<'RepairCompleted'>, fault: FaultState, at: Moment): void {
  const charged = event.data.charged;
  if (charged && charged.amount > 0 && countsAt(fault, at.ms, at.policy)) raiseAnomaly(state, 'charged-while-covered', [event.id]);
}
