/**
 * Replacement-only lines (rulebook 4, fine print 21): a component whose own policy line grants
 * `replacement` alone (水箱8年包换: the tank is exchanged, never repaired) owes an exchange of the
 * component for each covered fault, judged at the fault's first repair. A repair of that fault that
 * replaces the component, or `UnitReplaced`, fulfils it.
 */
import type { EventOf } from '../events/envelope.js';
import type { CoverageLine, Policy } from '../policy/schema.js';
import type { FaultState, UnitState } from './unit-state.js';
import { entitle, fulfil, note } from './entitlements.js';
import { countsAt } from './exclusions.js';
import type { Moment } from './moment.js';

const RULE = 'replace-only-line';

/** The component's own policy line when its only remedy is replacement (the `unit` line never stands in). */
export function replaceOnlyLineOf(policy: Policy, component: string): CoverageLine | undefined {
  const line = policy.coverage.find((l) => l.component === component);
  return line?.remedies.every((r) => r === 'replacement') ? line : undefined;
}

function namesComponent(event: EventOf<'RepairCompleted'>, component: string): boolean {
  return (event.data.partsReplaced ?? []).some((p) => p.component === component);
}

/** At a repair of a fault on a replacement-only line: raise the exchange at the first repair, fulfil it when one replaces the part. */
export function judgeReplaceOnlyRepair(
  state: UnitState,
  event: EventOf<'RepairCompleted'>,
  fault: FaultState,
  at: Moment,
): void {
  if (!replaceOnlyLineOf(at.policy, fault.component)) return;
  const replaced = namesComponent(event, fault.component);
  if (fault.firstRepairId !== event.id) {
    if (replaced) fulfil(state, (e) => e.faultId === fault.faultId && e.because[0]?.rule === RULE, event.id);
    return;
  }
  if (!fault.inCoverage)
    return note(
      state,
      event.id,
      RULE,
      `no exchange owed: ${fault.faultId} was reported outside coverage (fine print 2)`,
    );
  if (!countsAt(fault, at.ms, at.policy))
    return note(
      state,
      event.id,
      RULE,
      `no exchange owed: ${fault.faultId} has an excluded cause at its first repair (rulebook 9)`,
    );
  entitle(state, 'replacement', RULE, [fault.reportId], at.ms, {
    faultId: fault.faultId,
    component: fault.component,
    ...(replaced ? { fulfilledBy: event.id } : {}),
  });
}
