/**
 * Evidence bundles written by an earlier version still verify. Format 2 bundles (test/fixtures,
 * written by the build before the explanations named their zone and gained a Chinese file) are
 * checked by hash, chain and a byte-for-byte replay of their events, policy and view; their
 * explanations, which this renderer writes differently, by hash only, and said so. A change to any
 * file of them is still caught. New bundles are format 3.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/evidence/bundle.js';
import { verifyBundle, writeBundle } from '../../src/evidence/files.js';
import { parseJsonl } from '../../src/events/jsonl.js';
import { presetPolicyBook } from '../../src/policy/resolve.js';
import { parseTimePoint } from '../../src/time/as-of.js';

const fixtures = fileURLToPath(new URL('../fixtures/evidence-format-2/', import.meta.url));
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

function copyOf(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'wl-evidence-v2-')), name);
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

/** Rewrites a file and the manifest's entry for it, and the manifest's own SHA-256: a careful forger. */
function forge(dir: string, file: string, edit: (text: string) => string): void {
  const text = edit(readFileSync(join(dir, file), 'utf8'));
  writeFileSync(join(dir, file), text);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  for (const f of manifest.files)
    if (f.name === file) Object.assign(f, { sha256: sha(text), bytes: Buffer.byteLength(text) });
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(dir, 'manifest.json'), manifestText);
  writeFileSync(join(dir, 'manifest.sha256'), `${sha(manifestText)}  manifest.json\n`);
}

describe('evidence bundles of format 2', () => {
  it.each(['plain', 'sealed'])(
    '%s: verifies; events, policy and view replayed, the explanations checked by hash',
    (name) => {
      const result = verifyBundle(copyOf(name));
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.notReplayed).toEqual(['explanation.txt', 'explanation.json']);
      for (const file of ['events.jsonl', 'policy.json', 'view.json'])
        expect(result.checked).toContain(`${file}: the replay gives the same bytes`);
      expect(result.checked).toContain('manifest.sha256: the SHA-256 of manifest.json');
      if (name === 'sealed')
        expect(result.checked.some((c) => c.startsWith('events.jsonl: every seal holds and the chain runs'))).toBe(
          true,
        );
    },
  );

  it('catches an edited file, a forged view with its hashes redone, and an edited manifest', () => {
    const edited = copyOf('plain');
    writeFileSync(join(edited, 'explanation.txt'), 'nothing happened\n');
    expect(verifyBundle(edited).problems.some((p) => p.startsWith('explanation.txt: SHA-256 is'))).toBe(true);

    const forged = copyOf('plain');
    forge(forged, 'view.json', (t) => t.replace('"active"', '"expired"').replace('"returned"', '"expired"'));
    const result = verifyBundle(forged);
    expect(result.ok).toBe(false);
    expect(result.problems.some((p) => p.startsWith('view.json: the replay differs'))).toBe(true);

    const manifest = copyOf('sealed');
    const text = readFileSync(join(manifest, 'manifest.json'), 'utf8');
    writeFileSync(join(manifest, 'manifest.json'), text.replace('"asOf": "2025-09-30"', '"asOf": "2025-09-29"'));
    expect(verifyBundle(manifest).problems.some((p) => p.startsWith('manifest.sha256: is not the SHA-256'))).toBe(true);
  });

  it('a new bundle is format 3, with the Chinese explanation, and replays whole', () => {
    const { events } = parseJsonl(readFileSync(join(fixtures, 'sealed', 'events.jsonl'), 'utf8'));
    const dir = join(mkdtempSync(join(tmpdir(), 'wl-evidence-v3-')), 'b');
    const asOf = parseTimePoint('2025-09-30', '--as-of');
    writeBundle(
      dir,
      buildBundle({ events, unitId: 'U-1', asOf, knownAt: undefined, policies: presetPolicyBook() }, sha),
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe('warranty-ledger-evidence/3');
    expect(manifest.files.map((f: { name: string }) => f.name)).toContain('explanation.zh-CN.txt');
    const result = verifyBundle(dir);
    expect(result.problems).toEqual([]);
    expect(result.notReplayed).toBeUndefined();
    expect(result.checked).toContain('explanation.zh-CN.txt: the replay gives the same bytes');
  });
});
