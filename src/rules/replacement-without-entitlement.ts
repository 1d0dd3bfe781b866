/**
 * Replacement without entitlement (rulebook 6): `UnitReplaced` fulfils every open replacement;
 * with none open it is an anomaly, unless its reason is goodwill (a seller may always replace more
 * than it owes).
 */
import type { EventOf } from '../events/envelope.js';
import { fulfil, isOpen, raiseAnomaly } from './entitlements.js';
import type { Entitlement, UnitState } from './unit-state.js';

const RULE = 'replacement-without-entitlement';

const isReplacement = (e: Entitlement): boolean => e.kind === 'replacement';

/** A replacement for `reason` now owes nothing: `decide` refuses it, the fold flags it. */
export function isReplacementWithoutEntitlement(
  state: UnitState,
  reason: EventOf<'UnitReplaced'>['data']['reason'],
): boolean {
  return reason !== 'goodwill' && !state.entitlements.some((e) => isOpen(e) && isReplacement(e));
}

export function fulfilReplacements(state: UnitState, event: EventOf<'UnitReplaced'>): void {
  const unowed = isReplacementWithoutEntitlement(state, event.data.reason);
  fulfil(state, isReplacement, event.id);
  if (unowed) raiseAnomaly(state, RULE, [event.id]);
}
