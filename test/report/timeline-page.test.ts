/**
 * The timeline page without a browser: every scenario unit renders in both languages with every
 * kept event in both charts and no missing text; times print in the policy's zone with the offset;
 * labels wrap inside their width; `--lang` and the locale pick the page's language.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonl, timelineData, timelineHtml } from '../../src/index.js';
import { LANGS } from '../../src/i18n/lang.js';
import { run } from '../../src/cli/run.js';
import { textWidth, wrapText } from '../../src/report/text-width.js';
import { zonedTime } from '../../src/report/zoned.js';
import { loadScenarios, STATUTE_SCENARIOS_DIR } from '../scenarios/load.js';

const scenarios = [...loadScenarios(), ...loadScenarios(STATUTE_SCENARIOS_DIR)];

describe('the timeline page of every scenario unit, in both languages', () => {
  for (const s of scenarios)
    it(s.name, () => {
      const events = parseJsonl(readFileSync(s.eventsPath, 'utf8')).events;
      const units = [...new Set(events.filter((e) => e.type === 'UnitSold').map((e) => e.unitId))];
      for (const check of s.checks)
        for (const unit of units) {
          const d = timelineData(events, unit, { asOf: check.asOf, knownAt: check.knownAt });
          if (!d) continue;
          for (const lang of LANGS) {
            const html = timelineHtml(d, lang);
            expect(html).toContain(`<html lang="${lang}">`);
            expect(html).not.toMatch(/undefined|NaN|\[object |Infinity/);
            for (const e of d.events)
              expect(html.split(`data-event="${e.id}"`).length - 1, `${unit} ${e.id}`).toBeGreaterThanOrEqual(2);
            if (lang === 'zh-CN') expect(html).not.toMatch(/>(as of|coverage of|fault|repair of|sold)\b/);
          }
        }
    });
});

describe('times and dates on the page', () => {
  it('an instant in the policy zone with its offset, across a DST change', () => {
    expect(zonedTime(Date.parse('2025-01-09T23:00:00Z'), 'Asia/Shanghai')).toBe('2025-01-10 07:00 +08:00');
    expect(zonedTime(Date.parse('2025-03-09T06:59:00Z'), 'America/New_York')).toBe('2025-03-09 01:59 -05:00');
    expect(zonedTime(Date.parse('2025-03-09T07:00:00Z'), 'America/New_York')).toBe('2025-03-09 03:00 -04:00');
    expect(zonedTime(Date.parse('2025-06-01T00:00:30Z'), 'UTC')).toBe('2025-06-01 00:00:30 +00:00');
  });

  it('explain-style acceptance times read in the zone, every label time with an offset', () => {
    const s = scenarios.find((x) => x.name.startsWith('11-'))!;
    const events = parseJsonl(readFileSync(s.eventsPath, 'utf8')).events;
    const html = timelineHtml(timelineData(events, 'U-1', { asOf: '2025-08-01' })!, 'en');
    // Each label's time lines, joined (a long one wraps).
    const times = [...html.matchAll(/<g data-label[^>]*>(.*?)<\/g>/g)]
      .map((m) => [...m[1]!.matchAll(/class="when"[^>]*>([^<]*)</g)].map((w) => w[1]).join(' '))
      .filter((t) => t !== '');
    for (const t of times) expect(t).toMatch(/[+-]\d\d:\d\d$|\(Asia\/Shanghai\)$/);
  });
});

describe('label text wrapping', () => {
  it('keeps every line within the width and never starts a line with closing punctuation', () => {
    const text =
      '应得：包换，F-1：已履行；由消费者选择：包退 / 包换 / 包修。规则 early-fault，规则手册第 16 节，三包 Art 9；事件 e11-6；由 e11-7 履行';
    for (const width of [120, 190, 400]) {
      const lines = wrapText(text, width, 12);
      for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(width + 13);
      for (const line of lines.slice(1)) expect(line).not.toMatch(/^[，。；：、）]/);
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
    expect(wrapText('x'.repeat(100), 60, 12).every((l) => textWidth(l, 12) <= 60)).toBe(true);
  });
});

describe('report --lang', () => {
  const file = scenarios[1]!.eventsPath;
  async function report(argv: string[], env: Record<string, string | undefined>) {
    const out = join(mkdtempSync(join(tmpdir(), 'page-')), 'page.html');
    let stderr = '';
    const code = await run(['report', file, '--unit', 'U-1', '--as-of', '2025-06-30', '--out', out, ...argv], {
      stdout: () => {},
      stderr: (t) => void (stderr += t),
      now: () => new Date('2030-01-01T00:00:00Z'),
      stderrIsTty: false,
      env,
    });
    return { code, stderr, html: code === 0 ? readFileSync(out, 'utf8') : '' };
  }

  it('takes the language from --lang, else LC_ALL, LC_MESSAGES, LANG', async () => {
    expect((await report([], {})).html).toContain('<html lang="en">');
    expect((await report([], { LANG: 'zh_CN.UTF-8' })).html).toContain('<html lang="zh-CN">');
    expect((await report([], { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).html).toContain('<html lang="en">');
    const zh = (await report(['--lang', 'zh-CN'], { LANG: 'en_US.UTF-8' })).html;
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('包换');
    expect(zh).toContain('维修');
  });

  it('refuses an unknown language in one line, exit 2', async () => {
    const r = await report(['--lang', 'fr'], {});
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/--lang: expected en or zh-CN, got "fr"/);
  });
});
