/**
 * The timeline page: one self-contained HTML file (inline SVG and CSS, no script, no network), in
 * English or Simplified Chinese. A header names the unit, its policy and the moments; the chart
 * is drawn twice, for a wide page (and print) and for a phone, and CSS shows the one that fits;
 * tables below repeat the coverage lines, the findings and the events hidden by the known-at moment.
 */
import type { Lang } from '../i18n/lang.js';
import { messages } from '../i18n/messages.js';
import type { Catalogue } from '../i18n/en.js';
import type { TimelineData } from './timeline-data.js';
import { entriesOf } from './timeline-entries.js';
import { layout, NARROW, WIDE } from './timeline-layout.js';
import { chartSvg, esc } from './timeline-svg.js';
import { zonedTime } from './zoned.js';

const CSS = `
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; margin: 24px; color: #1f2328; background: #fff; }
h1 { font-size: 20px; margin: 0 0 8px; overflow-wrap: anywhere; } h2 { font-size: 16px; margin: 22px 0 6px; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 14px; margin: 0 0 10px; }
dl.facts dt { color: #57606a; } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
p.zone { margin: 0 0 10px; color: #57606a; }
ul.key { list-style: none; padding: 0; margin: 0 0 10px; display: flex; flex-wrap: wrap; gap: 2px 16px; }
ul.key svg { vertical-align: middle; margin-right: 4px; }
svg.chart { display: block; height: auto; max-width: 100%; border: 1px solid #d0d7de; border-radius: 6px; background: #fcfcfd; }
svg.narrow { display: none; }
@media (max-width: 720px) { body { margin: 8px; } svg.wide { display: none; } svg.narrow { display: block; } dl.facts { grid-template-columns: minmax(0, 38%) minmax(0, 1fr); } }
.grid { stroke: #eaeef2; } .tick { font-size: 10px; fill: #57606a; } .col { font-size: 10px; font-weight: 600; fill: #24292f; }
.axis { stroke: #57606a; stroke-width: 1.5; } .break { fill: none; stroke: #57606a; stroke-width: 1.5; }
.bar { fill: #8c959f; } .bar.active { fill: #2da44e; } .superseded { fill: none; stroke: #8c959f; stroke-dasharray: 3 2; }
.runs-on { fill: none; stroke: #24292f; stroke-width: 1.5; }
.window { fill: rgba(130, 80, 223, 0.25); stroke: #8250df; }
.downtime { fill: rgba(207, 34, 46, 0.15); stroke: rgba(207, 34, 46, 0.5); stroke-dasharray: 2 2; } .downtime.counted { fill: rgba(207, 34, 46, 0.55); stroke: none; }
.leader { fill: none; stroke: #8c959f; stroke-width: 1; }
.box { fill: #f6f8fa; stroke: #d0d7de; } .when { fill: #57606a; }
.m-setup { fill: #24292f; } .m-fault { fill: #cf222e; } .m-repair { fill: #0969da; } .m-repair-failed { fill: #fff; stroke: #cf222e; stroke-width: 2; }
.m-return { fill: #8250df; } .m-other { fill: #57606a; } .m-line { stroke: #24292f; stroke-width: 2; }
.m-flag { fill: #8250df; } .m-flag.anomaly { fill: #bf3989; } .m-flag.breach { fill: #bc4c00; }
.k-fault .box { fill: #ffebe9; stroke: #ff8182; } .k-repair-failed .box { fill: #fff; stroke: #cf222e; stroke-width: 1.5; }
.k-repair .box { fill: #ddf4ff; stroke: #54aeff; } .k-return .box { fill: #fbefff; stroke: #c297ff; }
.k-flag .box { fill: #fbefff; stroke: #8250df; } .f-anomaly .box { fill: #ffeff7; stroke: #bf3989; } .f-breach .box { fill: #fff1e5; stroke: #bc4c00; }
.k-coverage .box, .k-window .box { fill: #dafbe1; stroke: #4ac26b; } .k-asof .box, .k-gap .box { fill: #fff; stroke: #0969da; stroke-dasharray: 4 2; }
.cursor { stroke: #0969da; stroke-width: 2; stroke-dasharray: 6 4; }
table { border-collapse: collapse; margin: 6px 0 18px; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; font-size: 13px; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; font-size: 11px; }
  svg.wide { display: block; width: 100%; } svg.narrow { display: none; }
  svg.chart { border: none; } tr, svg .entry { break-inside: avoid; }
}
`;

function table(head: string[], rows: string[][]): string {
  return `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}\n</table>`;
}

function header(d: TimelineData, m: Catalogue): string {
  const h = d.header;
  const zone = d.timeZone;
  const point = (text: string, ms: number) =>
    /^\d{4}-\d{2}-\d{2}$/.test(text) ? m['page.endOfDay'](text, zone) : zonedTime(ms, zone);
  const knownAtMs = h.knownAt === null ? null : Date.parse(h.knownAt);
  const facts: [string, string][] = [
    [m['page.serial'], h.serialNumber ?? m['page.none']],
    [m['page.brand'], h.brand ?? m['page.none']],
    [m['page.model'], h.model ?? m['page.none']],
    [m['page.customer'], h.customerId ?? m['page.none']],
    [m['page.policy'], m['page.policyValue'](h.policy.id, h.policy.version, zone)],
    [m['page.asOf'], point(h.asOf, d.asOfMs)],
    [
      m['page.knownAt'],
      h.knownAt === null
        ? m['page.knownAtNone']
        : point(h.knownAt, knownAtMs !== null && Number.isFinite(knownAtMs) ? knownAtMs : d.asOfMs),
    ],
    [m['page.status'], m[`page.status.${h.status}`]],
    [m['page.downtime'], m['page.minutes'](h.downtimeMinutes)],
  ];
  return `<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd data-fact>${esc(v)}</dd>`).join('')}</dl>`;
}

const SYMBOLS: [string, string][] = [
  ['<rect x="2" y="2" width="8" height="8" fill="#24292f"/>', 'page.legend.setup'],
  ['<circle cx="6" cy="6" r="5" fill="#cf222e"/>', 'page.legend.fault'],
  ['<path d="M6 .5 L11.5 6 L6 11.5 L.5 6Z" fill="#0969da"/>', 'page.legend.repair'],
  ['<path d="M1 2 L11 2 L6 11Z" fill="#8250df"/>', 'page.legend.return'],
  ['<circle cx="6" cy="6" r="3.5" fill="#57606a"/>', 'page.legend.other'],
  ['<path d="M3 1 L11 4 L3 7Z" fill="#8250df"/>', 'page.legend.flag'],
];

function key(d: TimelineData, m: Catalogue): string {
  const cols = d.bars.map((b, i) => m['page.col.line'](i + 1, b.component));
  if (d.returnWindow) cols.push(m['page.col.window']);
  if (d.spans.length) cols.push(m['page.col.outage']);
  const marks = SYMBOLS.map(
    ([svg, k]) =>
      `<li><svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">${svg}</svg>${esc(m[k as 'page.legend.setup'])}</li>`,
  );
  return `<ul class="key" aria-label="${esc(m['page.columns'])}">${cols.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>
<ul class="key" aria-label="${esc(m['page.legend'])}">${marks.join('')}</ul>`;
}

/**
 * The whole page for one unit, in `lang` (English by default).
 * @example writeFileSync('page.html', timelineHtml(timelineData(events, 'U-1', { asOf: '2025-06-30' })!, 'zh-CN'));
 */
export function timelineHtml(d: TimelineData, lang: Lang = 'en'): string {
  const m = messages(lang);
  const zone = d.timeZone;
  const entries = entriesOf(d, m);
  const wide = chartSvg(d, layout(d, entries, WIDE), m, 'wide');
  const narrow = chartSvg(d, layout(d, entries, NARROW), m, 'narrow');
  const day = (s: string | null) => (s === null ? m['page.lifetime'] : m['page.dateIn'](s, zone));
  const findings = entries.filter((e) => e.kind === 'flag');
  const hidden = d.hidden.length
    ? `<h2>${esc(m['page.hidden.heading'])}</h2>
<p>${esc(m['page.hidden.intro'](d.header.knownAt ?? '', d.hidden.length))}</p>
<div data-testid="hidden-events">${table(
        [m['page.th.event'], m['page.th.type'], m['page.th.occurred'], m['page.th.recorded']],
        d.hidden.map((h) => [h.id, h.type, zonedTime(h.ms, zone), zonedTime(h.recordedMs, zone)]),
      )}</div>`
    : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(m['page.title'](d.unitId))}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(m['page.heading'](d.unitId, m[`page.status.${d.header.status}`]))}</h1>
${header(d, m)}
<p class="zone">${esc(m['page.timesIn'](zone))}</p>
${key(d, m)}
${wide}
${narrow}
${hidden}
<h2>${esc(m['page.coverage.heading'])}</h2>
${table(
  [m['page.th.component'], m['page.th.start'], m['page.th.end'], m['page.th.active']],
  d.bars.map((b) => [b.component, day(b.start), day(b.end), b.active ? m['page.yes'] : m['page.no']]),
)}
${
  d.superseded.length
    ? `<h2>${esc(m['page.superseded.heading'])}</h2>
${table(
  [m['page.th.component'], m['page.th.start'], m['page.th.end'], m['page.th.movedBy'], m['page.th.on']],
  d.superseded.map((o) => [o.component, day(o.start), day(o.end), o.by, zonedTime(o.untilMs, zone)]),
)}`
    : ''
}
<h2>${esc(m['page.findings.heading'])}</h2>
${
  findings.length
    ? table(
        [m['page.th.when'], m['page.th.what']],
        findings.map((e) => [e.when, e.text]),
      )
    : `<p>${esc(m['page.findings.none'])}</p>`
}
</body>
</html>
`;
}
