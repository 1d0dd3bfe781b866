/**
 * The timeline page: one self-contained HTML file, inline SVG and CSS, no script and no
 * network. Coverage lines are bars with their start and end dates, faults and repairs are marks,
 * outages are shaded spans, entitlements, anomalies and breaches are labelled flags, and a dashed
 * cursor stands at the as-of moment. The same facts follow as tables, for reading and for search.
 */
import { formatInstant } from '../time/instant.js';
import type { TimelineData, TimelineFlag } from './timeline-data.js';

const W = 1200;
const LEFT = 150;
const RIGHT = 40;
const ROW = 46;
const FLAG_ROW = 24;
const DAY = 86_400_000;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const iso = (ms: number) => formatInstant(ms).replace('.000Z', 'Z');
const day = (ms: number) => formatInstant(ms).slice(0, 10);

/**
 * The time range drawn: from the first thing shown to a little after the as-of moment and the last
 * mark; lines that end much later run off the right edge with their end date written there.
 */
function domain(d: TimelineData): [number, number] {
  const starts = [
    ...d.bars.map((b) => b.startMs),
    ...d.superseded.map((b) => b.startMs),
    ...d.marks.map((m) => m.ms),
    ...d.flags.map((f) => f.ms),
    d.asOfMs,
  ];
  const lo = Math.min(...starts);
  const focus = Math.max(d.asOfMs, ...d.marks.map((m) => m.ms), ...d.flags.map((f) => f.ms));
  const ends = d.bars.map((b) => b.endMs ?? Infinity);
  const hi = Math.min(
    Math.max(focus, ...ends.map((e) => (Number.isFinite(e) ? e : focus))),
    focus + Math.max((focus - lo) * 0.6, 120 * DAY),
  );
  const pad = Math.max((hi - lo) * 0.03, 5 * DAY);
  return [lo - pad, hi + pad];
}

function ticks(lo: number, hi: number, x: (ms: number) => number, top: number, bottom: number): string[] {
  const out: string[] = [];
  const from = new Date(lo);
  const years = (hi - lo) / (365 * DAY);
  const step = years > 6 ? 12 : years > 2 ? 6 : years > 0.8 ? 3 : 1;
  let m = Date.UTC(from.getUTCFullYear(), Math.floor(from.getUTCMonth() / step) * step + step, 1);
  for (; m < hi; m = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + step, 1)) {
    const xm = x(m).toFixed(1);
    const label = step === 12 ? day(m).slice(0, 4) : day(m).slice(0, 7);
    out.push(
      `<line class="grid" x1="${xm}" x2="${xm}" y1="${top}" y2="${bottom}"/><text class="tick" x="${xm}" y="${top - 6}" text-anchor="middle">${label}</text>`,
    );
  }
  return out;
}

/** Flags on levels so their labels do not overlap: each takes the lowest level free at its x. */
function levels(flags: readonly TimelineFlag[], x: (ms: number) => number): number[] {
  const ends: number[] = [];
  return flags.map((f) => {
    const start = x(f.ms);
    const width = f.label.length * 6.6 + 14;
    let level = ends.findIndex((end) => end < start);
    if (level < 0) level = ends.length;
    ends[level] = start + width;
    return level;
  });
}

function svg(d: TimelineData): string {
  const [lo, hi] = domain(d);
  const x = (ms: number) => LEFT + ((ms - lo) / (hi - lo)) * (W - LEFT - RIGHT);
  const top = 40;
  const barsBottom = top + d.bars.length * ROW;
  const marksY = barsBottom + 26;
  const flags = [...d.flags].sort((a, b) => a.ms - b.ms);
  const flagLevels = levels(flags, x);
  const flagTop = marksY + 34;
  const height = flagTop + (Math.max(0, ...flagLevels) + 1) * FLAG_ROW + 20;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-label="timeline of ${esc(d.unitId)}">`,
  ];
  out.push(...ticks(lo, hi, x, top, height - 10));
  for (const s of d.spans) {
    const x1 = x(s.fromMs);
    const w = Math.max(x(s.toMs) - x1, 2);
    out.push(
      `<rect data-testid="downtime-span" data-fault="${esc(s.faultId)}" class="downtime${s.counted ? ' counted' : ''}" x="${x1.toFixed(1)}" y="${top}" width="${w.toFixed(1)}" height="${marksY + 10 - top}"><title>${esc(`${s.faultId} out of service ${iso(s.fromMs)} -> ${s.open ? 'still open at the as-of moment' : iso(s.toMs)}${s.counted ? ' (counted for downtime)' : ' (not counted for downtime)'}`)}</title></rect>`,
    );
  }
  const right = W - RIGHT;
  const clip = (ms: number | null) => (ms === null ? right : Math.min(x(ms), right));
  d.bars.forEach((b, i) => {
    const y = top + i * ROW;
    const x1 = x(b.startMs);
    const x2 = clip(b.endMs);
    const runsOff = b.endMs === null || x(b.endMs) > right;
    out.push(`<text class="lane" x="${LEFT - 10}" y="${y + 17}" text-anchor="end">${esc(b.component)}</text>`);
    for (const old of d.superseded.filter((o) => o.component === b.component)) {
      const o1 = x(old.startMs);
      out.push(
        `<rect data-testid="superseded-bar" class="superseded" x="${o1.toFixed(1)}" y="${y + 2}" width="${Math.max(clip(old.endMs) - o1, 2).toFixed(1)}" height="24" rx="3"><title>${esc(`${b.component} before ${old.by}: ${old.start} .. ${old.end ?? 'lifetime'} (moved on ${iso(old.untilMs)})`)}</title></rect>`,
      );
    }
    out.push(
      `<rect data-testid="coverage-bar" data-component="${esc(b.component)}" data-start="${b.start}" data-end="${b.end ?? 'lifetime'}" class="bar${b.active ? ' active' : ''}" x="${x1.toFixed(1)}" y="${y + 6}" width="${Math.max(x2 - x1, 2).toFixed(1)}" height="16" rx="3"><title>${esc(`${b.component}: ${b.start} .. ${b.end ?? 'lifetime'}${b.active ? ' (active)' : ''}`)}</title></rect>`,
    );
    out.push(`<text data-testid="coverage-start" class="date" x="${x1.toFixed(1)}" y="${y + 38}">${b.start}</text>`);
    out.push(
      `<text data-testid="coverage-end" class="date" x="${x2.toFixed(1)}" y="${y + 38}" text-anchor="end">${runsOff ? '\u2192 ' : ''}${b.end ?? 'lifetime'}</text>`,
    );
  });
  out.push(`<text class="lane" x="${LEFT - 10}" y="${marksY + 4}" text-anchor="end">faults, repairs</text>`);
  for (const m of d.marks) {
    const xm = x(m.ms).toFixed(1);
    const title = `<title>${esc(`${iso(m.ms)} ${m.detail}`)}</title>`;
    if (m.kind === 'fault')
      out.push(
        `<g data-testid="fault-mark" data-fault="${esc(m.label)}"><circle class="fault" cx="${xm}" cy="${marksY}" r="6">${title}</circle><text class="mark-label" x="${xm}" y="${marksY - 10}" text-anchor="middle">${esc(m.label)}</text></g>`,
      );
    else if (m.kind === 'repair')
      out.push(
        `<rect data-testid="repair-mark" class="repair ${m.outcome}" x="${(Number(xm) - 4).toFixed(1)}" y="${marksY - 4}" width="8" height="8" transform="rotate(45 ${xm} ${marksY})">${title}</rect>`,
      );
    else
      out.push(
        `<line data-testid="event-mark" class="event" x1="${xm}" x2="${xm}" y1="${marksY - 9}" y2="${marksY + 9}">${title}</line>`,
      );
  }
  flags.forEach((f, i) => {
    const xf = x(f.ms);
    const y = flagTop + flagLevels[i]! * FLAG_ROW;
    const w = f.label.length * 6.6 + 12;
    out.push(
      `<g data-testid="flag" data-kind="${f.kind}" class="flag ${f.kind}"><line x1="${xf.toFixed(1)}" x2="${xf.toFixed(1)}" y1="${marksY + 8}" y2="${y + 18}"/><rect x="${xf.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="18" rx="2"/><text x="${(xf + 6).toFixed(1)}" y="${y + 13}">${esc(f.label)}</text><title>${esc(`${iso(f.ms)} ${f.label}: ${f.detail}`)}</title></g>`,
    );
  });
  const xa = x(d.asOfMs).toFixed(1);
  out.push(
    `<g data-testid="as-of-cursor"><line class="cursor" x1="${xa}" x2="${xa}" y1="${top - 22}" y2="${height - 6}"/><text class="cursor-label" x="${(Number(xa) + 4).toFixed(1)}" y="${top - 24}">as of ${esc(d.asOfText)}</text></g>`,
  );
  out.push('</svg>');
  return out.join('\n');
}

const CSS = `
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1f2328; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; } p.sub { margin: 0 0 16px; color: #57606a; }
svg { display: block; border: 1px solid #d0d7de; border-radius: 6px; background: #fcfcfd; }
.grid { stroke: #eaeef2; } .tick { font-size: 11px; fill: #57606a; }
.lane { font-size: 12px; font-weight: 600; fill: #24292f; }
.bar { fill: #8c959f; } .bar.active { fill: #2da44e; } .superseded { fill: none; stroke: #8c959f; stroke-dasharray: 4 3; }
.date { font-size: 11px; fill: #24292f; }
.downtime { fill: rgba(207, 34, 46, 0.08); stroke: rgba(207, 34, 46, 0.25); stroke-dasharray: 3 3; }
.downtime.counted { fill: rgba(207, 34, 46, 0.18); stroke: none; }
.fault { fill: #cf222e; stroke: #fff; stroke-width: 1.5; } .mark-label { font-size: 10px; fill: #cf222e; }
.repair { fill: #0969da; } .repair.failed { fill: #fff; stroke: #cf222e; stroke-width: 2; }
.event { stroke: #24292f; stroke-width: 2; }
.flag line { stroke: #57606a; stroke-width: 1; } .flag text { font-size: 11px; fill: #fff; }
.flag.entitlement rect { fill: #8250df; } .flag.anomaly rect { fill: #bf3989; } .flag.breach rect { fill: #bc4c00; }
.cursor { stroke: #0969da; stroke-width: 2; stroke-dasharray: 6 4; } .cursor-label { font-size: 12px; font-weight: 600; fill: #0969da; }
.legend span { display: inline-block; margin-right: 16px; } .legend i { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: middle; }
table { border-collapse: collapse; margin: 8px 0 20px; } th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; font-size: 13px; }
th { background: #f6f8fa; } h2 { font-size: 16px; margin: 20px 0 4px; }
`;

function rows(cells: string[][]): string {
  return cells.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
}

/**
 * The whole page for one unit.
 * @example writeFileSync('page.html', timelineHtml(timelineData(events, 'U-1', { asOf: '2025-06-30' })!));
 */
export function timelineHtml(d: TimelineData): string {
  const legend = [
    ['#2da44e', 'coverage line (active on the as-of date)'],
    ['#8c959f', 'coverage line (not active)'],
    ['repeating-linear-gradient(90deg,#8c959f 0 3px,transparent 3px 6px)', 'before a restart'],
    ['rgba(207,34,46,0.25)', 'out of service'],
    ['#cf222e', 'fault reported'],
    ['#0969da', 'repair'],
    ['#8250df', 'entitlement'],
    ['#bf3989', 'anomaly'],
    ['#bc4c00', 'SLA breach'],
  ]
    .map(([c, t]) => `<span><i style="background:${c}"></i>${t}</span>`)
    .join('');
  const flagRows = [...d.flags].sort((a, b) => a.ms - b.ms).map((f) => [iso(f.ms), f.kind, f.label, f.detail]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Timeline of ${esc(d.unitId)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(d.title)}</h1>
<p class="sub">As of ${esc(d.asOfText)}${d.explanation.knownAt ? `, as known at ${esc(d.explanation.knownAt)}` : ''}. Downtime in the current period: ${d.explanation.downtimeMinutes} min.</p>
<p class="legend">${legend}</p>
${svg(d)}
<h2>Coverage lines</h2>
<table><tr><th>component</th><th>start</th><th>end (last covered day)</th><th>active</th></tr>
${rows(d.bars.map((b) => [b.component, b.start, b.end ?? 'lifetime', b.active ? 'yes' : 'no']))}
</table>
${
  d.superseded.length
    ? `<h2>Coverage before it moved</h2>
<table><tr><th>component</th><th>start</th><th>end</th><th>moved by</th><th>on</th></tr>
${rows(d.superseded.map((o) => [o.component, o.start, o.end ?? 'lifetime', o.by, iso(o.untilMs)]))}
</table>`
    : ''
}
<h2>Entitlements, anomalies and breaches</h2>
<table><tr><th>when</th><th>kind</th><th>what</th><th>why</th></tr>
${rows(flagRows)}
</table>
<h2>Faults, repairs and other marks</h2>
<table><tr><th>when</th><th>mark</th><th>what</th></tr>
${rows(d.marks.map((m) => [iso(m.ms), m.label, m.detail]))}
</table>
</body>
</html>
`;
}
