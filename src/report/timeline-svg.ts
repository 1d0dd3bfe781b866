/**
 * The timeline chart as inline SVG for one page width (see timeline-layout.ts): date ticks, one
 * column per coverage line (dashed: as it stood before it moved), the return window and the
 * outages, the axis with one mark per entry (point events are marks, never bars), leaders, labels
 * and the as-of cursor. Every text is escaped.
 */
import type { Catalogue } from '../i18n/en.js';
import type { TimelineData } from './timeline-data.js';
import type { EntryKind } from './timeline-entries.js';
import { COL, FONT, LINE, TOP, type Layout, type PlacedLabel } from './timeline-layout.js';
import { zonedDay } from './zoned.js';
import { dayFromCivil, dayOf, startOfDay } from '../time/calendar.js';

const DAY = 86_400_000;

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const f1 = (n: number) => n.toFixed(1);

/** Ticks at whole days or months in the policy's zone, at least 24 px apart. */
function ticks(d: TimelineData, l: Layout): string[] {
  const zone = d.timeZone;
  const pxPerDay = (l.y(l.lo + DAY * 10) - l.y(l.lo)) / 10;
  const dayStep = [1, 2, 7, 14].find((s) => s * pxPerDay >= 24);
  const monthStep = [1, 2, 3, 6, 12, 24, 60, 120, 600].find((s) => s * 30.4 * pxPerDay >= 24) ?? 1200;
  const out: string[] = [];
  const right = l.axisX;
  const push = (ms: number, label: string) => {
    const y = f1(l.y(ms));
    out.push(
      `<line class="grid" x1="${l.columnsX}" x2="${right}" y1="${y}" y2="${y}"/><text data-tick class="tick" x="${l.tickWidth - 2}" y="${f1(l.y(ms) + 3.5)}" text-anchor="end">${label}</text>`,
    );
  };
  const first = dayOf(l.lo, zone);
  const last = dayOf(l.hi, zone);
  if (dayStep !== undefined && last - first < 120) {
    for (let day = first + 1; day <= last; day++)
      if ((day - first) % dayStep === 0) push(startOfDay(day, zone), zonedDay(startOfDay(day, zone), zone));
    return out;
  }
  const [y0, m0] = zonedDay(l.lo, zone).split('-').map(Number) as [number, number];
  for (let k = 1; k < 100_000; k++) {
    const month = y0 * 12 + m0 - 1 + k;
    if (month % monthStep !== 0) continue;
    const year = Math.floor(month / 12);
    const ms = startOfDay(dayFromCivil(year, (month % 12) + 1, 1), zone);
    if (ms > l.hi) break;
    push(ms, monthStep >= 12 ? String(year) : `${year}-${String((month % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

function columns(d: TimelineData, l: Layout, m: Catalogue): string[] {
  const out: string[] = [];
  const bottom = (ms: number | null) => (ms === null || ms > l.hi ? l.axisEnd + 14 : l.y(ms));
  d.bars.forEach((b, i) => {
    const x = l.columnsX + i * COL;
    out.push(`<text class="col" x="${x + COL / 2}" y="${TOP - 12}" text-anchor="middle">${i + 1}</text>`);
    for (const old of d.superseded.filter((o) => o.component === b.component)) {
      const y1 = l.y(old.startMs);
      out.push(
        `<rect data-testid="superseded-bar" class="superseded" x="${x + 2}" y="${f1(y1)}" width="${COL - 4}" height="${f1(Math.max(bottom(old.endMs) - y1, 2))}"><title>${esc(`${b.component}: ${old.start} .. ${old.end ?? m['page.lifetime']} (${old.by})`)}</title></rect>`,
      );
    }
    const y1 = l.y(b.startMs);
    const y2 = bottom(b.endMs);
    out.push(
      `<rect data-testid="coverage-bar" data-component="${esc(b.component)}" data-start="${b.start}" data-end="${b.end ?? 'lifetime'}" class="bar${b.active ? ' active' : ''}" x="${x + 4}" y="${f1(y1)}" width="${COL - 8}" height="${f1(Math.max(y2 - y1, 2))}"><title>${esc(`${b.component}: ${b.start} .. ${b.end ?? m['page.lifetime']} (${d.timeZone})`)}</title></rect>`,
    );
    if (b.endMs === null || b.endMs > l.hi)
      out.push(
        `<path class="runs-on" d="M${x + 3} ${f1(y2 - 4)} L${x + COL / 2} ${f1(y2 + 3)} L${x + COL - 3} ${f1(y2 - 4)}"/>`,
      );
  });
  let x = l.columnsX + d.bars.length * COL;
  const w = d.returnWindow;
  if (w) {
    const y1 = l.y(w.startMs);
    out.push(
      `<text class="col" x="${x + COL / 2}" y="${TOP - 12}" text-anchor="middle">R</text><rect data-testid="return-window" class="window" x="${x + 3}" y="${f1(y1)}" width="${COL - 6}" height="${f1(Math.max(bottom(w.endMs) - y1, 2))}"><title>${esc(`${w.fromDay} .. ${w.lastDay} (${d.timeZone})`)}</title></rect>`,
    );
    x += COL;
  }
  if (d.spans.length) {
    out.push(`<text class="col" x="${x + COL / 2}" y="${TOP - 12}" text-anchor="middle">D</text>`);
    for (const s of d.spans) {
      const y1 = l.y(s.fromMs);
      out.push(
        `<rect data-testid="downtime-span" data-fault="${esc(s.faultId)}" class="downtime${s.counted ? ' counted' : ''}" x="${x + 3}" y="${f1(y1)}" width="${COL - 6}" height="${f1(Math.max(l.y(s.toMs) - y1, 2))}"><title>${esc(s.faultId)}</title></rect>`,
      );
    }
  }
  return out;
}

/** The mark on the axis for an entry: a point, never a bar. */
function mark(kind: EntryKind, x: number, y: number, flag: string | undefined): string {
  const cy = f1(y);
  switch (kind) {
    case 'setup':
      return `<rect class="m-setup" x="${x - 4}" y="${f1(y - 4)}" width="8" height="8"/>`;
    case 'fault':
      return `<circle class="m-fault" cx="${x}" cy="${cy}" r="5"/>`;
    case 'repair':
    case 'repair-failed':
      return `<path class="m-${kind}" d="M${x} ${f1(y - 5.5)} L${x + 5.5} ${cy} L${x} ${f1(y + 5.5)} L${x - 5.5} ${cy} Z"/>`;
    case 'return':
      return `<path class="m-return" d="M${x - 5} ${f1(y - 4)} L${x + 5} ${f1(y - 4)} L${x} ${f1(y + 5)} Z"/>`;
    case 'flag':
      return `<path class="m-flag ${flag}" d="M${x - 1} ${f1(y - 6)} L${x + 7} ${f1(y - 3)} L${x - 1} ${cy} Z"/>`;
    case 'coverage':
    case 'window':
      return `<line class="m-line" x1="${x - 5}" x2="${x + 5}" y1="${cy}" y2="${cy}"/>`;
    case 'gap':
      return '';
    case 'asof':
      return '';
    default:
      return `<circle class="m-other" cx="${x}" cy="${cy}" r="3.5"/>`;
  }
}

const TESTID: Record<EntryKind, string> = {
  setup: 'event-label',
  fault: 'event-label',
  repair: 'event-label',
  'repair-failed': 'event-label',
  return: 'event-label',
  other: 'event-label',
  coverage: 'coverage-label',
  window: 'window-label',
  flag: 'flag',
  gap: 'gap-label',
  asof: 'as-of-label',
};

function label(p: PlacedLabel, l: Layout): string {
  const e = p.entry;
  const attrs = `data-label data-testid="${TESTID[e.kind]}" data-kind="${e.flag ?? e.kind}"${e.eventId !== undefined ? ` data-event="${esc(e.eventId)}"` : ''}`;
  const tspans: string[] = [];
  let line = 0;
  const base = (i: number) => f1(p.y + 3 + (i + 1) * LINE - 4);
  for (const w of p.whenLines) tspans.push(`<tspan class="when" x="${l.labelX}" y="${base(line++)}">${esc(w)}</tspan>`);
  if (!l.mode.whenOwnLine) line = 0;
  for (const t of p.textLines) tspans.push(`<tspan x="${p.textX}" y="${base(line++)}">${esc(t)}</tspan>`);
  const my = f1(p.markY);
  const ly = f1(p.y + 3 + LINE / 2);
  const leader = `<polyline class="leader" points="${l.axisX + 7},${my} ${l.axisX + 12},${my} ${l.labelX - 10},${ly} ${l.labelX - 4},${ly}"/>`;
  return `<g class="entry k-${e.kind}${e.flag ? ` f-${e.flag}` : ''}">${leader}${mark(e.kind, l.axisX, p.markY, e.flag)}<g ${attrs}><rect class="box" x="${f1(p.x)}" y="${f1(p.y)}" width="${f1(p.width)}" height="${f1(p.height)}" rx="3"/><text font-size="${FONT}">${tspans.join('')}</text></g></g>`;
}

/** The chart for one layout. */
export function chartSvg(d: TimelineData, l: Layout, m: Catalogue, cls: string): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${cls}" width="${l.mode.width}" height="${l.height}" viewBox="0 0 ${l.mode.width} ${l.height}" role="img" aria-label="${esc(m['page.chart'](d.unitId))}">`,
  ];
  out.push(...ticks(d, l));
  out.push(...columns(d, l, m));
  out.push(`<line class="axis" x1="${l.axisX}" x2="${l.axisX}" y1="${TOP - 6}" y2="${f1(l.axisEnd)}"/>`);
  if (l.broken) {
    const yb = l.axisEnd + 8;
    out.push(
      `<path data-testid="axis-break" class="break" d="M${l.columnsX} ${yb} l6 -5 l6 10 l6 -10 l6 10 L${l.axisX + 6} ${yb}"/>`,
      `<line class="axis" x1="${l.axisX}" x2="${l.axisX}" y1="${yb + 12}" y2="${f1(l.height - 10)}"/>`,
    );
  }
  const asOf = l.labels.find((p) => p.entry.kind === 'asof');
  if (asOf) {
    const y = f1(asOf.markY);
    out.push(
      `<line data-testid="as-of-cursor" class="cursor" x1="${l.columnsX - 4}" x2="${l.axisX + 10}" y1="${y}" y2="${y}"/>`,
    );
  }
  for (const p of l.labels) out.push(label(p, l));
  out.push('</svg>');
  return out.join('\n');
}
