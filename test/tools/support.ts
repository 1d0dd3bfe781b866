/** Helpers for the tools' tests: the scenarios' files, and the CLI run in-process with captured output. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonl, PRESETS, type PolicyInput, type UnitEvent } from '../../src/index.js';
import { run } from '../../src/cli/run.js';

const root = join(__dirname, '..', '..');
const shared = join(root, '..', 'shared', 'scenarios');
const copied = join(root, 'test', 'scenarios');

/** The public scenarios' folder: ../shared/scenarios beside the clone, else the copy under test/scenarios. */
export const scenariosDir = existsSync(shared) ? shared : copied;

export function scenarioFile(name: string): string {
  return join(scenariosDir, name, 'events.jsonl');
}

export function scenarioEvents(name: string): UnitEvent[] {
  return parseJsonl(readFileSync(scenarioFile(name), 'utf8')).events;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process; `tty` says whether stderr is a terminal. */
export async function cli(
  argv: string[],
  options: { tty?: boolean; now?: Date; env?: Record<string, string> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  let tick = 0;
  const code = await run(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    // A clock that moves 250 ms per reading, so progress lines appear in tests without waiting.
    now: () => new Date((options.now?.getTime() ?? Date.parse('2030-01-01T00:00:00Z')) + 250 * tick++),
    stderrIsTty: options.tty ?? false,
    env: options.env,
  });
  return { code, stdout, stderr };
}

/** standard-1y with another failure threshold, as a new version. */
export function standardWithThreshold(value: number, version = 2): PolicyInput {
  const standard = PRESETS.find((p) => p.id === 'standard-1y')!;
  return {
    ...standard,
    version,
    title: `standard-1y, ${value} failed repairs`,
    repeatedFailure: { threshold: { value, comparison: 'at-least' }, remedy: 'replacement' },
  };
}
