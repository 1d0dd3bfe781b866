/**
 * Repaired and replaced parts (rulebook 5, fine print 3): a part replaced under coverage, after a
 * fault that was not the buyer's doing, gets a line of its own: `extend` from the repair date, or
 * `restart` (a full unit term) from the fault's resolution.
 */
import type { EventOf } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import type { FaultState, UnitState } from './unit-state.js';
import { note } from './entitlements.js';
import { countsAt } from './exclusions.js';
import type { Moment } from './moment.js';

const RULE = 'part-coverage';

function setPartLine(
  state: UnitState,
  policy: Policy,
  component: string,
  startDay: number,
  months: number | null,
  eventId: string,
): void {
  const coveredBy = policy.coverage.some((l) => l.component === component) ? component : 'unit';
  const earlier = state.partLines[component];
  state.partLines[component] = {
    startDay,
    months,
    extensionMonths: earlier?.extensionMonths ?? 0,
    coveredBy,
    eventIds: [...(earlier?.eventIds ?? []), eventId],
  };
}

/** A full term of the unit line, extensions included (fine print 4); null when the unit line is lifetime. */
function unitTermMonths(state: UnitState, policy: Policy): number | null {
  const unit = policy.coverage.find((l) => l.component === 'unit')!;
  return 'lifetime' in unit ? null : unit.months + (state.lines.unit?.extensionMonths ?? 0);
}

/** On a repair that replaced parts: start their lines (`extend`) or hold them for the resolution (`restart`). */
export function recordPartsReplaced(
  state: UnitState,
  event: EventOf<'RepairCompleted'>,
  fault: FaultState,
  at: Moment,
): void {
  const parts = event.data.partsReplaced;
  if (!parts || parts.length === 0) return;
  if (at.policy.partRule.kind === 'none')
    return note(state, event.id, RULE, 'no part line: the policy gives replaced parts no line of their own');
  if (!fault.inCoverage)
    return note(
      state,
      event.id,
      RULE,
      `no part line: fault ${fault.faultId} was reported outside coverage (fine print 2)`,
    );
  if (!countsAt(fault, at.ms, at.policy))
    return note(state, event.id, RULE, `no part line: fault ${fault.faultId} has an excluded cause (rulebook 5, 9)`);
  const rule = at.policy.partRule;
  for (const { component } of parts) {
    if (rule.kind === 'extend') setPartLine(state, at.policy, component, at.day, rule.months, event.id);
    else if (fault.resolvedMs !== null)
      setPartLine(state, at.policy, component, at.day, unitTermMonths(state, at.policy), event.id);
    else fault.pendingParts.push({ component, repairId: event.id });
  }
}

/** At a fault's resolution: the `restart` rule's held parts get a full new term from this date. */
export function startHeldPartLines(state: UnitState, fault: FaultState, at: Moment, resolvedBy: string): void {
  if (fault.pendingParts.length === 0) return;
  const held = fault.pendingParts.splice(0);
  if (!countsAt(fault, at.ms, at.policy)) {
    return note(
      state,
      resolvedBy,
      RULE,
      `no part line: fault ${fault.faultId} has an excluded cause at its resolution (rulebook 5, 9)`,
    );
  }
  for (const { component, repairId } of held)
    setPartLine(state, at.policy, component, at.day, unitTermMonths(state, at.policy), repairId);
}
