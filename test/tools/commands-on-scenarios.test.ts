import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectUnits } from '../../src/index.js';
import { cli, scenarioEvents, scenarioFile, scenariosDir, standardWithThreshold } from './support.js';

const scenarios = readdirSync(scenariosDir)
  .filter((n) => /^\d\d-/.test(n))
  .sort();
const AS_OF = '2026-01-01';

describe.each(scenarios)('every command on the public scenario %s', (name) => {
  const file = scenarioFile(name);
  const units = [...projectUnits(scenarioEvents(name), { asOf: AS_OF }).keys()];

  it('fleet, care and diff run on the whole file, as text and as JSON', async () => {
    const policy = join(mkdtempSync(join(tmpdir(), 'wl-policy-')), 'standard-1y-v2.json');
    writeFileSync(policy, JSON.stringify(standardWithThreshold(2)));
    for (const argv of [
      ['fleet', file],
      ['care', file, '--all'],
      ['diff', file, '--policy', policy],
    ]) {
      const text = await cli([...argv, '--as-of', AS_OF]);
      expect(text.code, text.stderr).toBe(0);
      const json = await cli([...argv, '--as-of', AS_OF, '--json']);
      expect(() => JSON.parse(json.stdout)).not.toThrow();
    }
  });

  it('explain, report and evidence (round-tripped) run on every unit', async () => {
    const dir = mkdtempSync(join(tmpdir(), `wl-${name}-`));
    for (const unit of units) {
      const explain = await cli(['explain', file, '--unit', unit, '--as-of', AS_OF]);
      expect(explain.code, explain.stderr).toBe(0);
      expect(explain.stdout).toContain(`Unit ${unit}:`);
      const page = join(dir, `${unit}.html`);
      expect((await cli(['report', file, '--unit', unit, '--as-of', AS_OF, '--out', page])).code).toBe(0);
      expect(readFileSync(page, 'utf8')).toContain('data-testid="coverage-bar"');
      const bundle = join(dir, `${unit}-bundle`);
      expect((await cli(['evidence', file, '--unit', unit, '--out', bundle])).code).toBe(0);
      const verified = await cli(['evidence', '--verify', bundle]);
      expect(verified.code, verified.stdout).toBe(0);
    }
  });
});
