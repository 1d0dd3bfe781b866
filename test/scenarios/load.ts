/**
 * The public scenarios copied under test/scenarios/<name>/, and the statutory presets' scenarios
 * under test/scenarios-statutes/<name>/: events.jsonl plus expect.json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCENARIOS_DIR = dirname(fileURLToPath(import.meta.url));
/** The statutory presets' scenarios (rulebook 16), kept apart as the shared ones are. */
export const STATUTE_SCENARIOS_DIR = join(SCENARIOS_DIR, '..', 'scenarios-statutes');

export interface ScenarioCheck {
  readonly asOf: string;
  readonly knownAt?: string;
  readonly note?: string;
  readonly units: Record<string, unknown>;
}

export interface Scenario {
  readonly name: string;
  readonly eventsPath: string;
  readonly description: string;
  readonly checks: readonly ScenarioCheck[];
}

/** Every folder holding an expect.json, in name order. */
export function loadScenarios(root = SCENARIOS_DIR): Scenario[] {
  return readdirSync(root)
    .sort()
    .filter((name) => existsSync(join(root, name, 'expect.json')))
    .map((name) => {
      const expect = JSON.parse(readFileSync(join(root, name, 'expect.json'), 'utf8')) as {
        description: string;
        checks: ScenarioCheck[];
      };
      return {
        name,
        eventsPath: join(root, name, 'events.jsonl'),
        description: expect.description,
        checks: expect.checks,
      };
    });
}

/** A readable label for one check, as check.mjs prints it. */
export function checkLabel(scenario: Scenario, check: ScenarioCheck, index: number): string {
  return `${scenario.name} #${index + 1} (as of ${check.asOf}${check.knownAt ? `, known at ${check.knownAt}` : ''})${check.note ? ` — ${check.note}` : ''}`;
}
