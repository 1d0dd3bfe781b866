/** What an explanation's reasoning reads and how it cites events and instants. */
import type { UnitEvent } from '../events/envelope.js';
import type { Catalogue } from '../i18n/en.js';
import type { Policy, Threshold } from '../policy/schema.js';
import { formatDay, formatInZone, type Day } from '../time/calendar.js';
import { formatInstant } from '../time/instant.js';
import type { Timed } from '../unit/order.js';
import { faultOf, type FaultState, type UnitState } from '../unit/state.js';

/** An event as an explanation cites it: when it occurred and when the ledger recorded it. */
export interface EventRef {
  id: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  /** Why an explanation cites it, when the finding alone does not say (`recurrence`). */
  role?: string;
}

/** Instants as the explanation prints them: UTC, whole seconds. */
export const iso = (ms: number): string => formatInstant(ms).replace('.000Z', 'Z');

export function refOf(event: UnitEvent): EventRef {
  return { id: event.id, type: event.type, occurredAt: event.occurredAt, recordedAt: event.recordedAt };
}

/** What the reasoning helpers read: the events by id, the final state and the policy. */
export interface ReasonContext {
  readonly byId: ReadonlyMap<string, Timed>;
  readonly kept: readonly Timed[];
  readonly state: UnitState;
  readonly policy: Policy;
  /** For a counted repair, the event at which it was counted (itself, or the recurrence that failed it). */
  readonly countedAt: ReadonlyMap<string, string>;
  /** The messages the reasoning is written in. */
  readonly m: Catalogue;
}

/** An instant as the reasoning prints it: the policy zone's wall clock with its offset. */
export const at = (ctx: ReasonContext, ms: number): string => formatInZone(ms, ctx.policy.timeZone);

/** A date the rules computed, in the policy's time zone, with the zone named. */
export const day = (ctx: ReasonContext, d: Day): string => ctx.m.dayIn(formatDay(d), ctx.policy.timeZone);

export const thresholdText = (m: Catalogue, t: Threshold, unit: string) =>
  m['explain.threshold'](t.comparison === 'at-least', t.value, unit);

export function cite(ctx: ReasonContext, id: string): string {
  const t = ctx.byId.get(id);
  return t ? `${id} (${t.event.type}, ${at(ctx, t.occurredMs)})` : id;
}

export function faultOfEvent(ctx: ReasonContext, id: string): FaultState | undefined {
  const e = ctx.byId.get(id)?.event;
  const faultId = e && 'faultId' in e.data ? (e.data as { faultId?: string }).faultId : undefined;
  return faultId === undefined ? undefined : faultOf(ctx.state, faultId);
}
