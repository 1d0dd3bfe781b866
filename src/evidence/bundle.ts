/**
 * An evidence bundle's content: the unit's events as JSONL, the policy snapshot, the view, the
 * explanation (text and JSON), a manifest with each file's SHA-256, and the manifest's own SHA-256
 * in `manifest.sha256` (as `sha256sum` writes it: the one value to quote). Deterministic: stable key
 * order, no time of the run inside; the hash function is passed in by the edge.
 *
 * Format 2 holds the unit's stream as known at the known-at moment, in stream order (every event
 * recorded by then, those after the as-of moment included), so that its hash chain can be checked
 * from the first event; the manifest's `source` names how many events, whether they are sealed, and
 * the chain's head, which a store or an anchor can be compared with. Format 1 bundles (the events
 * kept by the as-of moment, in business order) are still verified as they were written.
 */
import type { UnitEvent } from '../events/envelope.js';
import { serializeEvent } from '../events/jsonl.js';
import type { Policy } from '../policy/schema.js';
import { presetPolicyBook } from '../policy/resolve.js';
import { explainUnit } from '../projections/explain.js';
import { formatExplanation } from '../projections/explain-text.js';
import { messages } from '../i18n/messages.js';
import { overridePolicyBook } from '../projections/recompute.js';
import { groupByUnit } from '../projections/project.js';
import { selectUnit } from '../projections/select-unit.js';
import { isBefore, parseTimePoint, type TimePoint } from '../time/as-of.js';
import { formatDay } from '../time/calendar.js';
import { formatInstant } from '../time/instant.js';
import type { PolicyBook } from '../policy/resolve.js';
import { stableJson } from './stable-json.js';

export const BUNDLE_FORMAT = 'warranty-ledger-evidence/3';
export const BUNDLE_FORMATS = ['warranty-ledger-evidence/1', 'warranty-ledger-evidence/2', BUNDLE_FORMAT] as const;
export type BundleFormat = (typeof BUNDLE_FORMATS)[number];
/** The files of a bundle, in the order the manifest lists them. */
export const BUNDLE_FILES = [
  'events.jsonl',
  'policy.json',
  'view.json',
  'explanation.txt',
  'explanation.zh-CN.txt',
  'explanation.json',
] as const;

/** The files a bundle of `format` holds: formats 1 and 2 had no Chinese explanation. */
export function bundleFilesOf(format: BundleFormat): readonly (typeof BUNDLE_FILES)[number][] {
  return format === BUNDLE_FORMAT ? BUNDLE_FILES : BUNDLE_FILES.filter((f) => f !== 'explanation.zh-CN.txt');
}

/** Whether a bundle of `format` holds the unit's stream as known (2 and 3) rather than the kept events (1). */
export const provesSource = (format: string): boolean => format !== 'warranty-ledger-evidence/1';

/**
 * The files this version's renderer writes differently from a bundle of `format`: the explanations
 * of formats 1 and 2 (UTC times, no Chinese file). A replay checks them by their hashes only.
 */
export function explanationsOf(format: BundleFormat): readonly string[] {
  return format === BUNDLE_FORMAT ? [] : ['explanation.txt', 'explanation.json'];
}
/** The files beside them that the manifest does not list: itself, its own SHA-256 and its optional signature. */
export const MANIFEST_FILES = ['manifest.json', 'manifest.sha256', 'manifest.sig'] as const;

/** Where a format 2 or 3 bundle's events come from: the unit's stream up to its known-at moment. */
export interface BundleSource {
  events: number;
  /** True when every event carries its hash-chain seal. */
  sealed: boolean;
  /** The chain's head (the last event's hash), null when unsealed. */
  head: string | null;
}

export interface Manifest {
  format: string;
  unitId: string;
  asOf: string;
  knownAt: string | null;
  policy: { id: string; version: number };
  /** Formats 2 and 3. */
  source?: BundleSource;
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
  const knownAt = selection.knownAt;
  const stream = unitEvents.filter((t) => !knownAt || isBefore(t.recordedMs, knownAt)).map((t) => t.event);
  return bundleFrom(input.unitId, stream, selection.policy, input.asOf, input.knownAt, sha256);
}

/** A format 2 source: the events' count, whether all are sealed, and the last one's hash. */
function sourceOf(events: readonly UnitEvent[]): BundleSource {
  const sealed = events.length > 0 && events.every((e) => e.hash !== undefined);
  return { events: events.length, sealed, head: sealed ? events[events.length - 1]!.hash! : null };
}

/**
 * The bundle of `events` judged under exactly `policy` (a replay uses this with the snapshot):
 * formats 2 and 3 take the unit's stream and keep it as given; format 1 took the kept events.
 */
export function bundleFrom(
  unitId: string,
  events: readonly UnitEvent[],
  policy: Policy,
  asOf: TimePoint,
  knownAt: TimePoint | undefined,
  sha256: Sha256,
  format: BundleFormat = BUNDLE_FORMAT,
): Bundle {
  const policies = overridePolicyBook(presetPolicyBook(), [policy]);
  const explanation = explainUnit(events, unitId, { asOf, knownAt, policies });
  if (!explanation) throw new RangeError(`no event of unit ${unitId} had occurred (and been recorded) by then`);
  const content: Record<(typeof BUNDLE_FILES)[number], () => string> = {
    'events.jsonl': () => events.map((e) => `${serializeEvent(e)}\n`).join(''),
    'policy.json': () => stableJson(policy),
    'view.json': () => stableJson(explanation.view),
    'explanation.txt': () => formatExplanation(explanation),
    // The same explanation for Chinese readers, replayed and checked like every other file.
    'explanation.zh-CN.txt': () =>
      formatExplanation(explainUnit(events, unitId, { asOf, knownAt, policies }, 'zh-CN')!, messages('zh-CN')),
    'explanation.json': () => stableJson(explanation),
  };
  const files: [string, string][] = bundleFilesOf(format).map((name) => [name, content[name]()]);
  const manifest: Manifest = {
    format,
    unitId,
    asOf: timePointText(asOf),
    knownAt: knownAt ? timePointText(knownAt) : null,
    policy: { id: policy.id, version: policy.version },
    ...(provesSource(format) ? { source: sourceOf(events) } : {}),
    files: files.map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text).length, sha256: sha256(text) })),
  };
  const manifestText = stableJson(manifest);
  return new Map([
    ...files,
    ['manifest.json', manifestText],
    ['manifest.sha256', `${sha256(manifestText)}  manifest.json\n`],
  ]);
}

/** Reads a manifest's moments back. */
export function manifestMoments(m: Manifest): { asOf: TimePoint; knownAt: TimePoint | undefined } {
  return {
    asOf: parseTimePoint(m.asOf, 'manifest.asOf'),
    knownAt: m.knownAt === null ? undefined : parseTimePoint(m.knownAt, 'manifest.knownAt'),
  };
}
