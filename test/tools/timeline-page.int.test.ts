/**
 * The timeline page in a real browser: the system Chromium (Debian package `chromium`, installed by
 * .ci/run) driven by playwright-core, which never downloads a browser. Without /usr/bin/chromium the
 * test prints one SKIPPED line and skips, except under CI=true, where a missing browser fails it:
 * CI must check the page, so a missing install step must not pass as a skip.
 *
 * Every unit of every scenario (test/scenarios, test/scenarios-statutes) and a busy generated unit,
 * in English and Chinese, at 1400 px and 390 px: no two label boxes intersect (getBBox), no leader
 * crosses another label, each label's text stays in its box, nothing reaches past the viewport's
 * right edge, every event of the unit has its label, hostile text stays text. Screenshots and the
 * pages go to test-output/timeline/ (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PRESETS, type UnitEvent } from '../../src/index.js';
import { parseJsonl } from '../../src/index.js';
import { parseDay, startOfDay } from '../../src/time/calendar.js';
import { loadScenarios, STATUTE_SCENARIOS_DIR } from '../scenarios/load.js';
import { cli } from './support.js';
import { measurePage, type PageMeasure } from './timeline-page-checks.js';
import { busyUnitJsonl, HOSTILE } from './timeline-busy-unit.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const outDir = join(__dirname, '..', '..', 'test-output', 'timeline');
const present = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
const WIDTHS = [1400, 390] as const;
const LANGS = ['en', 'zh-CN'] as const;

if (!present && !inCi) console.log('SKIPPED: no Chromium');

interface Case {
  name: string;
  file: string;
  unit: string;
  asOf?: string;
  knownAt?: string;
}

/** The events a page must show: the unit's, occurred by the as-of moment and recorded by the known-at one. */
function expectedIds(c: Case): string[] {
  const events = parseJsonl(readFileSync(c.file, 'utf8')).events.filter((e: UnitEvent) => e.unitId === c.unit);
  const sale = events.find((e) => e.type === 'UnitSold');
  const policyId = sale?.type === 'UnitSold' ? sale.data.policyId : 'standard-1y';
  const zone = PRESETS.find((p) => p.id === policyId)?.timeZone ?? 'UTC';
  const asOf = c.asOf ?? '2030-01-01T00:00:00Z';
  const day = parseDay(asOf);
  const cut = day === undefined ? Date.parse(asOf) + 1 : startOfDay(day + 1, zone);
  const known = c.knownAt === undefined ? Infinity : Date.parse(c.knownAt) + 1;
  return events.filter((e) => Date.parse(e.occurredAt) < cut && Date.parse(e.recordedAt) < known).map((e) => e.id);
}

function scenarioCases(): Case[] {
  const cases: Case[] = [];
  for (const s of [...loadScenarios(), ...loadScenarios(STATUTE_SCENARIOS_DIR)]) {
    const units = [
      ...new Set(
        parseJsonl(readFileSync(s.eventsPath, 'utf8'))
          .events.filter((e) => e.type === 'UnitSold')
          .map((e) => e.unitId),
      ),
    ];
    for (const unit of units) {
      const check = [...s.checks].reverse().find((k) => unit in k.units) ?? s.checks[s.checks.length - 1]!;
      const c: Case = { name: `${s.name.slice(0, 2)}-${unit}`, file: s.eventsPath, unit, asOf: check.asOf };
      if (check.knownAt !== undefined) c.knownAt = check.knownAt;
      cases.push(c);
    }
  }
  return cases;
}

describe.skipIf(!present && !inCi)('the timeline page in headless Chromium', () => {
  let browser: Browser;
  const busyFile = join(outDir, 'busy-unit.jsonl');

  beforeAll(async () => {
    if (!present)
      throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs it with apt-get install chromium`);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(busyFile, busyUnitJsonl());
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Writes the page with the CLI and opens it with every network request refused. */
  async function open(
    c: Case,
    lang: string,
  ): Promise<{ page: Page; requests: string[]; html: string; dialogs: string[] }> {
    const file = join(outDir, `${c.name}-${lang}.html`);
    const argv = ['report', c.file, '--unit', c.unit, '--out', file, '--lang', lang];
    if (c.asOf !== undefined) argv.push('--as-of', c.asOf);
    if (c.knownAt !== undefined) argv.push('--known-at', c.knownAt);
    const r = await cli(argv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const page = await browser.newPage({ viewport: { width: WIDTHS[0], height: 900 } });
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    return { page, requests, html: readFileSync(file, 'utf8'), dialogs };
  }

  /** Checks one page at both widths and saves its screenshots; returns the measures. */
  async function checkPage(c: Case, lang: string): Promise<PageMeasure[]> {
    const { page, requests, html, dialogs } = await open(c, lang);
    const measures: PageMeasure[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const m = await page.evaluate(measurePage);
      const where = `${c.name} ${lang} ${width}px`;
      expect(m.lang, where).toBe(lang);
      expect(m.chart, where).toContain(width < 720 ? 'narrow' : 'wide');
      expect(m.overlaps, where).toEqual([]);
      expect(m.leaderHits, where).toEqual([]);
      expect(m.textOutsideBox, where).toEqual([]);
      expect(m.tickOverlaps, where).toEqual([]);
      expect(m.clipped, where).toEqual([]);
      expect(m.scrollWidth, where).toBeLessThanOrEqual(m.viewport);
      expect(new Set(m.eventIds), where).toEqual(new Set(expectedIds(c)));
      await page.screenshot({ path: join(outDir, `${c.name}-${lang}-${width}.png`), fullPage: true });
      measures.push(m);
    }
    expect(requests).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    await page.close();
    return measures;
  }

  for (const lang of LANGS)
    it(`every scenario unit, ${lang}: no overprinting at 1400 px and 390 px, every event shown`, async () => {
      for (const c of scenarioCases()) await checkPage(c, lang);
    }, 240_000);

  for (const lang of LANGS)
    it(`a busy generated unit with hostile text, ${lang}`, async () => {
      const c: Case = { name: 'busy', file: busyFile, unit: 'U-BUSY', asOf: '2025-09-30' };
      const [wide] = await checkPage(c, lang);
      expect(wide!.labels).toBeGreaterThan(80);
      const { page } = await open(c, lang);
      // The hostile texts are shown as text, and no element came out of them.
      for (const text of HOSTILE) expect(await page.locator('svg.wide').textContent()).toContain(text);
      expect(await page.locator('img, iframe, object, embed, script').count()).toBe(0);
      await page.close();
    }, 120_000);

  it('the whole story of a sanbao unit: the return window, failed repairs against the threshold, statutory choices and basis', async () => {
    const c: Case = {
      name: '11-U-1',
      file: loadScenarios(STATUTE_SCENARIOS_DIR)[0]!.eventsPath,
      unit: 'U-1',
      asOf: '2025-08-01',
    };
    const { page } = await open(c, 'zh-CN');
    const text = (await page.locator('svg.wide').textContent()) ?? '';
    expect(text).toContain('三包');
    expect(text).toMatch(/包换 \/ 包退|包退 \/ 包换/);
    expect(text).toContain('+08:00');
    await page.close();
  });

  it('scenario 02: a fixed repair failed by a recurrence is shown failed, with its count against the threshold', async () => {
    const c: Case = { name: '02-U-1', file: loadScenarios()[1]!.eventsPath, unit: 'U-1', asOf: '2025-06-30' };
    const { page } = await open(c, 'en');
    const failed = page.locator('svg.wide [data-testid=event-label][data-kind=repair-failed]');
    expect(await failed.count()).toBeGreaterThanOrEqual(3);
    expect(await failed.first().textContent()).toMatch(
      /FAILED \(the recurrence e02-6 failed it\): failed repair 1 \(threshold ≥ 3\)/,
    );
    expect(await page.locator('svg.wide [data-testid=flag]', { hasText: 'owed: replacement' }).count()).toBe(1);
    await page.close();
  });

  it('scenario 05: the return window drawn, returns listed to completion, and the status after the return', async () => {
    const c: Case = { name: '05-U-1', file: loadScenarios()[4]!.eventsPath, unit: 'U-1', asOf: '2025-04-01' };
    const { page } = await open(c, 'en');
    expect(await page.locator('svg.wide [data-testid=return-window]').count()).toBe(1);
    expect(await page.locator('svg.wide [data-testid=window-label]').textContent()).toContain(
      '2025-03-18 is its last day',
    );
    const done = page.locator('svg.wide [data-testid=event-label][data-event=e05-13]');
    expect(await done.textContent()).toContain('status now: returned');
    expect(await page.locator('dd[data-fact]', { hasText: 'returned' }).count()).toBe(1);
    await page.close();
  });

  it('the header names the unit, its policy with its zone and the moments; known-at lists the hidden events', async () => {
    const c: Case = {
      name: '07-known-at',
      file: loadScenarios()[6]!.eventsPath,
      unit: 'U-1',
      asOf: '2025-06-01',
      knownAt: '2025-02-15T00:00:00Z',
    };
    await checkPage(c, 'en');
    const { page } = await open(c, 'en');
    const facts = await page.locator('dd[data-fact]').allTextContents();
    expect(facts.slice(0, 7)).toEqual([
      'SN-U-1',
      'Acme',
      'M1',
      'C-U-1',
      'standard-1y v1, time zone UTC',
      '2025-06-01, end of day (UTC)',
      '2025-02-15 00:00 +00:00',
    ]);
    expect(await page.locator('[data-testid=hidden-events]').textContent()).toContain('e07-4');
    await page.close();
  });

  it('the default as-of far after the last event: the axis ends soon after it, with the break marked', async () => {
    const c: Case = { name: '02-default-as-of', file: loadScenarios()[1]!.eventsPath, unit: 'U-1' };
    await checkPage(c, 'en');
    const { page } = await open(c, 'en');
    expect(await page.locator('svg.wide [data-testid=axis-break]').count()).toBe(1);
    expect(await page.locator('svg.wide [data-testid=gap-label]').textContent()).toMatch(/\d+ days without events/);
    // The story fills most of the axis: the last event stands in the lower half, not squashed at the top.
    const ys = await page
      .locator('svg.wide [data-testid=event-label]')
      .evaluateAll((els) => els.map((e) => (e as unknown as { getBBox(): { y: number } }).getBBox().y));
    const cursor = await page
      .locator('svg.wide [data-testid=as-of-cursor]')
      .evaluate((e) => (e as unknown as { getBBox(): { y: number } }).getBBox().y);
    expect(Math.max(...ys) / cursor).toBeGreaterThan(0.6);
    await page.close();
  });

  it('printed to PDF: the wide chart fits an A4 landscape page, nothing cut at the right edge', async () => {
    const c: Case = { name: '04-U-1', file: loadScenarios()[3]!.eventsPath, unit: 'U-1', asOf: '2025-05-10' };
    const { page } = await open(c, 'zh-CN');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1047, height: 740 });
    const m = await page.evaluate(measurePage);
    expect(m.chart).toContain('wide');
    expect(m.clipped).toEqual([]);
    expect(m.scrollWidth).toBeLessThanOrEqual(m.viewport);
    await page.pdf({ path: join(outDir, '04-U-1-zh-CN.pdf'), format: 'A4', landscape: true, printBackground: true });
    await page.close();
  });
});
