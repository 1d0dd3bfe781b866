/** ISO 8601 timestamps with an offset, as the contract requires, and their instants. */

import { dayFromCivil, daysInMonth } from './calendar.js';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instants a timestamp may name: 1000-01-02T00:00Z up to (not including) 9999-12-31T00:00Z.
 * No offset reaches a day, so the date of every accepted instant, in every time zone, and the year
 * written in every accepted timestamp lie in the years 1000 to 9999 (where `Date` has no
 * two-digit-year quirk and every date prints as YYYY-MM-DD).
 */
export const FIRST_INSTANT_MS = dayFromCivil(1000, 1, 2) * 86_400_000;
export const END_INSTANT_MS = dayFromCivil(9999, 12, 31) * 86_400_000;
export const INSTANT_RANGE =
  'from 1000-01-02 to 9999-12-30 (UTC), so that its date is in the years 1000 to 9999 in every time zone';

/**
 * The instant (ms since the epoch) of an ISO 8601 timestamp with an offset, or undefined when the
 * text is not one, names a date or time that does not exist (30 February, 24:00, +25:00), or lies
 * outside FIRST_INSTANT_MS .. END_INSTANT_MS.
 */
export function parseInstant(text: string): number | undefined {
  const fast = parseCommonInstant(text);
  const ms = fast === null ? parseAnyInstant(text) : fast;
  return ms !== undefined && ms >= FIRST_INSTANT_MS && ms < END_INSTANT_MS ? ms : undefined;
}

/** Why `parseInstant` refused `text`, for a message: `expected …, got "…"`. */
export function instantProblem(text: string): string {
  const ms = parseAnyInstant(text);
  if (ms !== undefined) return `expected a time ${INSTANT_RANGE}, got ${JSON.stringify(text)}`;
  return `expected an ISO 8601 timestamp with an offset, got ${JSON.stringify(text)}`;
}

/** The two digits at text[i], text[i + 1] as a number, or -1 when either is not a digit. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
}

/**
 * The replay hot path: `YYYY-MM-DDTHH:MM:SS` then `Z` or `±HH:MM`, by character codes. Returns
 * undefined for a timestamp of that shape naming a time that does not exist, and null for any
 * other shape (left to the general parser), so both paths give the same answer.
 */
function parseCommonInstant(text: string): number | undefined | null {
  const length = text.length;
  if (
    (length !== 20 && length !== 25) ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84
  )
    return null;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if ((century | yy | month | day | hour | minute | second) < 0 || century === 0) return null;
  const year = century * 100 + yy;
  let offsetMinutes = 0;
  if (length === 20) {
    if (text.charCodeAt(19) !== 90) return null;
  } else {
    const sign = text.charCodeAt(19);
    const offsetHours = twoDigits(text, 20);
    const offsetMins = twoDigits(text, 23);
    if ((sign !== 43 && sign !== 45) || text.charCodeAt(22) !== 58 || (offsetHours | offsetMins) < 0) return null;
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (sign === 43 ? 1 : -1) * (offsetHours * 60 + offsetMins);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return dayFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000;
}

/** Every timestamp shape, by regex and `Date.parse`: the reference the character-code path is tested against. */
export function parseAnyInstant(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[8]!;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The canonical UTC form of an instant: 2025-03-04T08:00:00.000Z. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}
