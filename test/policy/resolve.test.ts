/** The policy in force on a sale day, chosen in one place for policy books and the override books of `diff`. */
import { describe, expect, it } from 'vitest';
import { createPolicyBook, overridePolicyBook, PRESETS, parsePolicy, type PolicyInput } from '../../src/index.js';
import { presetPolicyBook, versionInForce } from '../../src/policy/resolve.js';
import { parseDay } from '../../src/time/calendar.js';

const preset = PRESETS.find((p) => p.id === 'standard-1y')! as PolicyInput;
const v = (version: number, effectiveFrom?: string) =>
  parsePolicy({ ...preset, id: 'p', version, ...(effectiveFrom ? { effectiveFrom } : {}) });
const versions = [v(1), v(2, '2025-03-01'), v(3, '2025-06-01')];

describe('the version in force on a sale day', () => {
  it.each([
    ['2025-01-15', 1],
    ['2025-03-01', 2],
    ['2025-05-31', 2],
    ['2025-06-01', 3],
  ])('a sale on %s is judged under version %i, by a policy book and by an override book alike', (day, version) => {
    const saleDay = parseDay(day)!;
    expect(versionInForce(versions, saleDay).version).toBe(version);
    expect(createPolicyBook(versions).resolve('p', { saleDay }).version).toBe(version);
    expect(overridePolicyBook(createPolicyBook(), versions).resolve('p', { saleDay }).version).toBe(version);
  });

  it('without a sale day, the highest version', () => {
    expect(versionInForce(versions, undefined).version).toBe(3);
  });

  it('the preset book is built once and shared', () => {
    expect(presetPolicyBook()).toBe(presetPolicyBook());
    expect(presetPolicyBook().all.map((p) => p.id)).toEqual(createPolicyBook().all.map((p) => p.id));
  });
});
