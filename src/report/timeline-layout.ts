/**
 * Where everything of the timeline goes, for one page width: time runs down a vertical axis, the
 * coverage lines, the return window and the outages are columns left of it, and every entry is a
 * label in one column right of it. Labels stack in time order, each as near its mark as the one
 * above allows, and a leader runs from the mark to its label in the gutter between them; as both
 * go down in the same order, no two leaders cross and no leader crosses a label. The axis ends a
 * little after the last event when the as-of moment is much later, with a break before it.
 */
import type { Entry } from './timeline-entries.js';
import type { TimelineData } from './timeline-data.js';
import { textWidth, wrapText } from './text-width.js';
import { domainOf } from './timeline-domain.js';

/** A page width's measures (px): the whole chart, whether a label's time has a line of its own. */
export interface LayoutMode {
  width: number;
  whenOwnLine: boolean;
}

export const WIDE: LayoutMode = { width: 1200, whenOwnLine: false };
export const NARROW: LayoutMode = { width: 374, whenOwnLine: true };

export const FONT = 12;
export const LINE = 15;
const PAD = 3;
const GAP = 3;
export const COL = 16;
export const TOP = 44;

export interface PlacedLabel {
  entry: Entry;
  markY: number;
  x: number;
  y: number;
  width: number;
  height: number;
  whenLines: string[];
  whenWidth: number;
  textLines: string[];
  /** The text column's x (after the time when it shares the first line). */
  textX: number;
}

export interface Layout {
  mode: LayoutMode;
  lo: number;
  hi: number;
  /** The y of `hi` (the end of the proportional axis). */
  axisEnd: number;
  /** Whether entries lie beyond the axis (after a break). */
  broken: boolean;
  tickWidth: number;
  columnsX: number;
  axisX: number;
  labelX: number;
  height: number;
  y: (ms: number) => number;
  labels: PlacedLabel[];
}

function columnsOf(d: TimelineData): number {
  return d.bars.length + (d.returnWindow ? 1 : 0) + (d.spans.length ? 1 : 0);
}

/** Places the entries (already in time order) for one width. */
export function layout(d: TimelineData, entries: readonly Entry[], mode: LayoutMode): Layout {
  const { lo, hi } = domainOf(d);
  const tickWidth = mode.whenOwnLine ? 70 : 78;
  const columnsX = tickWidth + 4;
  const axisX = columnsX + columnsOf(d) * COL + 10;
  const labelX = axisX + (mode.whenOwnLine ? 28 : 44);
  const labelW = mode.width - labelX - 2 * PAD - 2;
  const whenWidth = mode.whenOwnLine ? 0 : Math.min(260, Math.max(...entries.map((e) => textWidth(e.when, FONT))) + 12);
  const wrapped = entries.map((e) => {
    const whenLines =
      e.when === ''
        ? []
        : mode.whenOwnLine || textWidth(e.when, FONT) > whenWidth
          ? wrapText(e.when, mode.whenOwnLine ? labelW : whenWidth - 8, FONT)
          : [e.when];
    const textW = mode.whenOwnLine ? labelW : labelW - whenWidth;
    const textLines = wrapText(e.text, textW, FONT);
    const lines = mode.whenOwnLine ? whenLines.length + textLines.length : Math.max(whenLines.length, textLines.length);
    return { e, whenLines, textLines, lines };
  });
  const total = wrapped.reduce((n, w) => n + w.lines * LINE + 2 * PAD + GAP, 0);
  const inside = entries.filter((e) => e.ms <= hi).length;
  const span = Math.max(320, Math.round(total * (inside / Math.max(entries.length, 1)) * 1.15));
  const axisEnd = TOP + span;
  const beyond = entries.filter((e) => e.ms > hi);
  const beyondRank = new Map(beyond.map((e, i) => [e, i]));
  const broken = beyond.length > 0;
  const y = (ms: number) => (ms <= hi ? TOP + ((Math.max(ms, lo) - lo) / (hi - lo)) * span : axisEnd + 20);
  let bottom = -Infinity;
  const labels: PlacedLabel[] = wrapped.map(({ e, whenLines, textLines, lines }) => {
    const markY = e.ms <= hi ? y(e.ms) : axisEnd + 30 + beyondRank.get(e)! * 12;
    const height = lines * LINE + 2 * PAD;
    const top = Math.max(markY - PAD - LINE / 2, bottom + GAP);
    bottom = top + height;
    const widest = mode.whenOwnLine
      ? Math.max(0, ...[...whenLines, ...textLines].map((l) => textWidth(l, FONT)))
      : whenWidth + Math.max(0, ...textLines.map((l) => textWidth(l, FONT)));
    return {
      entry: e,
      markY,
      x: labelX - PAD,
      y: top,
      width: Math.min(widest, labelW) + 2 * PAD,
      height,
      whenLines,
      whenWidth,
      textLines,
      textX: mode.whenOwnLine ? labelX : labelX + whenWidth,
    };
  });
  const lastMark = broken ? axisEnd + 30 + beyond.length * 12 : axisEnd;
  return {
    mode,
    lo,
    hi,
    axisEnd,
    broken,
    tickWidth,
    columnsX,
    axisX,
    labelX,
    height: Math.ceil(Math.max(bottom, lastMark) + 16),
    y,
    labels,
  };
}
