/**
 * Return requests (rulebook 8): each return is requested once under its id, judged against the
 * window on the request's date; its inspection, rejection and completion name it.
 */
import type { EventOf } from '../events/envelope.js';
import { owesTraining } from './cannot-operate.js';
import type { Moment } from './moment.js';
import { isWithinWindow } from './return-window.js';
import type { ReturnState, UnitState } from './unit-state.js';

/** The request of `returnId`, if one was made: `decide` refuses an inspection or rejection of none. */
export function returnRequest(state: UnitState, returnId: string): ReturnState | undefined {
  return state.returns[returnId];
}

export function requestReturn(state: UnitState, event: EventOf<'ReturnRequested'>, at: Moment): void {
  const withinWindow = isWithinWindow(state, at.policy, at.day);
  state.returns[event.data.returnId] = {
    requestId: event.id,
    requestMs: at.ms,
    reason: event.data.reason,
    withinWindow,
    inspectionId: null,
  };
  owesTraining(state, event, at);
}
