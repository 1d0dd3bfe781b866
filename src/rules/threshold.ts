/** Thresholds over whole minutes: the first instant at which an elapsed time reaches one. */
import type { Threshold } from '../policy/schema.js';
import { MS_PER_MINUTE } from '../time/minutes.js';

/** The first instant from `fromMs` at which the whole minutes elapsed reach `t` (`at-least`) or pass it (`more-than`). */
export function markMs(fromMs: number, t: Threshold): number {
  return fromMs + (t.comparison === 'more-than' ? t.value + 1 : t.value) * MS_PER_MINUTE;
}
