/** What a CLI command gets from the edge: its output streams and the clock. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The current time; only the CLI reads the clock. */
  now(): Date;
  /** True when stderr is a terminal (progress lines go there only then). */
  readonly stderrIsTty: boolean;
}

/** A command's exit code: 0 done, 1 bad input or a failed check, 2 wrong usage. */
export type ExitCode = 0 | 1 | 2;

export class UsageError extends Error {
  override name = 'UsageError' as const;
}
