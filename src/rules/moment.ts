/** The moment a rule fires at: the policy it judges under and the business time, as instant and date. */
import type { Policy } from '../policy/schema.js';
import { dayOf, type Day } from '../time/calendar.js';

export interface Moment {
  readonly policy: Policy;
  /** Business time, ms since the epoch. */
  readonly ms: number;
  /** The calendar date of `ms` in the policy's time zone. */
  readonly day: Day;
}

export function momentAt(policy: Policy, ms: number): Moment {
  return { policy, ms, day: dayOf(ms, policy.timeZone) };
}
