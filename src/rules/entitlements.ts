/** Raising and fulfilling entitlements, and raising anomalies: each built with its `because`. */
import type { Remedy } from '../policy/schema.js';
import type { RuleId } from './registry.js';
import type { Anomaly, Entitlement, EntitlementKind, Note, UnitState } from './unit-state.js';

/** Adds an entitlement, `open` unless `fulfilledBy` names the event that already settled it. */
export function entitle(
  state: UnitState,
  kind: EntitlementKind,
  rule: RuleId,
  eventIds: readonly string[],
  sinceMs: number,
  extra: {
    faultId?: string;
    component?: string;
    returnId?: string;
    choices?: readonly Remedy[];
    fulfilledBy?: string;
    downtime?: Entitlement['downtime'];
  } = {},
): void {
  const entitlement: Entitlement = { kind, status: 'open', because: [{ rule, eventIds: [...eventIds] }], sinceMs };
  if (extra.faultId !== undefined) entitlement.faultId = extra.faultId;
  if (extra.component !== undefined) entitlement.component = extra.component;
  if (extra.returnId !== undefined) entitlement.returnId = extra.returnId;
  if (extra.choices !== undefined) entitlement.choices = [...extra.choices];
  if (extra.downtime) entitlement.downtime = extra.downtime;
  if (extra.fulfilledBy !== undefined) {
    entitlement.status = 'fulfilled';
    entitlement.fulfilledBy = extra.fulfilledBy;
  }
  state.entitlements.push(entitlement);
}

/** Owed now: open and not withdrawn. */
export function isOpen(e: Entitlement): boolean {
  return e.status === 'open' && e.withdrawn !== true;
}

/** The forms a rule's remedy lets the buyer choose among, or undefined for a single remedy. */
export function choicesOf(remedy: 'replacement' | 'refund' | 'replacement-or-refund'): Remedy[] | undefined {
  return remedy === 'replacement-or-refund' ? ['replacement', 'refund'] : undefined;
}

/** Marks every open entitlement that `matches` as fulfilled by `eventId`; returns how many. */
export function fulfil(
  state: UnitState,
  matches: (e: Entitlement) => boolean,
  eventId: string,
  onlyFirst = false,
): number {
  let n = 0;
  for (const e of state.entitlements) {
    if (!isOpen(e) || !matches(e)) continue;
    e.status = 'fulfilled';
    e.fulfilledBy = eventId;
    n++;
    if (onlyFirst) break;
  }
  return n;
}

export function raiseAnomaly(state: UnitState, rule: RuleId, eventIds: readonly string[]): void {
  const anomaly: Anomaly = { rule, eventIds: [...eventIds] };
  state.anomalies.push(anomaly);
}

/** Records that a rule looked at an event and did not count it, and why. */
export function note(state: UnitState, eventId: string, rule: RuleId, reason: string): void {
  const n: Note = { eventId, rule, reason };
  state.notes.push(n);
}
