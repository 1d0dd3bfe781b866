/**
 * Writing an evidence bundle to a folder and verifying one (issue 5.3): every file's SHA-256
 * against the manifest, then a replay of the bundle's events under its policy snapshot, compared
 * byte for byte with what the folder holds. Differences are named by file, line and both texts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLedgerError } from '../errors.js';
import { parseJsonl } from '../events/jsonl.js';
import { parsePolicy } from '../policy/resolve.js';
import { BUNDLE_FILES, BUNDLE_FORMAT, bundleFrom, manifestMoments, type Bundle, type Manifest } from './bundle.js';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Writes each file of the bundle into `dir` (created if needed). */
export function writeBundle(dir: string, bundle: Bundle): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of bundle) writeFileSync(join(dir, name), text);
}

/** The outcome of a verification: `ok`, what was checked, and each difference found. */
export interface Verification {
  ok: boolean;
  checked: string[];
  problems: string[];
}

function read(dir: string, name: string): Buffer | undefined {
  try {
    return readFileSync(join(dir, name));
  } catch {
    return undefined;
  }
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

function parseManifest(bytes: Buffer | undefined): Manifest | string {
  if (!bytes) return 'manifest.json: missing';
  try {
    const m = JSON.parse(bytes.toString('utf8')) as Manifest;
    if (m.format !== BUNDLE_FORMAT || !Array.isArray(m.files) || typeof m.unitId !== 'string') return `manifest.json: not a ${BUNDLE_FORMAT} manifest`;
    return m;
  } catch (error) {
    return `manifest.json: invalid JSON: ${(error as Error).message}`;
  }
}

/** Verifies the bundle in `dir`: hashes, then a replay compared byte for byte with every file. */
export function verifyBundle(dir: string): Verification {
  const problems: string[] = [];
  const checked: string[] = [];
  const manifest = parseManifest(read(dir, 'manifest.json'));
  if (typeof manifest === 'string') return { ok: false, checked, problems: [manifest] };
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const name of BUNDLE_FILES) if (!listed.has(name)) problems.push(`manifest.json: does not list ${name}`);
  for (const f of manifest.files) {
    const bytes = read(dir, f.name);
    if (!bytes) problems.push(`${f.name}: missing`);
    else if (sha256(bytes) !== f.sha256) problems.push(`${f.name}: SHA-256 is ${sha256(bytes)}, the manifest says ${f.sha256}`);
    else checked.push(`${f.name}: SHA-256 matches the manifest`);
  }
  let replay: Bundle;
  try {
    const { events } = parseJsonl(read(dir, 'events.jsonl')?.toString('utf8') ?? '', { source: 'events.jsonl' });
    const policy = parsePolicy(JSON.parse(read(dir, 'policy.json')?.toString('utf8') ?? 'null'), 'policy.json');
    const { asOf, knownAt } = manifestMoments(manifest);
    replay = bundleFrom(manifest.unitId, events, policy, asOf, knownAt, sha256);
  } catch (error) {
    const why = isLedgerError(error) || error instanceof RangeError || error instanceof SyntaxError ? (error as Error).message : String(error);
    return { ok: false, checked, problems: [...problems, `the bundle cannot be replayed: ${why}`] };
  }
  for (const [name, expected] of replay) {
    const bytes = read(dir, name);
    if (!bytes) continue;
    if (bytes.equals(Buffer.from(expected, 'utf8'))) checked.push(`${name}: the replay gives the same bytes`);
    else problems.push(`${name}: the replay differs at ${firstDifference(expected, bytes.toString('utf8'))}`);
  }
  return { ok: problems.length === 0, checked, problems };
}
