/** Flag parsing for every command, on node:util's parseArgs: unknown flags are usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LANGS, langFromEnv, type Lang } from '../i18n/lang.js';
import { UsageError, type CliIo } from './io.js';
import { didYouMean } from './suggest.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** The time and policy flags every history-reading command takes. */
export const HISTORY_OPTIONS = {
  'as-of': { type: 'string' },
  'known-at': { type: 'string' },
  policy: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  /** Read history from a store instead of FILE.jsonl: file:PATH or esdb://… */
  store: { type: 'string' },
  /** Read a store without checking its hash chains first (said on stderr). */
  'no-verify': { type: 'boolean' },
  /** The language of human output (`en`, `zh-CN`); JSON never changes with it. */
  lang: { type: 'string' },
} as const satisfies Options;

/**
 * The language a command writes for people: `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG),
 * else English. An unknown `--lang` is a usage error.
 */
export function langOf(flag: string | undefined, io: CliIo): Lang {
  if (flag === undefined) return langFromEnv(io.env ?? {});
  const lang = LANGS.find((l) => l.toLowerCase() === flag.toLowerCase());
  if (!lang) throw new UsageError(`--lang: expected ${LANGS.join(' or ')}, got ${JSON.stringify(flag)}`);
  return lang;
}

export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const unknown = /^Unknown option '(-[^']*)'/.exec((error as Error).message)?.[1];
    // Node's own advice (a positional starting with '-' goes after '--') is rarely what was meant.
    const message =
      unknown === undefined
        ? (error as Error).message
        : `unknown flag ${unknown}${didYouMean(
            unknown,
            Object.keys(options).map((k) => `--${k}`),
          )}`;
    throw new UsageError(`${message}\nusage: ${usage}\n(warranty-ledger help COMMAND says more)`);
  }
}
