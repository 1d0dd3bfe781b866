/**
 * The two views of time (rulebook 2): `asOf` (business time) and `knownAt` (ledger time). Either is
 * a date (the end of that day in the policy's time zone) or a timestamp (inclusive).
 */
import { InputError } from '../errors.js';
import { dayOf, FIRST_DAY, LAST_DAY, parseDay, startOfDay, type Day } from './calendar.js';
import {
  END_INSTANT_MS,
  FIRST_INSTANT_MS,
  INSTANT_RANGE,
  instantProblem,
  parseAnyInstant,
  parseInstant,
} from './instant.js';

/** A point in time as given: a calendar date, or an instant. */
export type TimePoint =
  | { readonly kind: 'date'; readonly day: Day }
  | { readonly kind: 'instant'; readonly ms: number };

/** A time point in one time zone: events before `ms` count (and at `ms` when `inclusive`). */
export interface Cutoff {
  /** The as-of moment: the first instant of the next day for a date, the instant itself for a timestamp. */
  readonly ms: number;
  readonly inclusive: boolean;
  /** The calendar date it falls on (a date stands for itself). */
  readonly day: Day;
}

/** Parses 'YYYY-MM-DD' or an ISO 8601 timestamp with an offset, in the years 1000 to 9999; `field` names the flag in errors. */
export function parseTimePoint(text: string, field: string): TimePoint {
  const day = parseDay(text);
  if (day !== undefined) return { kind: 'date', day };
  const ms = parseInstant(text);
  if (ms !== undefined) return { kind: 'instant', ms };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && Number(text.slice(0, 4)) < 1000) {
    throw new InputError(undefined, field, `expected a date in the years 1000 to 9999, got ${JSON.stringify(text)}`);
  }
  if (parseAnyInstant(text) !== undefined) throw new InputError(undefined, field, instantProblem(text));
  throw new InputError(
    undefined,
    field,
    `expected a date YYYY-MM-DD or an ISO 8601 timestamp with an offset, got ${JSON.stringify(text)}`,
  );
}

/** Accepts a TimePoint, a Date, or text; refuses one outside the years 1000 to 9999 (as `parseTimePoint` does). */
export function toTimePoint(value: TimePoint | Date | string, field: string): TimePoint {
  if (typeof value === 'string') return parseTimePoint(value, field);
  const point: TimePoint = value instanceof Date ? { kind: 'instant', ms: value.getTime() } : value;
  const inRange =
    point.kind === 'date'
      ? Number.isInteger(point.day) && point.day >= FIRST_DAY && point.day <= LAST_DAY
      : point.ms >= FIRST_INSTANT_MS && point.ms < END_INSTANT_MS;
  if (!inRange)
    throw new InputError(
      undefined,
      field,
      point.kind === 'date' ? 'expected a date in the years 1000 to 9999' : `expected a time ${INSTANT_RANGE}`,
    );
  return point;
}

export function cutoffIn(point: TimePoint, timeZone: string): Cutoff {
  return point.kind === 'date'
    ? { ms: startOfDay(point.day + 1, timeZone), inclusive: false, day: point.day }
    : { ms: point.ms, inclusive: true, day: dayOf(point.ms, timeZone) };
}

export function isBefore(ms: number, cutoff: Cutoff): boolean {
  return cutoff.inclusive ? ms <= cutoff.ms : ms < cutoff.ms;
}
