/**
 * `WarrantyExtended` (rulebook 4): adds months to the named component's line; lifetime lines are
 * unchanged. A component shown by its part line (rulebook 5) has the months added to both the part's
 * own term and the policy line under it, so the end the view shows moves by the months bought.
 */
import type { EventOf } from '../events/envelope.js';
import type { UnitState } from './unit-state.js';
import { note } from './entitlements.js';
import type { Moment } from './moment.js';

const RULE = 'warranty-extension';

export function extendWarranty(state: UnitState, event: EventOf<'WarrantyExtended'>, at: Moment): void {
  const component = event.data.component ?? 'unit';
  const def = at.policy.coverage.find((l) => l.component === component);
  const part = state.partLines[component];
  if (def && 'lifetime' in def) return note(state, event.id, RULE, `not applied: the ${component} line is lifetime`);
  if (def) {
    const line = (state.lines[component] ??= { anchorDay: null, extensionMonths: 0, movedBy: [] });
    line.extensionMonths += event.data.months;
    line.movedBy.push(event.id);
  }
  if (part) {
    part.extensionMonths += event.data.months;
    part.eventIds.push(event.id);
  }
  if (!def && !part) {
    note(state, event.id, RULE, `not applied: no coverage line for component ${component}`);
  }
}
