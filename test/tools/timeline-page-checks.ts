/**
 * What the browser tests measure on a timeline page, run inside the page: the label boxes of the
 * chart on show (getBBox), their leaders, the text against its box, and what reaches past the
 * viewport's right edge.
 */
export interface PageMeasure {
  lang: string;
  chart: string;
  viewport: number;
  scrollWidth: number;
  labels: number;
  overlaps: string[];
  leaderHits: string[];
  textOutsideBox: string[];
  clipped: string[];
  eventIds: string[];
  tickOverlaps: string[];
}

/** The little of the DOM the measure uses (the project's TypeScript has no DOM library). */
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
  tagName: string;
  parentElement: El | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
  closest(selector: string): El | null;
  getBBox(): Rect;
  getBoundingClientRect(): { left: number; right: number; width: number; height: number };
}
interface Win {
  document: {
    querySelectorAll(selector: string): Iterable<El>;
    documentElement: { lang: string; clientWidth: number; scrollWidth: number };
  };
  getComputedStyle(e: El): { display: string };
}

/** Runs in the page (passed to page.evaluate): keep it free of imports and module values. */
export function measurePage(): PageMeasure {
  const win = globalThis as unknown as Win;
  const document = win.document;
  const svg = [...document.querySelectorAll('svg.chart')].find((s) => win.getComputedStyle(s).display !== 'none')!;
  type Box = { x: number; y: number; w: number; h: number; name: string };
  const name = (g: El) =>
    `${g.getAttribute('data-testid')}:${g.getAttribute('data-event') ?? ''}:${g.textContent?.slice(0, 60)}`;
  const groups = [...svg.querySelectorAll('[data-label]')];
  const boxes: Box[] = groups.map((g) => {
    const b = g.getBBox();
    return { x: b.x, y: b.y, w: b.width, h: b.height, name: name(g) };
  });
  const hit = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (hit(boxes[i]!, boxes[j]!)) overlaps.push(`${boxes[i]!.name} / ${boxes[j]!.name}`);
  // A leader may touch its own label only; a segment crossing any other label's box is a hit.
  const crosses = (x1: number, y1: number, x2: number, y2: number, b: Box) => {
    const steps = 40;
    for (let k = 0; k <= steps; k++) {
      const x = x1 + ((x2 - x1) * k) / steps;
      const y = y1 + ((y2 - y1) * k) / steps;
      if (x > b.x && x < b.x + b.w && y > b.y && y < b.y + b.h) return true;
    }
    return false;
  };
  const leaderHits: string[] = [];
  groups.forEach((g, i) => {
    const leader = g.parentElement?.querySelector('polyline.leader');
    if (!leader) return;
    const pts = (leader.getAttribute('points') ?? '')
      .trim()
      .split(/\s+/)
      .map((p: string) => p.split(',').map(Number) as [number, number]);
    for (let s = 0; s + 1 < pts.length; s++)
      boxes.forEach((b, j) => {
        if (j !== i && crosses(pts[s]![0], pts[s]![1], pts[s + 1]![0], pts[s + 1]![1], b))
          leaderHits.push(`${boxes[i]!.name} -> ${b.name}`);
      });
  });
  const textOutsideBox: string[] = [];
  for (const g of groups) {
    const r = g.querySelector('rect')!.getBBox();
    const t = g.querySelector('text')!.getBBox();
    if (
      t.x < r.x - 0.5 ||
      t.x + t.width > r.x + r.width + 0.5 ||
      t.y < r.y - 0.5 ||
      t.y + t.height > r.y + r.height + 0.5
    )
      textOutsideBox.push(`${name(g)} text ${t.width.toFixed(1)} box ${r.width.toFixed(1)}`);
  }
  const ticks = [...svg.querySelectorAll('[data-tick]')].map((t) => {
    const b = t.getBBox();
    return { x: b.x, y: b.y, w: b.width, h: b.height, name: t.textContent ?? '' };
  });
  const tickOverlaps: string[] = [];
  for (let i = 0; i + 1 < ticks.length; i++)
    if (hit(ticks[i]!, ticks[i + 1]!)) tickOverlaps.push(`${ticks[i]!.name} / ${ticks[i + 1]!.name}`);
  const viewport = document.documentElement.clientWidth;
  const clipped: string[] = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg.chart') && el.closest('svg.chart') !== svg) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > viewport + 0.5 || r.left < -0.5)
      clipped.push(`${el.tagName} ${el.textContent?.slice(0, 40)} ${r.left.toFixed(0)}..${r.right.toFixed(0)}`);
  }
  return {
    lang: document.documentElement.lang,
    chart: svg.getAttribute('class') ?? '',
    viewport,
    scrollWidth: document.documentElement.scrollWidth,
    labels: groups.length,
    overlaps,
    leaderHits,
    textOutsideBox,
    clipped: clipped.slice(0, 10),
    eventIds: [...svg.querySelectorAll('[data-testid=event-label]')].map((g) => g.getAttribute('data-event') ?? ''),
    tickOverlaps,
  };
}
