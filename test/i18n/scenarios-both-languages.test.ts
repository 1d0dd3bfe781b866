/**
 * Every scenario (test/scenarios, test/scenarios-statutes) rendered in English and Chinese through
 * state, state --summary, explain (every unit), care --all and fleet, at each of its checks'
 * moments: nothing is left as `undefined`, no English text of the catalogue leaks into the Chinese
 * output where a key exists (words of the English catalogue that neither the Chinese catalogue nor
 * the scenario's own data holds), and JSON is the same in both languages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, type Catalogue } from '../../src/i18n/en.js';
import { zhCN } from '../../src/i18n/zh-CN.js';
import { PRESETS } from '../../src/index.js';
import { RULES } from '../../src/rules/registry.js';
import { loadScenarios, STATUTE_SCENARIOS_DIR } from '../scenarios/load.js';
import { cli } from '../tools/support.js';

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? []);

/** The words of a catalogue's texts: its strings, and the literal parts of its messages' templates (not their code). */
function catalogueWords(catalogue: Catalogue, unlike?: Catalogue): Set<string> {
  const keys = (Object.keys(catalogue) as (keyof Catalogue)[]).filter(
    (k) => unlike === undefined || String(catalogue[k]) !== String(unlike[k]),
  );
  const texts = keys
    .map((k) => catalogue[k])
    .map((value) =>
      typeof value === 'string'
        ? value
        : [...String(value).matchAll(/`([^`]*)`/g)].map((m) => m[1]!.replace(/\$\{[^}]*\}/g, ' ')).join(' '),
    );
  return words(texts.join(' '));
}

const ENGLISH = catalogueWords(en);
/**
 * Words that may appear in Chinese output: the Chinese catalogue's own (flags, UTC), every preset's
 * data, and the rule ids (codes a reader looks up in src/rules/, printed as they are).
 */
const ALLOWED = new Set([
  // An entry left as the English one allows nothing.
  ...catalogueWords(zhCN, en),
  ...words(JSON.stringify(PRESETS)),
  ...words(Object.keys(RULES).join(' ')),
]);

function leaks(chinese: string, data: Set<string>): string[] {
  return [...words(chinese)].filter((w) => ENGLISH.has(w) && !ALLOWED.has(w) && !data.has(w));
}

const scenarios = [...loadScenarios(), ...loadScenarios(STATUTE_SCENARIOS_DIR)];

describe.each(scenarios.map((s) => [s.name, s] as const))('scenario %s in both languages', (_name, s) => {
  const data = words(readFileSync(s.eventsPath, 'utf8'));
  const units = [...new Set(readFileSync(s.eventsPath, 'utf8').match(/"unitId":\s*"[^"]*"/g) ?? [])].map(
    (m) => JSON.parse(`{${m}}`).unitId as string,
  );

  it.each(s.checks.map((c) => [c.asOf, c] as const))('as of %s', async (_asOf, check) => {
    const moments = ['--as-of', check.asOf, ...(check.knownAt ? ['--known-at', check.knownAt] : [])];
    const runs = [
      ['state', s.eventsPath],
      ['state', s.eventsPath, '--summary'],
      ['care', s.eventsPath, '--all'],
      ['fleet', s.eventsPath],
      ...units.map((u) => ['explain', s.eventsPath, '--unit', u]),
    ];
    for (const argv of runs) {
      const [en, zh] = await Promise.all(['en', 'zh-CN'].map((lang) => cli([...argv, ...moments, '--lang', lang])));
      const what = argv.join(' ');
      // A unit with no event by an early as-of is refused the same way in both languages.
      expect(zh!.code, what).toBe(en!.code);
      if (en!.code !== 0) continue;
      for (const out of [en!.stdout, zh!.stdout]) expect(out, what).not.toMatch(/undefined|\[object |NaN/);
      expect(leaks(zh!.stdout, data), `${what}: English in the Chinese output`).toEqual([]);
      expect(zh!.stdout, what).toMatch(/[\u4e00-\u9fff]/);
      if (argv[0] === 'state' && argv.length === 2) {
        const json = await Promise.all(
          ['en', 'zh-CN'].map((lang) => cli([...argv, ...moments, '--json', '--lang', lang])),
        );
        expect(json[1]!.stdout, `${what} --json`).toBe(json[0]!.stdout);
      }
    }
  });
});
