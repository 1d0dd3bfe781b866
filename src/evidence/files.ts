/**
 * Writing an evidence bundle to a folder and verifying one (issue 5.3): every file's SHA-256
 * against the manifest, then a replay of the bundle's events under its policy snapshot, compared
 * byte for byte with what the folder holds. Differences are named by file, line and both texts.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLedgerError } from '../errors.js';
import { parseJsonl } from '../events/jsonl.js';
import { parsePolicy } from '../policy/resolve.js';
import { BUNDLE_FILES, BUNDLE_FORMAT, MANIFEST_FILES, bundleFrom, manifestMoments, type Bundle, type Manifest } from './bundle.js';
import { writeFilesSafely } from './write-files.js';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Writes the bundle into `dir`, all files or none (see write-files.ts): `dir` is created when
 * absent (its parent must exist); an existing non-empty folder is refused unless `force`, and even
 * then it may hold only a bundle's files. Throws OutputError naming the path and why.
 */
export function writeBundle(dir: string, bundle: Bundle, options: { force?: boolean } = {}): void {
  writeFilesSafely(dir, bundle, { force: options.force, replaceable: [...BUNDLE_FILES, ...MANIFEST_FILES] });
}

/** The outcome of a verification: `ok`, what was checked, each difference found, and the manifest's SHA-256. */
export interface Verification {
  ok: boolean;
  checked: string[];
  problems: string[];
  /** The SHA-256 of manifest.json as found (absent when there is none). */
  manifestSha256?: string;
}

/** Entries of the folder the bundle does not account for, and listed files that are not plain files. */
function strayEntries(dir: string, manifest: Manifest): string[] {
  const known = new Set<string>([...manifest.files.map((f) => f.name), ...MANIFEST_FILES]);
  const problems: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!known.has(name)) problems.push(`${name}: not listed in the manifest (a bundle holds only the files it lists)`);
    else if (!lstatSync(join(dir, name)).isFile()) problems.push(`${name}: not a plain file (a link or a folder)`);
  }
  return problems;
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

/** A manifest entry: a plain file name (no folder in it) and a hash. */
function isListedFile(f: unknown): boolean {
  const { name, sha256: hash } = (f ?? {}) as Record<string, unknown>;
  return typeof name === 'string' && typeof hash === 'string' && !/[\\/]/.test(name);
}

function parseManifest(bytes: Buffer | undefined): Manifest | string {
  if (!bytes) return 'manifest.json: missing';
  try {
    const m = JSON.parse(bytes.toString('utf8')) as Manifest;
    if (m?.format !== BUNDLE_FORMAT || !Array.isArray(m.files) || !m.files.every(isListedFile) || typeof m.unitId !== 'string') return `manifest.json: not a ${BUNDLE_FORMAT} manifest`;
    return m;
  } catch (error) {
    return `manifest.json: invalid JSON: ${(error as Error).message}`;
  }
}

/** Verifies the bundle in `dir`: hashes, then a replay compared byte for byte with every file. */
export function verifyBundle(dir: string): Verification {
  const problems: string[] = [];
  const checked: string[] = [];
  const manifestBytes = read(dir, 'manifest.json');
  const manifest = parseManifest(manifestBytes);
  if (typeof manifest === 'string') return { ok: false, checked, problems: [manifest] };
  const manifestSha256 = sha256(manifestBytes!);
  problems.push(...strayEntries(dir, manifest));
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
    return { ok: false, checked, problems: [...problems, `the bundle cannot be replayed: ${why}`], manifestSha256 };
  }
  for (const [name, expected] of replay) {
    const bytes = read(dir, name);
    if (!bytes) continue;
    if (bytes.equals(Buffer.from(expected, 'utf8'))) checked.push(`${name}: the replay gives the same bytes`);
    else problems.push(`${name}: the replay differs at ${firstDifference(expected, bytes.toString('utf8'))}`);
  }
  return { ok: problems.length === 0, checked, problems, manifestSha256 };
}
