/** Finding the policy a unit is judged under: presets plus the caller's policies, by id and version. */
import { InputError, UnknownPolicyError } from '../errors.js';
import { deepFreeze } from '../events/deep-freeze.js';
import { inputErrorFrom } from '../events/issues.js';
import { unsafeValuePath } from '../events/proto-key.js';
import { parseDay, type Day } from '../time/calendar.js';
import { PRESETS } from './presets/index.js';
import { Policy, type PolicyInput } from './schema.js';

/** The policies a ledger knows, by id and version. */
export interface PolicyBook {
  /** Every policy, highest version last within an id. */
  readonly all: readonly Policy[];
  /**
   * The policy for `id`: the given `version`, else the highest version in force on `saleDay`
   * (its `effectiveFrom` on or before it), else the highest version. Throws UnknownPolicyError.
   */
  resolve(id: string, options?: { version?: number | undefined; saleDay?: Day | undefined }): Policy;
  has(id: string): boolean;
}

/** Validates one policy, throwing InputError naming the field. */
export function parsePolicy(value: unknown, source?: string, prefix = ''): Policy {
  const unsafe = unsafeValuePath(value);
  if (unsafe) throw new InputError(undefined, [prefix, unsafe.field].filter(Boolean).join('.'), unsafe.reason, source);
  const parsed = Policy.safeParse(value);
  if (!parsed.success) throw inputErrorFrom(parsed.error, value, undefined, prefix, source);
  return deepFreeze(parsed.data);
}

/** Validates a policy file's content: one policy or a list of them. */
export function parsePolicies(value: unknown, source?: string): Policy[] {
  if (Array.isArray(value)) return value.map((v, i) => parsePolicy(v, source, String(i)));
  if (value === null || typeof value !== 'object')
    throw new InputError(undefined, '', 'expected a policy object or a list of policies', source);
  return [parsePolicy(value, source)];
}

const presetPolicies: readonly Policy[] = PRESETS.map((p) => parsePolicy(p as PolicyInput, `preset ${p.id}`));

/** A policy book holding the presets, with `policies` added or overriding by id and version. */
export function createPolicyBook(policies: readonly Policy[] = []): PolicyBook {
  const byKey = new Map<string, Policy>();
  for (const p of [...presetPolicies, ...policies]) byKey.set(`${p.id}\u0000${p.version}`, p);
  const all = [...byKey.values()].sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1));
  const byId = new Map<string, Policy[]>();
  for (const p of all) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  return {
    all,
    has: (id) => byId.has(id),
    resolve(id, options = {}) {
      const versions = byId.get(id);
      if (!versions) throw new UnknownPolicyError(id);
      if (options.version !== undefined) {
        const exact = versions.find((p) => p.version === options.version);
        if (!exact) throw new UnknownPolicyError(id, options.version);
        return exact;
      }
      return versionInForce(versions, options.saleDay);
    },
  };
}

/**
 * Among one policy's versions (in version order), the highest in force on `saleDay` (its
 * `effectiveFrom` on or before it), else the highest.
 */
export function versionInForce(versions: readonly Policy[], saleDay: Day | undefined): Policy {
  if (saleDay !== undefined) {
    for (let i = versions.length - 1; i >= 0; i--) {
      const from = versions[i]!.effectiveFrom;
      if (from === undefined || parseDay(from)! <= saleDay) return versions[i]!;
    }
  }
  return versions[versions.length - 1]!;
}

let presetBook: PolicyBook | undefined;

/** The presets alone, as one shared book (built on first use). */
export function presetPolicyBook(): PolicyBook {
  return (presetBook ??= createPolicyBook());
}
