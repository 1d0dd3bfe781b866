/** The command line run in-process, its output captured: what most command-line tests need. */
import { run } from '../../src/cli/run.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `warranty-ledger argv` with the clock at `now` (default 2025-06-01) and stderr not a terminal. */
export async function runCli(argv: string[], now = '2025-06-01T00:00:00Z'): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    now: () => new Date(now),
    stderrIsTty: false,
  });
  return { code, stdout, stderr };
}
