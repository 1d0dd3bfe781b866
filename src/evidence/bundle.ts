/**
 * An evidence bundle's content (issue 5.3): the unit's events as JSONL, the policy snapshot, the
 * view, the explanation (text and JSON), a manifest with each file's SHA-256, and the manifest's
 * own SHA-256 in `manifest.sha256` (as `sha256sum` writes it: the one value to quote). Deterministic:
 * stable key order, no time of the run inside; the hash function is passed in by the edge.
 */
import type { UnitEvent } from '../events/envelope.js';
import { serializeEvent } from '../events/jsonl.js';
import type { Policy } from '../policy/schema.js';
import { createPolicyBook } from '../policy/resolve.js';
import { explainUnit } from '../projections/explain.js';
import { formatExplanation } from '../projections/explain-text.js';
import { overridePolicyBook } from '../projections/recompute.js';
import { groupByUnit } from '../projections/project.js';
import { selectUnit } from '../projections/explain-replay.js';
import { parseTimePoint, type TimePoint } from '../time/as-of.js';
import { formatDay } from '../time/calendar.js';
import { formatInstant } from '../time/instant.js';
import type { PolicyBook } from '../policy/resolve.js';
import { stableJson } from './stable-json.js';

export const BUNDLE_FORMAT = 'warranty-ledger-evidence/1';
/** The files of a bundle, in the order the manifest lists them. */
export const BUNDLE_FILES = ['events.jsonl', 'policy.json', 'view.json', 'explanation.txt', 'explanation.json'] as const;
/** The files beside them that the manifest does not list: itself, and its own SHA-256. */
export const MANIFEST_FILES = ['manifest.json', 'manifest.sha256'] as const;

export interface Manifest {
  format: string;
  unitId: string;
  asOf: string;
  knownAt: string | null;
  policy: { id: string; version: number };
  files: { name: string; bytes: number; sha256: string }[];
}

/** A bundle in memory: file name -> content, the manifest and its SHA-256 last. */
export type Bundle = Map<string, string>;

export type Sha256 = (text: string) => string;

export const timePointText = (p: TimePoint): string => (p.kind === 'date' ? formatDay(p.day) : formatInstant(p.ms));

/** What a bundle is built from: one unit's events, the policy it is judged under, and the moments. */
export interface BundleInput {
  unitId: string;
  events: readonly UnitEvent[];
  asOf: TimePoint;
  knownAt?: TimePoint | undefined;
  /** The book the unit's policy is resolved in (presets when absent). */
  policies?: PolicyBook | undefined;
}

/** Builds the bundle; throws RangeError when the unit has no kept event or no sale. */
export function buildBundle(input: BundleInput, sha256: Sha256): Bundle {
  const unitEvents = groupByUnit(input.events.filter((e) => e.unitId === input.unitId)).get(input.unitId) ?? [];
  const selection = selectUnit(unitEvents, { asOf: input.asOf, knownAt: input.knownAt, policies: input.policies });
  if (!selection) throw new RangeError(`no event of unit ${input.unitId} had occurred (and been recorded) by then`);
  if (!selection.policy) throw new RangeError(`unit ${input.unitId} has no sale: there is no policy to snapshot`);
  return bundleFrom(input.unitId, selection.kept.map((t) => t.event), selection.policy, input.asOf, input.knownAt, sha256);
}

/** The bundle of `kept` events judged under exactly `policy` (a replay uses this with the snapshot). */
export function bundleFrom(unitId: string, kept: readonly UnitEvent[], policy: Policy, asOf: TimePoint, knownAt: TimePoint | undefined, sha256: Sha256): Bundle {
  const policies = overridePolicyBook(createPolicyBook(), [policy]);
  const explanation = explainUnit(kept, unitId, { asOf, knownAt, policies });
  if (!explanation) throw new RangeError(`no event of unit ${unitId} had occurred (and been recorded) by then`);
  const files: [string, string][] = [
    ['events.jsonl', kept.map((e) => `${serializeEvent(e)}\n`).join('')],
    ['policy.json', stableJson(policy)],
    ['view.json', stableJson(explanation.view)],
    ['explanation.txt', formatExplanation(explanation)],
    ['explanation.json', stableJson(explanation)],
  ];
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    unitId,
    asOf: timePointText(asOf),
    knownAt: knownAt ? timePointText(knownAt) : null,
    policy: { id: policy.id, version: policy.version },
    files: files.map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text).length, sha256: sha256(text) })),
  };
  const manifestText = stableJson(manifest);
  return new Map([...files, ['manifest.json', manifestText], ['manifest.sha256', `${sha256(manifestText)}  manifest.json\n`]]);
}

/** Reads a manifest's moments back. */
export function manifestMoments(m: Manifest): { asOf: TimePoint; knownAt: TimePoint | undefined } {
  return { asOf: parseTimePoint(m.asOf, 'manifest.asOf'), knownAt: m.knownAt === null ? undefined : parseTimePoint(m.knownAt, 'manifest.knownAt') };
}
