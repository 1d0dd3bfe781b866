/** Durations in exact whole minutes between instants, rounded down (rulebook 2). */

export const MS_PER_MINUTE = 60_000;

/** Whole minutes from `fromMs` to `toMs`, rounded down; never negative. */
export function wholeMinutes(fromMs: number, toMs: number): number {
  return toMs <= fromMs ? 0 : Math.floor((toMs - fromMs) / MS_PER_MINUTE);
}
