/**
 * Refund without entitlement (rulebook 8, fine print 7): a completed return fulfils the refund owed
 * for that return, else one owed for no particular return or a replacement the customer may take as
 * a refund; with none owed it is an anomaly (`refund-outside-window` when the request was late).
 */
import type { EventOf } from '../events/envelope.js';
import { fulfil, isOpen, raiseAnomaly } from './entitlements.js';
import { raiseRefundOutsideWindow } from './refund-outside-window.js';
import type { Entitlement, UnitState } from './unit-state.js';

const RULE = 'refund-without-entitlement';

const refundFor = (returnId: string) => (e: Entitlement) => e.kind === 'refund' && e.returnId === returnId;
/** A refund owed for no particular return, or an entitlement the buyer may take as a refund (fine print 23). */
const standingRefund = (e: Entitlement) =>
  (e.kind === 'refund' && e.returnId === undefined) || e.choices?.includes('refund') === true;

/** A refund is owed at a completion of `returnId`: else `decide` refuses it and the fold flags it. */
export function isRefundOwed(state: UnitState, returnId: string): boolean {
  const forThis = refundFor(returnId);
  return state.entitlements.some((e) => isOpen(e) && (forThis(e) || standingRefund(e)));
}

export function settleRefund(state: UnitState, event: EventOf<'ReturnCompleted'>): void {
  const returnId = event.data.returnId;
  if (fulfil(state, refundFor(returnId), event.id, true) || fulfil(state, standingRefund, event.id, true)) return;
  if (!raiseRefundOutsideWindow(state, returnId, event.id)) raiseAnomaly(state, RULE, [event.id]);
}
