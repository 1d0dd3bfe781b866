/** The catalogue of a language: `messages(lang)['some.key']`. */
import { en, type Catalogue } from './en.js';
import type { Lang } from './lang.js';
import { zhCN } from './zh-CN.js';

const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { en, 'zh-CN': zhCN };

export function messages(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

/** Every key of the catalogues (the English one's), for tests that check nothing is missing. */
export const MESSAGE_KEYS = Object.keys(en) as (keyof Catalogue)[];
