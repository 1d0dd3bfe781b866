/**
 * Chains checked on every read of a store (issue: history an auditor can trust, findings 3 and 4):
 * a tampered store, a stripped seal or a copied line makes every history-reading command refuse with
 * the first break named; --no-verify reads anyway and says so; verify --store treats an unsealed
 * event as a break.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { standardWithThreshold } from '../tools/support.js';

const scenario = join(__dirname, '..', 'scenarios', '02-three-failed-repairs', 'events.jsonl');

const cli = (argv: string[]) => runCli(argv, '2026-01-01T00:00:00Z');

/** Scenario 02 imported into a fresh file store; `edit` then changes the store file's lines. */
async function store(edit: (lines: string[]) => string[]): Promise<{ path: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'wl-readverify-'));
  const path = join(dir, 'ledger.jsonl');
  expect((await cli(['import', scenario, '--store', `file:${path}`])).code).toBe(0);
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  writeFileSync(path, `${edit(lines).join('\n')}\n`);
  writeFileSync(join(dir, 'threshold-2.json'), JSON.stringify(standardWithThreshold(2)));
  return { path, dir };
}

const failedToFixed = (lines: string[]) => {
  const i = lines.findIndex((l) => l.includes('"RepairCompleted"') && l.includes('"failed"'));
  return lines.map((l, j) => (j === i ? l.replace('"failed"', '"fixed"') : l));
};

const commands = (spec: string, dir: string): string[][] => [
  ['state', '--store', spec, '--as-of', '2025-06-30'],
  ['explain', '--store', spec, '--unit', 'U-1', '--as-of', '2025-06-30'],
  ['report', '--store', spec, '--unit', 'U-1', '--as-of', '2025-06-30', '--out', join(dir, 'page.html')],
  ['evidence', '--store', spec, '--unit', 'U-1', '--as-of', '2025-06-30', '--out', join(dir, 'bundle')],
  ['fleet', '--store', spec, '--as-of', '2025-06-30'],
  ['care', '--store', spec, '--as-of', '2025-06-30'],
  ['diff', '--store', spec, '--policy', join(dir, 'threshold-2.json'), '--as-of', '2025-06-30'],
];

describe('every read of a store checks its chains', () => {
  it('a failed repair turned fixed (seals kept) is refused by every history command, naming the break', async () => {
    const { path, dir } = await store(failedToFixed);
    for (const argv of commands(`file:${path}`, dir)) {
      const result = await cli(argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.stdout, argv.join(' ')).toBe('');
      expect(result.stderr, argv.join(' ')).toMatch(
        /the hash chain of U-1 breaks at line \d+, revision \d+ \(event "e02-\d+"\): changed: its content no longer gives its hash; `warranty-ledger verify --store file:.*` names every break, --no-verify reads it anyway/,
      );
    }
  });

  it('--no-verify reads it anyway, saying so on stderr', async () => {
    const { path } = await store(failedToFixed);
    const result = await cli(['state', '--store', `file:${path}`, '--as-of', '2025-06-30', '--no-verify', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`${path}: read without checking its hash chains (--no-verify)\n`);
    expect(Object.keys(JSON.parse(result.stdout).units)).toContain('U-1');
  });

  it('stripped seals are a break on reads and for verify --store (an edit hidden behind them)', async () => {
    const strip = (l: string) => JSON.stringify({ ...JSON.parse(l), prevHash: undefined, hash: undefined });
    const { path } = await store((lines) =>
      failedToFixed(lines).map((l) => (l.includes('"unitId":"U-1"') ? strip(l) : l)),
    );
    expect(readFileSync(path, 'utf8')).not.toMatch(/"unitId":"U-1".*"hash"/);
    const state = await cli(['state', '--store', `file:${path}`]);
    expect(state.code).toBe(1);
    expect(state.stderr).toContain(
      'the hash chain of U-1 breaks at line 1, revision 0 (event "e02-1"): unsealed: it carries no seal',
    );
    const verify = await cli(['verify', '--store', `file:${path}`]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('U-1: line 1, revision 0, event "e02-1": unsealed');
  });

  it('a copied line is a break', async () => {
    const { path } = await store((lines) => [...lines, lines[2]!]);
    const result = await cli(['state', '--store', `file:${path}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the hash chain of U-1 breaks at line \d+, revision \d+ \(event "e02-3"\): inserted/);
  });

  it('an intact store gives every command what the file gives (one unit read from the index for explain and report)', async () => {
    const { path, dir } = await store((lines) => lines);
    // evidence is left out: a bundle from a store holds its sealed events, one from a file the file's.
    for (const argv of commands(`file:${path}`, dir).filter((a) => a[0] !== 'evidence')) {
      const fromStore = await cli(argv);
      const fromFile = await cli(
        argv
          .map((a, i) => (argv[i - 1] === '--store' ? scenario : a === '--store' ? '' : a))
          .filter((a) => a !== '')
          .map((a) => a.replace(/page\.html$/, 'page-file.html')),
      );
      expect(fromStore.code, argv.join(' ')).toBe(0);
      expect(fromStore.stderr, argv.join(' ')).toBe('');
      expect(fromStore.stdout.replaceAll('page-file', 'page'), argv.join(' ')).toBe(
        fromFile.stdout.replaceAll('page-file', 'page'),
      );
    }
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toBe(readFileSync(join(dir, 'page-file.html'), 'utf8'));
  });

  it('an intact store reads as before', async () => {
    const { path } = await store((lines) => lines);
    const fromStore = await cli(['state', '--store', `file:${path}`, '--as-of', '2025-06-30', '--json']);
    const fromFile = await cli(['state', scenario, '--as-of', '2025-06-30', '--json']);
    expect(fromStore.code).toBe(0);
    expect(fromStore.stderr).toBe('');
    expect(fromStore.stdout).toBe(fromFile.stdout);
  });
});

describe('verify FILE reads within the line limit', () => {
  it('a line past the limit is refused while it is read, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-readverify-'));
    const path = join(dir, 'long.jsonl');
    writeFileSync(path, `${readFileSync(scenario, 'utf8')}{"id":"${'x'.repeat(5_000_000)}`);
    const result = await cli(['verify', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('line 13: line longer than 1000000 characters\n');
  });
});
