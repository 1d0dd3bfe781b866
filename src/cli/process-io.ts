/**
 * The process's side of `CliIo`: standard output and error as a command sees them. A reader that
 * goes away (`state FILE | head -1`) ends the command quietly with exit 0, as `git log | head`
 * does; any other failure to write standard output (`> /dev/full`) is one line on stderr and exit 1.
 */
import { OutputClosed, type CliIo } from './io.js';

export interface ProcessIo {
  readonly io: CliIo;
  /** The exit code to leave with once the command returned `code`: 1 if standard output failed. */
  exitCode(code: number): number;
}

/** Wires `process.stdout`/`stderr`; their errors are handled here, never left to crash the process. */
export function createProcessIo(): ProcessIo {
  let closedBy: string | undefined;
  let failed = false;
  const fail = (error: unknown) => {
    if (closedBy !== undefined) return;
    closedBy = (error as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
    if (closedBy === 'EPIPE') return;
    failed = true;
    process.stderr.write(`${new OutputClosed(closedBy).message}\n`);
    // A write that fails after the command returned still fails the process.
    process.exitCode = 1;
  };
  process.stdout.on('error', fail);
  // Nowhere is left to report a failing stderr; a write to it must not crash the command.
  process.stderr.on('error', () => {});
  const io: CliIo = {
    env: { LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES, LANG: process.env.LANG },
    stdout(text) {
      if (closedBy === undefined) {
        try {
          process.stdout.write(text);
        } catch (error) {
          fail(error);
        }
        // A write that failed at once is seen here; one that fails later reaches `fail` as an 'error' event.
        if (closedBy === undefined && process.stdout.errored) fail(process.stdout.errored);
      }
      if (closedBy !== undefined) throw new OutputClosed(closedBy);
    },
    stderr: (text) => void process.stderr.write(text),
    now: () => new Date(),
    stderrIsTty: process.stderr.isTTY === true,
  };
  return { io, exitCode: (code) => (failed ? 1 : code) };
}
