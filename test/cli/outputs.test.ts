/**
 * Evidence and verify that cannot mislead, and outputs written safely:
 * `verify` on a history with nothing sealed says so (and fails with --require-sealed); an anchor
 * that cannot be written leaves no file and no "verified"; `evidence --out` refuses a non-empty
 * folder unless --force, prints the manifest's SHA-256 and writes it beside the bundle; --verify
 * fails on a file the manifest does not list; writeFilesSafely leaves nothing behind on failure.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/evidence/files.js';
import { OutputError, writeFileSafely, writeFilesSafely } from '../../src/evidence/write-files.js';
import { withHashChain, type UnitEvent } from '../../src/index.js';
import { openFileStore } from '../../src/node.js';
import { cli, scenarioFile } from '../tools/support.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'wl-outputs-'));
const at = '2025-01-01T00:00:00Z';
const visit = (n: number): UnitEvent => ({
  id: `v-${n}`,
  type: 'MaintenanceVisited',
  unitId: 'U-v',
  occurredAt: at,
  recordedAt: at,
  data: { kind: 'periodic' },
});

describe('verify says plainly when nothing is sealed', () => {
  it('an unsealed history is NOTHING SEALED, never "verified"; --require-sealed makes it exit 1', async () => {
    const file = scenarioFile('02-three-failed-repairs');
    const plain = await cli(['verify', file]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^NOTHING SEALED in .*: 1 stream, 12 events; none carries a seal/);
    expect(plain.stdout).not.toContain('verified');
    const strict = await cli(['verify', file, '--require-sealed']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('NOT VERIFIED');
    expect(strict.stdout).toContain('nothing is sealed');
  });

  it('an empty file has nothing to verify', async () => {
    const file = join(tmp(), 'empty.jsonl');
    writeFileSync(file, '');
    expect((await cli(['verify', file])).stdout).toContain('NOTHING SEALED');
    expect((await cli(['verify', file, '--require-sealed'])).code).toBe(1);
  });

  it('a sealed store still verifies, and the anchor is written before "verified" is printed', async () => {
    const dir = tmp();
    const path = join(dir, 'ledger.jsonl');
    const store = withHashChain(await openFileStore(path));
    await store.append('U-v', [visit(1), visit(2)]);
    await store.close();
    const anchor = join(dir, 'anchor.json');
    const ok = await cli(['verify', path, '--write-anchor', anchor]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^verified .*: 1 stream, 2 events, every chain intact; 2 sealed\nwrote .*anchor\.json: an anchor of 1 stream and 2 events, root [0-9a-f]{64}\n$/,
    );
    expect(JSON.parse(readFileSync(anchor, 'utf8'))).toMatchObject({ streams: 1, events: 2 });
    const failed = await cli(['verify', path, '--write-anchor', join(dir, 'missing', 'anchor.json')]);
    expect(failed).toEqual({
      code: 1,
      stdout: '',
      stderr: `cannot write ${join(dir, 'missing', 'anchor.json')}: its folder ${join(dir, 'missing')} does not exist\n`,
    });
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['anchor.json', 'ledger.jsonl']);
  });
});

describe('evidence --out and --verify', () => {
  const file = scenarioFile('02-three-failed-repairs');
  const make = (out: string, ...extra: string[]) =>
    cli(['evidence', file, '--unit', 'U-1', '--as-of', '2025-06-30', '--out', out, ...extra]);

  it("prints the manifest's SHA-256 and writes it beside the bundle as manifest.sha256", async () => {
    const out = join(tmp(), 'bundle');
    const r = await make(out);
    expect(r.code).toBe(0);
    const hash = sha256(readFileSync(join(out, 'manifest.json')));
    expect(r.stdout).toContain(`manifest.json SHA-256 ${hash}`);
    expect(readFileSync(join(out, 'manifest.sha256'), 'utf8')).toBe(`${hash}  manifest.json\n`);
    expect((await cli(['evidence', '--verify', out])).stdout).toContain(`(manifest.json SHA-256 ${hash})`);
  });

  it('refuses an existing non-empty folder, leaving it as it was; --force replaces a bundle, and only a bundle', async () => {
    const out = join(tmp(), 'bundle');
    expect((await make(out)).code).toBe(0);
    const before = readFileSync(join(out, 'view.json'));
    writeFileSync(join(out, 'view.json'), 'edited by hand\n');
    const refused = await make(out);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/the folder is not empty .*pass --force/);
    expect(readFileSync(join(out, 'view.json'), 'utf8')).toBe('edited by hand\n');
    const forced = await make(out, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(join(out, 'view.json')).equals(before)).toBe(true);
    expect((await cli(['evidence', '--verify', out])).code).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    const foreign = await make(out, '--force');
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('notes.txt');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('an empty existing folder is used; a file or a missing parent is refused with one line', async () => {
    const dir = tmp();
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect((await make(empty)).code).toBe(0);
    writeFileSync(join(dir, 'a-file'), '');
    expect((await make(join(dir, 'a-file'))).stderr).toBe(
      `cannot write ${join(dir, 'a-file')}: it is a file, not a folder\n`,
    );
    expect((await make(join(dir, 'no', 'bundle'))).stderr).toBe(
      `cannot write ${join(dir, 'no', 'bundle')}: its parent folder ${join(dir, 'no')} does not exist\n`,
    );
  });

  it('--verify fails on a file the manifest does not list, and on a listed file that is a link', async () => {
    const out = join(tmp(), 'bundle');
    expect((await make(out)).code).toBe(0);
    writeFileSync(join(out, 'extra.txt'), 'slipped in\n');
    const extra = await cli(['evidence', '--verify', out]);
    expect(extra.code).toBe(1);
    expect(extra.stdout).toContain('NOT VERIFIED');
    expect(extra.stdout).toContain('extra.txt: not listed in the manifest');
    const linked = join(tmp(), 'bundle');
    expect((await make(linked)).code).toBe(0);
    const copy = join(linked, '..', 'view-copy.json');
    writeFileSync(copy, readFileSync(join(linked, 'view.json')));
    rmSync(join(linked, 'view.json'));
    symlinkSync(copy, join(linked, 'view.json'));
    const link = await cli(['evidence', '--verify', linked]);
    expect(link.code).toBe(1);
    expect(link.stdout).toContain('view.json: not a plain file');
  });
});

describe('writeFileSafely and writeFilesSafely', () => {
  it('replaces a file through a temporary, and never writes through a symlink', () => {
    const dir = tmp();
    const path = join(dir, 'page.html');
    writeFileSync(path, 'old');
    writeFileSafely(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    writeFileSync(join(dir, 'target'), 'precious');
    symlinkSync(join(dir, 'target'), join(dir, 'link'));
    expect(() => writeFileSafely(join(dir, 'link'), 'x')).toThrow(OutputError);
    expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('precious');
    expect(readdirSync(dir).sort()).toEqual(['link', 'page.html', 'target']);
  });

  it('all files or none: a failure on a later file removes the temporaries and the folder it made', () => {
    const dir = join(tmp(), 'bundle');
    // The second name cannot be created (its folder does not exist), after the first was written.
    const files = new Map([
      ['a.txt', 'a'],
      ['no-such-folder/b.txt', 'b'],
    ]);
    expect(() => writeFilesSafely(dir, files)).toThrow(OutputError);
    expect(existsSync(dir)).toBe(false);
    const kept = tmp();
    writeFileSync(join(kept, 'a.txt'), 'old a');
    expect(() => writeFilesSafely(kept, files, { force: true, replaceable: ['a.txt'] })).toThrow(OutputError);
    expect(readdirSync(kept)).toEqual(['a.txt']);
    expect(readFileSync(join(kept, 'a.txt'), 'utf8')).toBe('old a');
  });
});
