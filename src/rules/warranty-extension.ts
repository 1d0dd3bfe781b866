/**
 * `WarrantyExtended` (rulebook 4): adds months to the named component's line; lifetime lines are
 * unchanged. A component shown by its part line (rulebook 5) has the months added to both the part's
 * own term and the policy line under it, so the end the view shows moves by the months bought.
 */
import type { EventOf } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import { lineStateOf } from './coverage.js';
import { note } from './entitlements.js';
import type { Moment } from './moment.js';
import type { UnitState } from './unit-state.js';

const RULE = 'warranty-extension';

/** Why `component`'s line cannot be extended (`decide` refuses, the fold notes it), or undefined when it can. */
export function whyNotExtendable(
  state: UnitState,
  policy: Policy,
  component: string,
): 'lifetime' | 'no-line' | undefined {
  const def = policy.coverage.find((l) => l.component === component);
  if (def && 'lifetime' in def) return 'lifetime';
  return def || state.partLines[component] ? undefined : 'no-line';
}

export function extendWarranty(state: UnitState, event: EventOf<'WarrantyExtended'>, at: Moment): void {
  const component = event.data.component ?? 'unit';
  const refused = whyNotExtendable(state, at.policy, component);
  if (refused === 'lifetime') return note(state, event.id, RULE, `not applied: the ${component} line is lifetime`);
  if (refused === 'no-line')
    return note(state, event.id, RULE, `not applied: no coverage line for component ${component}`);
  if (at.policy.coverage.some((l) => l.component === component)) {
    const line = lineStateOf(state, component);
    line.extensionMonths += event.data.months;
    line.movedBy.push(event.id);
  }
  const part = state.partLines[component];
  if (part) {
    part.extensionMonths += event.data.months;
    part.eventIds.push(event.id);
  }
}
