/** The languages people read the ledger's outputs in, and how a command line picks one. */

/** English and Simplified Chinese; JSON output never depends on the language. */
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/** A `--lang` value or a locale name (`zh_CN.UTF-8`, `zh-Hans`, `en_US`) as a Lang, or undefined. */
export function parseLang(text: string | undefined): Lang | undefined {
  if (!text) return undefined;
  const name = text.split(/[.@]/)[0]!.replace('_', '-').toLowerCase();
  if (name === 'zh' || name.startsWith('zh-')) return 'zh-CN';
  if (name === 'en' || name.startsWith('en-') || name === 'c' || name === 'posix') return 'en';
  return undefined;
}

/**
 * The language a locale environment asks for, as the C library reads it (LC_ALL, then
 * LC_MESSAGES, then LANG; the first that is set decides); English when none names a known one.
 * @example langFromEnv({ LANG: 'zh_CN.UTF-8' }) // 'zh-CN'
 */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const set = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return parseLang(set) ?? 'en';
}
