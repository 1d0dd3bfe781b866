/**
 * The command line at the boundary, run as the built bin
 * (dist/cli.js: `npm test` builds it first; after changing src/, run `npx tsup` before this file):
 * - a closed stdout, at once or after the first chunk (`| head -1`), ends every command quietly
 *   with exit 0: nothing on stderr, no `write EPIPE`, no stack;
 * - hostile paths (missing, a folder, under a file, a symlink, a path with control characters,
 *   a folder the system refuses) given to every command as input, store, output or anchor give
 *   exit 1 and one line on stderr, never `internal error`; a symlink's target is never written,
 *   and nothing is left behind (no temporary, no empty file, no half-made folder).
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioFile, standardWithThreshold } from '../tools/support.js';

const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const tally = { processes: 0, closedPipes: 0, hostilePaths: 0 };
afterAll(() =>
  console.log(
    `CLI boundary: ${tally.processes} processes of dist/cli.js, ${tally.closedPipes} with a closed stdout, ${tally.hostilePaths} with a hostile path`,
  ),
);

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin; `close` shuts the reading end of its stdout at once, or after the first chunk, as `head` does. */
function runBin(args: string[], close?: 'at-once' | 'after-first-chunk'): Promise<Result> {
  tally.processes++;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (close === 'at-once') child.stdout.destroy();
    else child.stdout.setEncoding('utf8').on('data', (t: string) => (close ? child.stdout.destroy() : (stdout += t)));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `jobs` three at a time (the machine is shared). */
async function inTurn<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += 3) out.push(...(await Promise.all(jobs.slice(i, i + 3).map((j) => j()))));
  return out;
}

const STACK = /^\s+at |internal error|EPIPE|node:internal|^\w*Error: /m;
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let dir: string;
let big: string;
let small: string;
let policy: string;
let bundle: string;

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npx tsup (npm test builds it) before this test`);
  dir = mkdtempSync(join(tmpdir(), 'wl-boundary-'));
  small = scenarioFile('02-three-failed-repairs');
  // Scenario 02's first unit 400 times: output far larger than a pipe's buffer.
  const lines = readFileSync(small, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.unitId === 'U-1');
  big = join(dir, 'big.jsonl');
  writeFileSync(
    big,
    `${Array.from({ length: 400 }, (_, i) => lines.map((e) => JSON.stringify({ ...e, id: `${e.id}-${i}`, unitId: `U-${i}` })).join('\n')).join('\n')}\n`,
  );
  policy = join(dir, 'threshold-2.json');
  writeFileSync(policy, JSON.stringify(standardWithThreshold(2)));
  bundle = join(dir, 'bundle');
  const made = await runBin(['evidence', small, '--unit', 'U-1', '--out', bundle]);
  expect(made.code, made.stderr).toBe(0);
});

describe('a closed stdout ends every command quietly, with exit 0', () => {
  const commands = (): string[][] => [
    ['state', big],
    ['state', big, '--json'],
    ['care', big, '--all'],
    ['care', big, '--json'],
    ['fleet', big],
    ['fleet', big, '--json'],
    ['explain', big, '--unit', 'U-7'],
    ['explain', big, '--unit', 'U-7', '--json'],
    ['diff', big, '--policy', policy],
    ['diff', big, '--policy', policy, '--json'],
    ['verify', big],
    ['evidence', '--verify', bundle],
    ['report', small, '--unit', 'U-1', '--out', join(dir, 'page.html')],
    ['import', small, '--store', `file:${join(dir, 'store.jsonl')}`],
    ['--help'],
    ['help', 'state'],
    ['state', '--help'],
    ['--version'],
  ];

  for (const close of ['at-once', 'after-first-chunk'] as const) {
    it(`closed ${close}`, async () => {
      const runs = commands();
      const results = await inTurn(runs.map((args) => () => runBin(args, close)));
      results.forEach((r, i) => {
        tally.closedPipes++;
        const what = `${runs[i]!.slice(0, 2).join(' ')} (stdout closed ${close})`;
        expect(r.stderr, what).toBe('');
        expect(r.code, what).toBe(0);
      });
    });
  }

  it('the same commands, read to the end, print what they printed before', async () => {
    const state = await runBin(['state', big]);
    expect(state.code).toBe(0);
    expect(state.stdout.split('\n\n')).toHaveLength(400);
  });
});

describe('hostile paths: one line on stderr, exit 1, nothing written through a link, nothing left behind', () => {
  interface Case {
    args: string[];
    /** What must hold on disk afterwards. */
    check?: () => void;
  }

  function cases(): Case[] {
    const root = join(dir, 'paths');
    mkdirSync(root);
    const file = join(root, 'a-file');
    writeFileSync(file, 'keep\n');
    const folder = join(root, 'a-folder');
    mkdirSync(folder);
    const target = join(root, 'target');
    writeFileSync(target, 'precious\n');
    const link = join(root, 'link');
    symlinkSync(target, link);
    const missing = join(root, 'no-such-folder', 'x');
    const controls = join(root, 'bad\u001b[2J\r\nname.jsonl');
    const unchanged = () => {
      expect(readFileSync(target, 'utf8')).toBe('precious\n');
      expect(readFileSync(file, 'utf8')).toBe('keep\n');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(existsSync(join(root, 'no-such-folder'))).toBe(false);
      expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(readdirSync(folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    };
    // A bundle folder with a link planted where a bundle file goes, and one with a stranger in it.
    const planted = join(root, 'planted');
    mkdirSync(planted);
    symlinkSync(target, join(planted, 'events.jsonl'));
    const crowded = join(root, 'crowded');
    mkdirSync(crowded);
    writeFileSync(join(crowded, 'notes.txt'), 'mine\n');
    const out: Case[] = [];
    const inputs = [join(root, 'missing.jsonl'), folder, controls];
    for (const input of inputs) {
      out.push(
        { args: ['state', input] },
        { args: ['state', input, '--json'] },
        { args: ['explain', input, '--unit', 'U-1'] },
        { args: ['care', input] },
        { args: ['fleet', input] },
        { args: ['diff', input, '--policy', policy] },
        {
          args: ['evidence', input, '--unit', 'U-1', '--out', join(root, 'never')],
          check: () => expect(existsSync(join(root, 'never'))).toBe(false),
        },
        {
          args: ['report', input, '--unit', 'U-1', '--out', join(root, 'never.html')],
          check: () => expect(existsSync(join(root, 'never.html'))).toBe(false),
        },
        { args: ['import', input, '--store', `file:${join(root, 'never.jsonl')}`] },
        { args: ['verify', input] },
        { args: ['state', small, '--policy', input] },
        { args: ['verify', small, '--anchor', input] },
      );
    }
    for (const store of [folder, missing])
      for (const command of ['state', 'verify']) out.push({ args: [command, '--store', `file:${store}`] });
    out.push(
      { args: ['import', small, '--store', `file:${folder}`] },
      { args: ['import', small, '--store', `file:${missing}`] },
    );
    const unwritable = existsSync('/sys/kernel') ? ['/sys/kernel/wl-page.html'] : [];
    for (const page of [`${missing}.html`, folder, join(file, 'x.html'), link, ...unwritable])
      out.push({ args: ['report', small, '--unit', 'U-1', '--out', page], check: unchanged });
    for (const anchor of [`${missing}.json`, folder, join(file, 'a.json'), link])
      out.push({ args: ['verify', small, '--write-anchor', anchor], check: unchanged });
    out.push(
      { args: ['evidence', small, '--unit', 'U-1', '--out', file], check: unchanged },
      { args: ['evidence', small, '--unit', 'U-1', '--out', missing], check: unchanged },
      {
        args: ['evidence', small, '--unit', 'U-1', '--out', bundle],
        check: () => expect(readdirSync(bundle).filter((n) => n.endsWith('.tmp'))).toEqual([]),
      },
      { args: ['evidence', small, '--unit', 'U-1', '--out', planted], check: unchanged },
      {
        args: ['evidence', small, '--unit', 'U-1', '--out', planted, '--force'],
        check: () => {
          unchanged();
          expect(readdirSync(planted)).toEqual(['events.jsonl']);
        },
      },
      {
        args: ['evidence', small, '--unit', 'U-1', '--out', crowded, '--force'],
        check: () => expect(readdirSync(crowded)).toEqual(['notes.txt']),
      },
    );
    return out;
  }

  it('every command, every kind of bad path', async () => {
    const all = cases();
    const results = await inTurn(all.map((c) => () => runBin(c.args)));
    results.forEach((r, i) => {
      tally.hostilePaths++;
      const what = all[i]!.args.join(' ');
      expect(r.code, `${what}: ${r.stderr}`).toBe(1);
      expect(r.stdout, what).toBe('');
      expect(r.stderr.trimEnd().split('\n'), what).toHaveLength(1);
      expect(STACK.test(r.stderr), `${what}: ${r.stderr}`).toBe(false);
      expect(CONTROL.test(r.stderr.trimEnd()), `${what}: ${JSON.stringify(r.stderr)}`).toBe(false);
      all[i]!.check?.();
    });
  });
});
