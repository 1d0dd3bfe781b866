/** The message catalogues: every key in both languages, of the same kind; the language a locale picks. */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { langFromEnv, parseLang } from '../../src/i18n/lang.js';
import { MESSAGE_KEYS, messages } from '../../src/i18n/messages.js';
import { zhCN } from '../../src/i18n/zh-CN.js';
import { RULES } from '../../src/rules/registry.js';

describe('message catalogues', () => {
  it('have the same keys, each a text in both or a function in both, and no empty text', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const key of MESSAGE_KEYS) {
      expect(typeof zhCN[key], key).toBe(typeof en[key]);
      for (const catalogue of [en, zhCN]) {
        const value = catalogue[key] as unknown;
        if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
      }
    }
    expect(messages('zh-CN')['lang.name']).toBe('简体中文');
  });

  it('has every Chinese text written in Chinese, none left as the English one', () => {
    for (const key of MESSAGE_KEYS) {
      const [english, chinese] = [en[key] as unknown, zhCN[key] as unknown];
      if (typeof chinese !== 'string') continue;
      expect(chinese, key).not.toBe(english);
      expect(chinese, key).toMatch(/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/);
    }
  });

  it('gives each rule the reason the registry gives it, in English', () => {
    for (const [rule, entry] of Object.entries(RULES))
      expect(en[`rule.${rule}` as keyof typeof en], rule).toBe(entry.reason);
  });

  it('picks the language as the C library does: LC_ALL, then LC_MESSAGES, then LANG; English otherwise', () => {
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: '', LC_MESSAGES: 'zh_TW', LANG: 'en_GB' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
    expect([parseLang('zh-CN'), parseLang('en'), parseLang('C'), parseLang('de'), parseLang(undefined)]).toEqual([
      'zh-CN',
      'en',
      'en',
      undefined,
      undefined,
    ]);
  });
});
