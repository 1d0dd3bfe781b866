/** What a CLI command gets from the edge: its output streams and the clock. */
export interface CliIo {
  /** Writes to standard output; throws OutputClosed once the reader has gone away. */
  stdout(text: string): void;
  stderr(text: string): void;
  /** The current time; only the CLI reads the clock. */
  now(): Date;
  /** True when stderr is a terminal (progress lines go there only then). */
  readonly stderrIsTty: boolean;
  /** The locale variables (LC_ALL, LC_MESSAGES, LANG) the default `--lang` comes from; none means English. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** A command's exit code: 0 done, 1 bad input or a failed check, 2 wrong usage. */
export type ExitCode = 0 | 1 | 2;

export class UsageError extends Error {
  override name = 'UsageError' as const;
}

/**
 * Standard output can take no more: its reader went away (`EPIPE`, as in `state FILE | head -1`),
 * which ends the command quietly with exit 0, or writing failed otherwise (`code`), exit 1. The edge
 * that throws it has already said so on stderr; `run` only turns it into the exit code.
 */
export class OutputClosed extends Error {
  override name = 'OutputClosed' as const;
  constructor(readonly code: string | undefined) {
    super(
      code === 'EPIPE' ? 'standard output was closed' : `cannot write to standard output: ${code ?? 'unknown error'}`,
    );
  }
}
