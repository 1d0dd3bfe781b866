import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createPolicyBook,
  diffPolicies,
  explainUnit,
  parsePolicy,
  PRESETS,
  projectUnits,
  recompute,
} from '../../src/index.js';
import { cli, scenarioEvents, scenarioFile, scenariosDir, standardWithThreshold } from './support.js';

const standard = PRESETS.find((p) => p.id === 'standard-1y')!;

const scenarios = readdirSync(scenariosDir)
  .filter((n) => /^\d\d-/.test(n))
  .sort();
function policyFile(policy: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wl-diff-')), 'new.json');
  writeFileSync(path, JSON.stringify(policy));
  return path;
}

describe('recompute and diff', () => {
  const v2 = parsePolicy(standardWithThreshold(2));

  it('threshold 3 -> 2 on the scenarios: only scenario 02 U-1 changes; its replacement is owed one repair earlier', () => {
    const changed: string[] = [];
    for (const name of scenarios) {
      const d = diffPolicies(scenarioEvents(name), [v2], { asOf: '2030-01-01' });
      changed.push(...d.units.map((u) => `${name} ${u.unitId}`));
    }
    expect(changed).toEqual(['02-three-failed-repairs U-1']);
    const d = diffPolicies(scenarioEvents('02-three-failed-repairs'), [v2], { asOf: '2025-05-20' });
    expect(d.units[0]).toMatchObject({
      unitId: 'U-1',
      policy: { from: { id: 'standard-1y', version: 1 }, to: { id: 'standard-1y', version: 2 } },
      entitlementsGained: [
        { kind: 'replacement', status: 'open', because: [{ rule: 'repeated-failure', eventIds: ['e02-4', 'e02-7'] }] },
      ],
      entitlementsLost: [],
    });
  });

  it('units under other policies are not re-judged, and a diff against the same terms changes nothing', () => {
    const events = scenarioEvents('04-downtime-restart');
    expect(recompute(events, [v2], { asOf: '2030-01-01' })).toEqual([]);
    for (const name of scenarios) {
      const same = parsePolicy({ ...standard, version: 7 });
      expect(diffPolicies(scenarioEvents(name), [same], { asOf: '2030-01-01' }).units).toEqual([]);
    }
  });

  it('the new version replaces the one frozen at sale; before, a pinned version is honoured', () => {
    const v1 = readFileSync(scenarioFile('02-three-failed-repairs'), 'utf8').replace(
      '"policyId": "standard-1y"',
      '"policyId": "standard-1y", "policyVersion": 1',
    );
    const path = join(mkdtempSync(join(tmpdir(), 'wl-diff-')), 'pinned.jsonl');
    writeFileSync(path, v1);
    return cli([
      'diff',
      path,
      '--policy',
      policyFile(standardWithThreshold(2)),
      '--as-of',
      '2025-05-20',
      '--json',
    ]).then((r) => {
      expect(r.code).toBe(0);
      const d = JSON.parse(r.stdout);
      expect(d.units.map((u: { unitId: string }) => u.unitId)).toEqual(['U-1']);
    });
  });

  it('the command prints a table or JSON, and writes nothing', async () => {
    const file = scenarioFile('02-three-failed-repairs');
    const before = readFileSync(file, 'utf8');
    const table = await cli(['diff', file, '--policy', policyFile(standardWithThreshold(2)), '--as-of', '2025-05-20']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('re-judged under standard-1y v2: 1 unit(s), 1 changed');
    expect(table.stdout).toMatch(/U-1\s+standard-1y v1 -> standard-1y v2/);
    expect(table.stdout).toMatch(/\+ entitlement\s+replacement open \[repeated-failure: e02-4, e02-7\]/);
    const json = await cli([
      'diff',
      file,
      '--policy',
      policyFile(standardWithThreshold(2)),
      '--as-of',
      '2025-05-20',
      '--json',
    ]);
    expect(JSON.parse(json.stdout).units).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await cli(['diff', file])).code).toBe(2);
    const bad = await cli(['diff', file, '--policy', policyFile({ id: 'x' })]);
    expect(bad.code).toBe(1);
  });

  it('projecting with the override book equals projecting with the new policy as the only version', () => {
    const events = scenarioEvents('02-three-failed-repairs');
    const after = recompute(events, [v2], { asOf: '2025-06-05' })[0]!.after!;
    expect(after.policy?.version).toBe(2);
    expect(after.view.entitlements[0]?.because[0]?.eventIds).toEqual(['e02-4', 'e02-7']);
    expect(projectUnits(events, { asOf: '2025-06-05' }).get('U-1')!.view.entitlements[0]?.because[0]?.eventIds).toEqual(
      ['e02-4', 'e02-7', 'e02-8'],
    );
  });

  it('terms are frozen at sale: a version effective later judges later sales only, unless a diff asks', () => {
    const later = parsePolicy({ ...standardWithThreshold(2), effectiveFrom: '2025-02-01' });
    const events = scenarioEvents('01-coverage-start');
    const units = projectUnits(events, { asOf: '2025-06-01', policies: createPolicyBook([later]) });
    expect(units.get('U-1')!.view.policy).toEqual({ id: 'standard-1y', version: 1 }); // sold 2025-01-10
    expect(units.get('U-2')!.view.policy).toEqual({ id: 'standard-1y', version: 2 }); // sold 2025-02-20
    expect(
      explainUnit(events, 'U-1', { asOf: '2025-06-01', policies: createPolicyBook([later]) })!.policy,
    ).toMatchObject({ id: 'standard-1y', version: 1 });
    const rejudged = recompute(events, [later], { asOf: '2025-06-01' });
    expect(rejudged.map((r) => r.after!.policy!.version)).toEqual([2, 2, 2, 2, 2]);
  });
});
