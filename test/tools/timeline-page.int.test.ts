/**
 * The timeline page in a real browser: the system Chromium (Debian package `chromium`, installed by
 * .ci/run) driven by playwright-core, which never downloads a browser. Without /usr/bin/chromium the
 * test prints one SKIPPED line and skips, except under CI=true, where a missing browser fails it:
 * CI must check the page, so a missing install step must not pass as a skip.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cli, scenarioFile } from './support.js';

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
const outDir = join(__dirname, '..', '..', 'test-output');
const present = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

if (!present && !inCi) console.log('SKIPPED: no Chromium');

describe.skipIf(!present && !inCi)('the timeline page in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!present)
      throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs it with apt-get install chromium`);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    mkdirSync(outDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Writes the page with the CLI, opens it with every network request refused, and returns it with the requests seen. */
  async function open(
    scenario: string,
    unit: string,
    asOf: string,
    name: string,
  ): Promise<{ page: Page; requests: string[] }> {
    const file = join(outDir, `${name}.html`);
    const r = await cli(['report', scenarioFile(scenario), '--unit', unit, '--as-of', asOf, '--out', file]);
    expect(r.code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1260, height: 900 } });
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    return { page, requests };
  }

  it('scenario 02: the coverage bar with its dates, the fault marks, the replacement flag and the as-of cursor', async () => {
    const { page, requests } = await open('02-three-failed-repairs', 'U-1', '2025-06-30', 'timeline-02');
    await expect.poll(() => page.title()).toBe('Timeline of U-1');
    const bar = page.locator('[data-testid=coverage-bar][data-component=unit]');
    await expect.poll(() => bar.isVisible()).toBe(true);
    expect(await bar.getAttribute('data-start')).toBe('2025-06-10');
    expect(await bar.getAttribute('data-end')).toBe('2026-06-09');
    const box = (await bar.boundingBox())!;
    expect(box.width).toBeGreaterThan(100);
    // The dates a person reads beside the bar.
    expect(await page.locator('svg [data-testid=coverage-start]').first().textContent()).toBe('2025-06-10');
    expect(await page.locator('svg [data-testid=coverage-end]').first().textContent()).toContain('2026-06-09');
    expect(await page.locator('svg [data-testid=coverage-start]').first().isVisible()).toBe(true);
    // Four faults, each a visible mark; the replacement entitlement as a labelled flag.
    expect(await page.locator('[data-testid=fault-mark]').count()).toBe(4);
    expect(await page.locator('[data-testid=repair-mark]').count()).toBe(4);
    const flag = page.locator('[data-testid=flag][data-kind=entitlement]', { hasText: 'replacement: fulfilled' });
    expect(await flag.isVisible()).toBe(true);
    expect(await page.locator('[data-testid=flag][data-kind=breach]').count()).toBe(5);
    // The flag stands where the entitlement arose (2025-06-01), left of the as-of cursor (2025-06-30), inside the bar's span.
    const cursor = page.locator('[data-testid=as-of-cursor]');
    expect(await cursor.textContent()).toContain('as of 2025-06-30');
    const flagBox = (await flag.locator('rect').boundingBox())!;
    const cursorBox = (await cursor.locator('line').boundingBox())!;
    expect(flagBox.x).toBeLessThan(cursorBox.x);
    expect(cursorBox.x).toBeGreaterThan(box.x);
    // The coverage before the replacement is drawn too, and listed in the table.
    expect(await page.locator('[data-testid=superseded-bar]').count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'e02-12', exact: true }).first().isVisible()).toBe(true);
    await page.screenshot({ path: join(outDir, 'timeline-02.png'), fullPage: true });
    expect(requests).toEqual([]);
    await page.close();
  });

  it('scenario 04: one bar per component, shaded outages, loaner flags and the warranty restart', async () => {
    const { page, requests } = await open('04-downtime-restart', 'U-1', '2025-07-01', 'timeline-04');
    const bars = page.locator('[data-testid=coverage-bar]');
    expect(await bars.count()).toBe(3);
    expect(
      await bars.evaluateAll((els) =>
        els.map(
          (e) => `${e.getAttribute('data-component')} ${e.getAttribute('data-start')} ${e.getAttribute('data-end')}`,
        ),
      ),
    ).toEqual(['unit 2025-05-05 2031-05-04', 'compressor 2025-05-05 2031-05-04', 'parts 2025-01-02 lifetime']);
    const spans = page.locator('[data-testid=downtime-span]');
    expect(await spans.count()).toBe(5);
    for (const box of await spans.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width)))
      expect(box).toBeGreaterThan(1);
    expect(await page.locator('[data-testid=flag]', { hasText: 'warranty-restart: fulfilled' }).isVisible()).toBe(true);
    expect(await page.locator('[data-testid=flag]', { hasText: 'loaner F-2: fulfilled' }).isVisible()).toBe(true);
    // Flags never overlap: their label boxes are pairwise disjoint.
    const boxes = await page
      .locator('[data-testid=flag] rect')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(a[2]! <= b[0]! || b[2]! <= a[0]! || a[3]! <= b[1]! || b[3]! <= a[1]!).toBe(true);
      }
    }
    await page.screenshot({ path: join(outDir, 'timeline-04.png'), fullPage: true });
    expect(requests).toEqual([]);
    expect(readFileSync(join(outDir, 'timeline-04.html'), 'utf8')).not.toMatch(
      /<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/,
    );
    await page.close();
  });
});
