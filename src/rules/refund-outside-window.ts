/**
 * Refund outside the window (rulebook 8): a completed return that nothing entitled to a refund,
 * whose request came after the return window, is this anomaly (else `refund-without-entitlement`).
 */
import { raiseAnomaly } from './entitlements.js';
import type { ReturnState, UnitState } from './unit-state.js';

const RULE = 'refund-outside-window';

/** The request of `returnId` when it was made after the window. */
export function lateRequest(state: UnitState, returnId: string): ReturnState | undefined {
  const request = state.returns[returnId];
  return request?.withinWindow === false ? request : undefined;
}

/** Flags a refund paid at `eventId` for a late request; false when the request was not late. */
export function raiseRefundOutsideWindow(state: UnitState, returnId: string, eventId: string): boolean {
  const request = lateRequest(state, returnId);
  if (request) raiseAnomaly(state, RULE, [request.requestId, eventId]);
  return request !== undefined;
}
