/**
 * Refund without entitlement (rulebook 8, fine print 7): a completed return fulfils the refund owed
 * for that return, else one owed for no particular return or a replacement the customer may take as
 * a refund; with none owed it is an anomaly (`refund-outside-window` when the request was late).
 */
import type { EventOf } from '../events/envelope.js';
import { fulfil, raiseAnomaly } from './entitlements.js';
import { raiseRefundOutsideWindow } from './refund-outside-window.js';
import type { Entitlement, UnitState } from './unit-state.js';

const RULE = 'refund-without-entitlement';

const refundFor = (returnId: string) => (e: Entitlement) => e.kind === 'refund' && e.returnId === returnId;
const standingRefund = (e: Entitlement) =>
  (e.kind === 'refund' && e.returnId === undefined) || (e.kind === 'replacement' && e.orRefund === true);

/** A refund is owed at a completion of `returnId`: else `decide` refuses it and the fold flags it. */
export function isRefundOwed(state: UnitState, returnId: string): boolean {
  const forThis = refundFor(returnId);
  return state.entitlements.some((e) => e.status === 'open' && (forThis(e) || standingRefund(e)));
}

export function settleRefund(state: UnitState, event: EventOf<'ReturnCompleted'>): void {
  const returnId = event.data.returnId;
  if (fulfil(state, refundFor(returnId), event.id, true) || fulfil(state, standingRefund, event.id, true)) return;
  if (!raiseRefundOutsideWindow(state, returnId, event.id)) raiseAnomaly(state, RULE, [event.id]);
}
