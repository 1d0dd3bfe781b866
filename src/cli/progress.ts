/**
 * Progress for long runs: one `\r`-updated line on stderr (events read, units, rate), only when
 * stderr is a terminal, the input is large and the output is not `--json`.
 */
import { statSync } from 'node:fs';
import type { CliIo } from './io.js';

/** Inputs at least this large (bytes) get a progress line. */
export const LARGE_INPUT_BYTES = 1_000_000;
const EVERY_MS = 200;

export interface Progress {
  /** Reports work done so far; prints at most every 200 ms. */
  tick(events: number, units?: number): void;
  /** Prints the final line (and a newline) when enabled. */
  done(events: number, units: number): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A progress line on stderr, or a silent one when `enabled` is false. */
export function createProgress(io: CliIo, label: string, enabled: boolean): Progress {
  if (!enabled) return { tick: () => {}, done: () => {} };
  const started = io.now().getTime();
  let last = -Infinity;
  const line = (events: number, units: number | undefined, now: number) => {
    const seconds = Math.max((now - started) / 1000, 0.001);
    return `${label}: ${fmt(events)} events, ${units === undefined ? '' : `${fmt(units)} units, `}${fmt(events / seconds)} events/s`;
  };
  return {
    tick(events, units) {
      const now = io.now().getTime();
      if (now - last < EVERY_MS) return;
      last = now;
      io.stderr(`\r${line(events, units, now)}`);
    },
    done(events, units) {
      io.stderr(`\r${line(events, units, io.now().getTime())}\n`);
    },
  };
}

/** True when a progress line is wanted: a terminal, no `--json`, and a large input file. */
export function wantsProgress(io: CliIo, path: string, json: boolean | undefined): boolean {
  if (!io.stderrIsTty || json) return false;
  try {
    return statSync(path).size >= LARGE_INPUT_BYTES;
  } catch {
    return false;
  }
}
