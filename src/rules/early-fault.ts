/**
 * Early faults (rulebook 16; 三包 Art 9, 10): a covered fault reported on a date no later than the
 * sale (or delivery) + N days, in the first of the policy's windows that fits, owes an entitlement
 * the buyer may take in any of the window's forms. While open it follows the fault's latest
 * diagnosis (an excluded cause withdraws it); the buyer's choice fulfils it: `UnitReplaced`, a
 * completed return (refund) or a `fixed` repair of the fault (repair).
 */
import type { EventOf } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import type { Day } from '../time/calendar.js';
import { entitle, fulfil, note } from './entitlements.js';
import { countsAt, isCoveredCauseAt } from './exclusions.js';
import type { Moment } from './moment.js';
import type { Entitlement, FaultState, UnitState } from './unit-state.js';

const RULE = 'early-fault';

export type EarlyFaultWindow = NonNullable<Policy['earlyFault']>[number];

/** The day a window counts from and the event behind it: the sale, or the latest delivery (else the sale). */
export function windowStart(state: UnitState, window: EarlyFaultWindow): [Day, string] | undefined {
  return window.from === 'delivery'
    ? (state.startEvents.UnitDelivered ?? state.startEvents.UnitSold)
    : state.startEvents.UnitSold;
}

/** The first window a report on `day` falls in, with the day it counts from. */
export function earlyFaultWindowOn(
  state: UnitState,
  policy: Policy,
  day: Day,
): { window: EarlyFaultWindow; opens: [Day, string] } | undefined {
  for (const window of policy.earlyFault ?? []) {
    const opens = windowStart(state, window);
    if (opens !== undefined && day <= opens[0] + window.days) return { window, opens };
  }
  return undefined;
}

const isEarlyFaultOf = (faultId: string) => (e: Entitlement) => e.faultId === faultId && e.because[0]?.rule === RULE;

/** At a report: the early-fault entitlement, when the report's date falls in a window. */
export function recordEarlyFault(state: UnitState, fault: FaultState, at: Moment): void {
  if (!at.policy.earlyFault?.length) return;
  const found = earlyFaultWindowOn(state, at.policy, at.day);
  if (!found) return;
  if (!countsAt(fault, at.ms, at.policy))
    return note(state, fault.reportId, RULE, `no early-fault remedy: ${fault.faultId} was reported outside coverage`);
  const { remedies } = found.window;
  const kind = remedies.includes('replacement') ? 'replacement' : 'refund';
  entitle(state, kind, RULE, [fault.reportId], at.ms, {
    faultId: fault.faultId,
    ...(remedies.length > 1 ? { choices: remedies } : {}),
  });
}

/** After a diagnosis: an open early-fault entitlement is withdrawn while the fault's cause is excluded. */
export function followDiagnosis(state: UnitState, fault: FaultState, at: Moment): void {
  if (!at.policy.earlyFault?.length) return;
  const excluded = !isCoveredCauseAt(fault, at.ms, at.policy);
  const matches = isEarlyFaultOf(fault.faultId);
  for (const e of state.entitlements) {
    if (e.status !== 'open' || !matches(e)) continue;
    if (excluded) e.withdrawn = true;
    else if (e.withdrawn) delete e.withdrawn;
  }
}

/** A `fixed` repair of the fault is the buyer's choice of repair, when repair is among the choices. */
export function fulfilByRepair(
  state: UnitState,
  event: EventOf<'RepairCompleted'>,
  fault: FaultState,
  at: Moment,
): void {
  if (!at.policy.earlyFault?.length || event.data.outcome !== 'fixed') return;
  const matches = isEarlyFaultOf(fault.faultId);
  fulfil(state, (e) => matches(e) && e.choices?.includes('repair') === true, event.id);
}
