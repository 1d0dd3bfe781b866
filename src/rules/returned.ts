/**
 * A completed return (rulebook 8, 11): it settles the refund, ends every open outage and fault, and
 * ends the unit's coverage (status `returned`); after it only follow-ups are recorded.
 */
import type { EventOf } from '../events/envelope.js';
import type { Moment } from './moment.js';
import { settleRefund } from './refund-without-entitlement.js';
import { passRepairTimeMarks } from './repair-time-limit.js';
import { endAllFaults } from './service-levels.js';
import type { UnitState } from './unit-state.js';

export function isReturned(state: UnitState): boolean {
  return state.lifecycle === 'returned';
}

export function completeReturn(state: UnitState, event: EventOf<'ReturnCompleted'>, at: Moment): void {
  passRepairTimeMarks(state, at.policy, at.ms, true);
  settleRefund(state, event);
  endAllFaults(state, at, event.id);
  state.lifecycle = 'returned';
  state.returnedMs = at.ms;
}
