/**
 * Writing an evidence bundle to a folder (optionally signed) and verifying one: only the plain
 * files a bundle holds are read, each against its SHA-256 in the manifest; the events' hash chain
 * and the manifest's source; a policy with a preset's name must be that preset; the manifest's
 * Ed25519 signature when a key is given; then a replay of the events under the policy snapshot,
 * compared byte for byte. Differences are named by file, line and both texts.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { isLedgerError } from '../errors.js';
import { canonicalJson } from '../events/canonical.js';
import type { UnitEvent } from '../events/envelope.js';
import { parseJsonl } from '../events/jsonl.js';
import { PRESETS } from '../policy/presets/index.js';
import { parsePolicy, presetPolicyBook } from '../policy/resolve.js';
import type { Policy } from '../policy/schema.js';
import { checkSignature, signBytes, type Signature } from '../signing/ed25519.js';
import { verifyStream } from '../store/chain-verify.js';
import { nodeSha256 } from '../node/sha256.js';
import {
  BUNDLE_FILES,
  BUNDLE_FORMATS,
  MANIFEST_FILES,
  bundleFilesOf,
  bundleFrom,
  explanationsOf,
  manifestMoments,
  provesSource,
  type Bundle,
  type BundleFormat,
  type Manifest,
} from './bundle.js';
import { readBundleFile, type BundleRead } from './read-files.js';
import { writeFilesSafely } from './write-files.js';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Writes the bundle into `dir`, all files or none (see write-files.ts): `dir` is created when
 * absent (its parent must exist); an existing non-empty folder is refused unless `force`, and even
 * then it may hold only a bundle's files. Throws OutputError naming the path and why.
 */
export function writeBundle(dir: string, bundle: Bundle, options: { force?: boolean; signKey?: KeyObject } = {}): void {
  const files = new Map(bundle);
  if (options.signKey)
    files.set('manifest.sig', `${JSON.stringify(signBytes(bundle.get('manifest.json')!, options.signKey))}\n`);
  writeFilesSafely(dir, files, { force: options.force, replaceable: [...BUNDLE_FILES, ...MANIFEST_FILES] });
}

/** The outcome of a verification: `ok`, what was checked, each difference found, and the manifest's SHA-256. */
export interface Verification {
  ok: boolean;
  checked: string[];
  problems: string[];
  /** The SHA-256 of manifest.json as found (absent when there is none). */
  manifestSha256?: string;
  /** The explanations an older format holds, checked by their hashes, not replayed (absent for the current format). */
  notReplayed?: readonly string[];
}

export interface VerifyBundleOptions {
  /** The public key the manifest must be signed with (manifest.sig); without it a signature is reported, not checked. */
  readonly verifyKey?: KeyObject;
}

/** Entries of the folder the bundle does not account for. */
function strayEntries(dir: string, manifest: Manifest): string[] {
  const known = new Set<string>([...manifest.files.map((f) => f.name), ...MANIFEST_FILES]);
  return readdirSync(dir)
    .sort()
    .filter((name) => !known.has(name))
    .map((name) => `${name}: not listed in the manifest (a bundle holds only the files it lists)`);
}

const clip = (s: string) => JSON.stringify(s.length > 120 ? `${s.slice(0, 117)}...` : s);

/** The first difference between two texts, as "line N: expected ..., found ...". */
export function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (a[i] === undefined) return `line ${i + 1}: unexpected extra line ${clip(b[i]!)}`;
    if (b[i] === undefined) return `line ${i + 1}: missing line ${clip(a[i]!)}`;
    return `line ${i + 1}: the replay gives ${clip(a[i]!)}, the file has ${clip(b[i]!)}`;
  }
  return 'the bytes differ (not valid UTF-8, or line endings)';
}

/** A manifest entry: a plain file name (no folder in it) and a hash. */
function isListedFile(f: unknown): boolean {
  const { name, sha256: hash } = (f ?? {}) as Record<string, unknown>;
  return typeof name === 'string' && typeof hash === 'string' && !/[\\/]/.test(name);
}

const MAX_MANIFEST_BYTES = 1024 * 1024;

function parseManifest(read: BundleRead): Manifest | string {
  if ('problem' in read) return read.problem;
  try {
    const m = JSON.parse(read.bytes.toString('utf8')) as Manifest;
    if (
      !(BUNDLE_FORMATS as readonly string[]).includes(m?.format) ||
      !Array.isArray(m.files) ||
      !m.files.every(isListedFile) ||
      typeof m.unitId !== 'string'
    )
      return `manifest.json: not a ${BUNDLE_FORMATS.at(-1)} manifest (nor of an earlier format)`;
    return m;
  } catch (error) {
    return `manifest.json: invalid JSON: ${(error as Error).message}`;
  }
}

/** The manifest's signature (manifest.sig), checked under `key` when one is given. */
function checkManifestSignature(
  dir: string,
  manifestBytes: Buffer,
  key: KeyObject | undefined,
  checked: string[],
  problems: string[],
): void {
  const read = readBundleFile(dir, 'manifest.sig', 4096);
  if ('problem' in read) {
    if (read.problem !== 'manifest.sig: missing') problems.push(read.problem);
    else if (key)
      problems.push('manifest.sig: missing: the bundle is not signed, and --verify-key asks for a signature');
    return;
  }
  let signature: Signature;
  try {
    signature = JSON.parse(read.bytes.toString('utf8')) as Signature;
    if (
      signature?.algorithm !== 'ed25519' ||
      typeof signature.keyId !== 'string' ||
      typeof signature.value !== 'string'
    )
      throw new Error('not an Ed25519 signature');
  } catch (error) {
    problems.push(`manifest.sig: ${(error as Error).message}`);
    return;
  }
  if (!key)
    return void checked.push(`manifest.sig: signed by key ${signature.keyId}, not checked (no verify key given)`);
  const problem = checkSignature(manifestBytes.toString('utf8'), signature, key);
  if (problem) problems.push(`manifest.sig: ${problem}`);
  else checked.push(`manifest.sig: a valid Ed25519 signature of manifest.json by key ${signature.keyId}`);
}

/** Formats 2 and 3: the events are the unit's stream from its first event; when sealed, every seal and link must hold, and the head must be the manifest's. */
function checkSource(manifest: Manifest, events: readonly UnitEvent[], checked: string[], problems: string[]): void {
  const sealedCount = events.filter((e) => e.hash !== undefined).length;
  if (!provesSource(manifest.format)) {
    if (sealedCount > 0)
      checked.push(
        `events.jsonl: a ${manifest.format} bundle holds the kept events in business order, so their chain cannot be checked; make the bundle again to prove its source`,
      );
    return;
  }
  const source = manifest.source;
  if (!source || source.events !== events.length)
    return void problems.push(
      `events.jsonl: ${events.length} events, the manifest's source says ${source?.events ?? 'nothing'}`,
    );
  if (sealedCount === 0 && !source.sealed)
    return void checked.push(
      'events.jsonl: no event carries a seal (the source was not a sealed store): the bundle proves only that it agrees with itself',
    );
  if (!source.sealed || sealedCount !== events.length)
    return void problems.push(
      `events.jsonl: ${sealedCount} of ${events.length} events are sealed, the manifest says ${source.sealed ? 'all' : 'none'}: in a sealed stream an unsealed event can only be an edit`,
    );
  const result = verifyStream({ streamId: manifest.unitId, events, locate: (i) => `line ${i + 1}` }, undefined, {
    hash: nodeSha256,
  });
  if (result.break)
    return void problems.push(
      `events.jsonl: the hash chain breaks at ${result.break.at} (event ${JSON.stringify(result.break.eventId)}): ${result.break.kind}: ${result.break.detail}`,
    );
  const head = events[events.length - 1]?.hash ?? null;
  if (head !== source.head)
    return void problems.push(`events.jsonl: the chain ends at ${head}, the manifest's source says ${source.head}`);
  checked.push(`events.jsonl: every seal holds and the chain runs from the stream's first event to its head ${head}`);
}

/** The library's preset with this policy's id and version, if there is one. */
function presetNamed(policy: Policy): Policy | undefined {
  return PRESETS.some((p) => p.id === policy.id)
    ? presetPolicyBook().all.find((p) => p.id === policy.id && p.version === policy.version)
    : undefined;
}

/** Why a policy may not be filed under its name: a preset's id and version with other terms (null when it may). */
export function presetImpostor(policy: Policy): string | null {
  const preset = presetNamed(policy);
  return preset && canonicalJson(preset) !== canonicalJson(policy)
    ? `has the id and version of the preset ${policy.id} v${policy.version} but other terms: a custom policy must carry its own id`
    : null;
}

/** A policy with a preset's id and version must be that preset, term for term; any other is named custom. */
function checkPolicyName(policy: Policy, checked: string[], problems: string[]): void {
  const impostor = presetImpostor(policy);
  if (impostor) return void problems.push(`policy.json: ${impostor}`);
  checked.push(
    presetNamed(policy)
      ? `policy.json: the preset ${policy.id} v${policy.version}, term for term`
      : `policy.json: a custom policy, ${policy.id} v${policy.version} (not one of the library's presets)`,
  );
}

/** Verifies the bundle in `dir`: safe reads, hashes, the events' chain, the policy's name, the signature, then a replay compared byte for byte. */
export function verifyBundle(dir: string, options: VerifyBundleOptions = {}): Verification {
  const problems: string[] = [];
  const checked: string[] = [];
  const manifestRead = readBundleFile(dir, 'manifest.json', MAX_MANIFEST_BYTES);
  const manifest = parseManifest(manifestRead);
  if (typeof manifest === 'string') return { ok: false, checked, problems: [manifest] };
  const manifestBytes = (manifestRead as { bytes: Buffer }).bytes;
  const manifestSha256 = sha256(manifestBytes);
  problems.push(...strayEntries(dir, manifest));
  const listed = new Set(manifest.files.map((f) => f.name));
  const format = manifest.format as BundleFormat;
  for (const name of bundleFilesOf(format))
    if (!listed.has(name)) problems.push(`manifest.json: does not list ${name}`);
  const files = new Map<string, Buffer>();
  for (const f of manifest.files) {
    if (!(bundleFilesOf(format) as readonly string[]).includes(f.name)) {
      problems.push(`${f.name}: not a file a bundle holds; not read`);
      continue;
    }
    const read = readBundleFile(dir, f.name);
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    // Kept even when its hash differs, so the replay can say where.
    files.set(f.name, read.bytes);
    if (sha256(read.bytes) !== f.sha256)
      problems.push(`${f.name}: SHA-256 is ${sha256(read.bytes)}, the manifest says ${f.sha256}`);
    else checked.push(`${f.name}: SHA-256 matches the manifest`);
  }
  checkManifestSignature(dir, manifestBytes, options.verifyKey, checked, problems);
  const text = (name: string) => files.get(name)?.toString('utf8');
  let replay: Bundle;
  try {
    const { events } = parseJsonl(text('events.jsonl') ?? '', { source: 'events.jsonl' });
    const policy = parsePolicy(JSON.parse(text('policy.json') ?? 'null'), 'policy.json');
    checkSource(manifest, events, checked, problems);
    checkPolicyName(policy, checked, problems);
    const { asOf, knownAt } = manifestMoments(manifest);
    replay = bundleFrom(manifest.unitId, events, policy, asOf, knownAt, sha256, format);
  } catch (error) {
    const why =
      isLedgerError(error) || error instanceof RangeError || error instanceof SyntaxError
        ? (error as Error).message
        : String(error);
    return { ok: false, checked, problems: [...problems, `the bundle cannot be replayed: ${why}`], manifestSha256 };
  }
  // An older format's explanations were written by an older renderer: their hashes were checked
  // against the manifest above, and the manifest against its own SHA-256 here; the events, the
  // policy and the view are still replayed byte for byte.
  const older = explanationsOf(format);
  if (older.length > 0) {
    for (const name of older)
      if (files.has(name))
        checked.push(
          `${name}: written by the renderer of ${format}; its SHA-256 matches the manifest, its text is not replayed by this version (make the bundle again for a replayed explanation)`,
        );
    const sum = bundleBytes(dir, 'manifest.sha256')?.toString('utf8');
    if (sum === `${manifestSha256}  manifest.json\n`) checked.push('manifest.sha256: the SHA-256 of manifest.json');
    else problems.push(`manifest.sha256: is not the SHA-256 of manifest.json (${manifestSha256})`);
  }
  const skip = new Set([...older, ...(older.length > 0 ? ['manifest.json', 'manifest.sha256'] : [])]);
  for (const [name, expected] of replay) {
    if (skip.has(name)) continue;
    const bytes =
      name === 'manifest.json' ? manifestBytes : name === 'manifest.sha256' ? bundleBytes(dir, name) : files.get(name);
    if (!bytes) continue;
    if (bytes.equals(Buffer.from(expected, 'utf8'))) checked.push(`${name}: the replay gives the same bytes`);
    else problems.push(`${name}: the replay differs at ${firstDifference(expected, bytes.toString('utf8'))}`);
  }
  return {
    ok: problems.length === 0,
    checked,
    problems,
    manifestSha256,
    ...(older.length > 0 ? { notReplayed: older.filter((name) => files.has(name)) } : {}),
  };
}

function bundleBytes(dir: string, name: string): Buffer | undefined {
  const read = readBundleFile(dir, name, 4096);
  return 'bytes' in read ? read.bytes : undefined;
}
