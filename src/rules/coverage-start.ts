/**
 * When coverage starts (rulebook 3): the day after final acceptance, else completion, else
 * delivery, else the sale. The latest event of each kind counts (fine print 1); the chain is policy data.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { Policy } from '../policy/schema.js';
import { clampDay, type Day } from '../time/calendar.js';
import type { UnitState } from './unit-state.js';
import type { Moment } from './moment.js';

type StartEvent = Extract<
  UnitEvent,
  { type: 'AcceptanceSigned' | 'InstallationCompleted' | 'UnitDelivered' | 'UnitSold' }
>;

/** Remembers the latest event of its kind; fold order makes the last one seen the latest. */
export function recordStartEvent(state: UnitState, event: StartEvent, at: Moment): void {
  state.startEvents[event.type] = [at.day, event.id];
}

/** The coverage start by the policy's chain, with the event it came from; null before any. */
export function coverageStart(state: UnitState, policy: Policy): { day: Day; eventId: string; event: string } | null {
  for (const step of policy.start) {
    const found = state.startEvents[step.event];
    if (found) return { day: clampDay(found[0] + step.offsetDays), eventId: found[1], event: step.event };
  }
  return null;
}
