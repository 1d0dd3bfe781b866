/**
 * Calendar dates as day numbers (days since 1970-01-01), month arithmetic with clamping to the
 * month's end, and conversion between instants and dates in an IANA time zone (rulebook 2).
 */

/** A calendar date as a count of days since 1970-01-01. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

/** Howard Hinnant's days_from_civil: proleptic Gregorian date -> day number. */
export function dayFromCivil(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Day number -> { year, month (1-12), day }. */
export function civilFromDay(n: Day): { year: number; month: number; day: number } {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The dates the ledger works with: the years 1000 to 9999. Timestamps are refused outside them
 * (time/instant.ts), and a computed date that would pass the last day (a coverage end after
 * centuries of extensions) is that day instead: see `clampDay`.
 */
export const FIRST_DAY: Day = dayFromCivil(1000, 1, 1);
export const LAST_DAY: Day = dayFromCivil(9999, 12, 31);

/** A computed date kept in range: one past 9999-12-31 is 9999-12-31 ("beyond every date the ledger handles"). */
export function clampDay(day: Day): Day {
  return day > LAST_DAY ? LAST_DAY : day;
}

/** The date `months` calendar months after `start`, clamped to the month's end (31 Jan + 1 month = 28/29 Feb); not clamped to LAST_DAY. */
function monthsAfter(start: Day, months: number): Day {
  const { year, month, day } = civilFromDay(start);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return dayFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Adds calendar months, clamping to the month's end: 31 Jan + 1 month = 28/29 Feb; never past LAST_DAY. */
export function addMonths(start: Day, months: number): Day {
  return clampDay(monthsAfter(start, months));
}

/** The last covered date of a term of `months` from `start`: [start, start + months) inclusive end; never past LAST_DAY. */
export function termEnd(start: Day, months: number): Day {
  return clampDay(monthsAfter(start, months) - 1);
}

/**
 * The last covered date of a term of `months` from `start` under a period-end convention:
 * `day-before` is `termEnd`; `same-day` is the same-numbered date `months` later, clamped to the
 * month's end (from 29 Feb 2024, 12 months: 28 Feb 2025), as when the first day is not counted.
 */
export function periodEndDay(start: Day, months: number, periodEnd: 'day-before' | 'same-day' = 'day-before'): Day {
  return periodEnd === 'same-day' ? addMonths(start, months) : termEnd(start, months);
}

/** 'YYYY-MM-DD' for a day number. */
export function formatDay(n: Day): string {
  const { year, month, day } = civilFromDay(n);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into a day number, or undefined when it is not a real date in the years 1000 to 9999. */
export function parseDay(text: string): Day | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayFromCivil(year, month, day);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC in milliseconds at instant `ms` (cached per zone and quarter hour). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const key = `${timeZone}|${Math.floor(ms / 900_000)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  // Not Date.UTC: it reads the years 0 to 99 as 1900 to 1999.
  const local =
    dayFromCivil(parts.year!, parts.month!, parts.day!) * MS_PER_DAY +
    ((parts.hour! * 60 + parts.minute!) * 60 + parts.second!) * 1000;
  const offset = local - (ms - (((ms % 1000) + 1000) % 1000));
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** The calendar date of instant `ms` in `timeZone`. */
export function dayOf(ms: number, timeZone: string): Day {
  return Math.floor((ms + zoneOffsetMs(ms, timeZone)) / MS_PER_DAY);
}

/** The first instant of calendar date `day` in `timeZone`. */
export function startOfDay(day: Day, timeZone: string): number {
  const local = day * MS_PER_DAY;
  let guess = local - zoneOffsetMs(local, timeZone);
  guess = local - zoneOffsetMs(guess, timeZone);
  // A zone that skips midnight (DST at 00:00) has no such instant: take the first one of that date.
  while (dayOf(guess, timeZone) < day) guess += 900_000;
  return guess;
}

/**
 * Instant `ms` as the wall clock of `timeZone` reads it, with its offset, to the second:
 * `2025-01-10T07:00:00+08:00` (UTC gives `+00:00`); milliseconds only when there are any.
 * @example formatInZone(Date.parse('2025-01-09T23:00:00Z'), 'Asia/Shanghai') // '2025-01-10T07:00:00+08:00'
 */
export function formatInZone(ms: number, timeZone: string): string {
  const offset = zoneOffsetMs(ms, timeZone);
  const local = new Date(ms + offset).toISOString();
  const clock = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${clock}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
