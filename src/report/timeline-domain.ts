/**
 * The time range the timeline's axis draws in proportion: the unit's story, and the as-of moment
 * unless it is much later (then the axis ends a little after the last event and breaks before it).
 */
import type { TimelineData } from './timeline-data.js';

const DAY = 86_400_000;

/** The range of the proportional axis: the story, and the as-of moment unless it is far later. */
export function domainOf(d: TimelineData): { lo: number; hi: number; storyEnd: number; gap: boolean } {
  const story = [...d.events.map((e) => e.ms), ...d.flags.map((f) => f.ms)];
  const starts = [...d.bars.map((b) => b.startMs), ...(d.returnWindow ? [d.returnWindow.startMs] : [])];
  const lo = Math.min(...story, ...starts);
  const storyEnd = Math.max(...story, ...(d.returnWindow ? [d.returnWindow.endMs] : []), lo + DAY);
  const slack = Math.max(14 * DAY, (storyEnd - lo) * 0.25);
  if (d.asOfMs <= storyEnd + slack) return { lo, hi: Math.max(storyEnd, d.asOfMs) + DAY / 2, storyEnd, gap: false };
  return { lo, hi: storyEnd + Math.max(2 * DAY, (storyEnd - lo) * 0.04), storyEnd, gap: true };
}
