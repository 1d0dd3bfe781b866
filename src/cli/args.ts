/** Flag parsing for every command, on node:util's parseArgs: unknown flags are usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** The time and policy flags every history-reading command takes. */
export const HISTORY_OPTIONS = {
  'as-of': { type: 'string' },
  'known-at': { type: 'string' },
  policy: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  /** Read history from a store instead of FILE.jsonl: file:PATH or esdb://… */
  store: { type: 'string' },
} as const satisfies Options;

export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: ${usage}`);
  }
}
