/**
 * The return window (rulebook 8, fine print 7): a return requested within the window (counted from
 * the latest delivery, else the sale) whose inspection passes owes a refund; human damage always
 * bars it, and a return without a defect needs intact goods and a policy that takes them.
 */
import type { EventOf } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import type { Day } from '../time/calendar.js';
import { entitle, note } from './entitlements.js';
import type { Moment } from './moment.js';
import type { UnitState } from './unit-state.js';

const RULE = 'return-window';

/** The day the window counts from and the event behind it: the latest delivery, else the sale (fine print 7). */
export function windowOpening(state: UnitState): [Day, string] | undefined {
  return state.startEvents.UnitDelivered ?? state.startEvents.UnitSold;
}

/** Whether a request on `day` is within the window; null when the policy has no returns rule. */
export function isWithinWindow(state: UnitState, policy: Policy, day: Day): boolean | null {
  const rule = policy.returns;
  if (!rule) return null;
  const opens = windowOpening(state);
  return opens !== undefined && day <= opens[0] + rule.windowDays;
}

export function inspectReturn(state: UnitState, event: EventOf<'ReturnInspected'>, at: Moment): void {
  const request = state.returns[event.data.returnId];
  if (!request) return note(state, event.id, RULE, `no request ${event.data.returnId} before this inspection`);
  request.inspectionId = event.id;
  const rule = at.policy.returns;
  const { intact, humanDamage } = event.data;
  if (!rule) return note(state, event.id, RULE, 'no refund: the policy has no returns rule (fine print 7)');
  if (!request.withinWindow)
    return note(state, event.id, RULE, `no refund: requested after the ${rule.windowDays}-day window`);
  if (humanDamage) return note(state, event.id, RULE, 'no refund: human damage bars a return (rulebook 8)');
  if (request.reason !== 'unusable' && !intact)
    return note(state, event.id, RULE, 'no refund: a return without a defect needs intact goods');
  if (request.reason !== 'unusable' && !rule.noReason)
    return note(state, event.id, RULE, 'no refund: the policy takes no no-reason returns');
  if (state.entitlements.some((e) => e.kind === 'refund' && e.returnId === event.data.returnId)) return;
  entitle(state, 'refund', RULE, [request.requestId, event.id], at.ms, { returnId: event.data.returnId });
}
