/**
 * Every check of every public scenario, through the library API (parseJsonl, createPolicyBook,
 * projectUnits, stateDocument), matched as shared/scenarios/check.mjs matches them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPolicyBook, parseJsonl, projectUnits, stateDocument } from '../../src/index.js';
import { mismatches } from '../support/expect-match.js';
import { checkLabel, loadScenarios, STATUTE_SCENARIOS_DIR } from './load.js';

const scenarios = loadScenarios();
const statutes = loadScenarios(STATUTE_SCENARIOS_DIR);
const policies = createPolicyBook();

describe('public scenarios through the library', () => {
  it('finds all ten scenarios with 31 checks', () => {
    expect(scenarios.map((s) => s.name)).toHaveLength(10);
    expect(scenarios.reduce((n, s) => n + s.checks.length, 0)).toBe(31);
  });

  it('finds the statutory scenario with its 12 checks', () => {
    expect(statutes.map((s) => s.name)).toEqual(['11-cn-sanbao-household']);
    expect(statutes.reduce((n, s) => n + s.checks.length, 0)).toBe(12);
  });

  for (const scenario of [...scenarios, ...statutes]) {
    describe(scenario.name, () => {
      const { events } = parseJsonl(readFileSync(scenario.eventsPath, 'utf8'), { source: scenario.eventsPath });
      scenario.checks.forEach((check, i) => {
        it(checkLabel(scenario, check, i), () => {
          const document = stateDocument(projectUnits(events, { asOf: check.asOf, knownAt: check.knownAt, policies }));
          const why = Object.entries(check.units).flatMap(([unitId, expected]) =>
            mismatches(expected, document.units[unitId], unitId),
          );
          expect(why).toEqual([]);
        });
      });
    });
  }
});
