/**
 * Returns and training (rulebook 8, fine print 7, 8): a request within the window whose inspection
 * passes owes a refund (`return-window`); `cannot-operate` owes one free training; a completed return
 * with no refund owed is an anomaly; a completed return ends coverage.
 */
import type { EventOf } from '../events/envelope.js';
import type { UnitState } from './unit-state.js';
import { closeOutage, openOutageFaults } from './downtime.js';
import { entitle, fulfil, note, raiseAnomaly } from './entitlements.js';
import type { Moment } from './moment.js';
import { resolveAllFaults } from './service-levels.js';

/** The window counts from the latest delivery, else from the sale (fine print 7). */
function windowOpensOn(state: UnitState): number | null {
  return (state.startEvents.UnitDelivered ?? state.startEvents.UnitSold)?.[0] ?? null;
}

export function requestReturn(state: UnitState, event: EventOf<'ReturnRequested'>, at: Moment): void {
  const rule = at.policy.returns;
  const opens = windowOpensOn(state);
  const withinWindow = rule ? opens !== null && at.day <= opens + rule.windowDays : null;
  state.returns[event.data.returnId] = { requestId: event.id, requestMs: at.ms, reason: event.data.reason, withinWindow, inspectionId: null };
  if (event.data.reason !== 'cannot-operate') return;
  if (!rule?.freeTraining) return note(state, event.id, 'cannot-operate', 'no free training: the policy has no returns rule (fine print 7)');
  if (state.entitlements.some((e) => e.kind === 'free-training')) return note(state, event.id, 'cannot-operate', 'one free training only; it is already owed or given');
  entitle(state, 'free-training', 'cannot-operate', [event.id], at.ms);
}

export function inspectReturn(state: UnitState, event: EventOf<'ReturnInspected'>, at: Moment): void {
  const request = state.returns[event.data.returnId];
  if (!request) return note(state, event.id, 'return-window', `no request ${event.data.returnId} before this inspection`);
  request.inspectionId = event.id;
  const rule = at.policy.returns;
  const { intact, humanDamage } = event.data;
  if (!rule) return note(state, event.id, 'return-window', 'no refund: the policy has no returns rule (fine print 7)');
  if (!request.withinWindow) return note(state, event.id, 'return-window', `no refund: requested after the ${rule.windowDays}-day window`);
  if (humanDamage) return note(state, event.id, 'return-window', 'no refund: human damage bars a return (rulebook 8)');
  if (request.reason !== 'unusable' && !intact) return note(state, event.id, 'return-window', 'no refund: a return without a defect needs intact goods');
  if (request.reason !== 'unusable' && !rule.noReason) return note(state, event.id, 'return-window', 'no refund: the policy takes no no-reason returns');
  if (state.entitlements.some((e) => e.kind === 'refund' && e.returnId === event.data.returnId)) return;
  entitle(state, 'refund', 'return-window', [request.requestId, event.id], at.ms, { returnId: event.data.returnId });
}

export function completeReturn(state: UnitState, event: EventOf<'ReturnCompleted'>, at: Moment): void {
  const returnId = event.data.returnId;
  const request = state.returns[returnId];
  const refunded =
    fulfil(state, (e) => e.kind === 'refund' && e.returnId === returnId, event.id, true) ||
    fulfil(state, (e) => (e.kind === 'refund' && e.returnId === undefined) || (e.kind === 'replacement' && e.orRefund === true), event.id, true);
  if (!refunded) {
    if (request && request.withinWindow === false) raiseAnomaly(state, 'refund-outside-window', [request.requestId, event.id]);
    else raiseAnomaly(state, 'refund-without-entitlement', [event.id]);
  }
  for (const fault of openOutageFaults(state)) closeOutage(state, fault, at);
  resolveAllFaults(state, at, event.id);
  state.lifecycle = 'returned';
  state.returnedMs = at.ms;
}

/** The first free training after the request fulfils the `free-training` entitlement (fine print 8). */
export function recordTraining(state: UnitState, event: EventOf<'TrainingProvided'>): void {
  if (event.data.free) fulfil(state, (e) => e.kind === 'free-training', event.id, true);
}
