/**
 * The same checks through the built command line (`node dist/cli.js state ... --json`), as
 * shared/scenarios/check.mjs runs them. `npm test` builds first.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mismatches } from '../support/expect-match.js';
import { checkLabel, loadScenarios, SCENARIOS_DIR, STATUTE_SCENARIOS_DIR } from './load.js';

const CLI = join(SCENARIOS_DIR, '..', '..', 'dist', 'cli.js');

const run = promisify(execFile);

async function runState(eventsPath: string, asOf: string, knownAt: string | undefined): Promise<unknown> {
  const argv = [CLI, 'state', eventsPath, '--as-of', asOf, '--json', ...(knownAt ? ['--known-at', knownAt] : [])];
  const { stdout } = await run(process.execPath, argv, { encoding: 'utf8' });
  return JSON.parse(stdout);
}

// Each check is its own process; running them concurrently keeps the file fast.
describe.concurrent('public scenarios through the built CLI', () => {
  it('has a built dist/cli.js', () => {
    if (!existsSync(CLI))
      throw new Error(`${CLI} is missing: run "npm run build" first ("npm test" builds before it tests)`);
  });

  for (const scenario of [...loadScenarios(), ...loadScenarios(STATUTE_SCENARIOS_DIR)]) {
    scenario.checks.forEach((check, i) => {
      it.runIf(existsSync(CLI))(checkLabel(scenario, check, i), async () => {
        const document = (await runState(scenario.eventsPath, check.asOf, check.knownAt)) as {
          units?: Record<string, unknown>;
        };
        const why = Object.entries(check.units).flatMap(([unitId, expected]) =>
          mismatches(expected, document.units?.[unitId], unitId),
        );
        expect(why).toEqual([]);
      });
    });
  }
});
