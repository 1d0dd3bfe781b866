/** ISO 8601 timestamps with an offset, as the contract requires, and their instants. */

import { daysInMonth } from './calendar.js';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant (ms since the epoch) of an ISO 8601 timestamp with an offset, or undefined when the
 * text is not one or names a date or time that does not exist (30 February, 24:00, +25:00).
 */
export function parseInstant(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number, number, number, number, number, number,
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
