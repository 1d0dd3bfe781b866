/** Instants as the page prints them: the wall-clock time in the policy's zone with its offset. */
import { dayOf, formatDay, zoneOffsetMs } from '../time/calendar.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2025-01-10 07:00 +08:00` (seconds when not zero): the time in `zone`, with the offset it had then. */
export function zonedTime(ms: number, zone: string): string {
  const offset = zoneOffsetMs(ms, zone);
  const local = ms + offset;
  const inDay = ((local % 86_400_000) + 86_400_000) % 86_400_000;
  const h = Math.floor(inDay / 3_600_000);
  const m = Math.floor((inDay % 3_600_000) / 60_000);
  const s = Math.floor((inDay % 60_000) / 1000);
  const abs = Math.abs(Math.round(offset / 60_000));
  const sign = offset < 0 ? '-' : '+';
  const off = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${formatDay(dayOf(ms, zone))} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''} ${off}`;
}

/** The calendar date of `ms` in `zone`. */
export function zonedDay(ms: number, zone: string): string {
  return formatDay(dayOf(ms, zone));
}
