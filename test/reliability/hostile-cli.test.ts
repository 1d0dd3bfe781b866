/**
 * Hostile input through the command line: fuzzed events files given to the CLI as a
 * process (`state`, `verify`, `import` into a file store): exit code 1, `line N: …` on stderr
 * naming the first bad line, no stack trace, nothing on stdout, and the store file unchanged byte
 * for byte. Child processes are slow, so that part is a bounded sample; `import` of bad files and
 * bad policy files also runs in process on many more inputs.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { InputErrors, parseJsonl, PRESETS, withHashChain, type UnitEvent } from '../../src/index.js';
import { openFileStore } from '../../src/node.js';
import { bundleChild } from '../store/bundle-child.js';
import { anyJson, hostileFile, hugeString, nasty } from './support/hostile.js';

const tally = { files: 0, processes: 0, inProcess: 0, policies: 0, stackTraces: 0, bytesWritten: 0 };
afterAll(() => {
  console.log(
    `hostile CLI: ${tally.files} fuzzed files through ${tally.processes} CLI processes (state, verify, import), ${tally.inProcess} bad files and ${tally.policies} bad policy files imported in process; ` +
      `every one exit 1 naming its line, ${tally.stackTraces} stack traces, ${tally.bytesWritten} bytes written to the store`,
  );
});

/** A fuzzed file that does not parse, with the first bad line as the CLI must name it. */
const badFile = hostileFile
  .map((text) => {
    try {
      parseJsonl(text);
      return undefined;
    } catch (error) {
      if (!(error instanceof InputErrors)) throw error;
      return { text, first: error.errors[0]!.line! };
    }
  })
  .filter((f): f is { text: string; first: number } => f !== undefined);

/** A store file with a few sealed events, and its bytes. */
async function seededStore(dir: string): Promise<{ path: string; bytes: Buffer }> {
  const path = join(dir, 'ledger.jsonl');
  const store = withHashChain(await openFileStore(path));
  const at = '2025-01-01T00:00:00Z';
  const event = (n: number): UnitEvent => ({
    id: `seed-${n}`,
    type: 'MaintenanceVisited',
    unitId: 'U-seed',
    occurredAt: at,
    recordedAt: at,
    data: { kind: 'periodic' },
  });
  await store.append('U-seed', [event(0), event(1)]);
  await store.close();
  return { path, bytes: readFileSync(path) };
}

function expectRefusal(
  result: { code: number | null; stdout: string; stderr: string },
  first: number,
  what: string,
): void {
  const trace = /^\s+at |^internal error|^\w*Error: /m.test(result.stderr);
  if (trace) tally.stackTraces++;
  expect(result.code, `${what}: exit code (stderr: ${result.stderr.slice(0, 300)})`).toBe(1);
  expect(result.stdout, what).toBe('');
  expect(result.stderr.split('\n')[0], what).toMatch(new RegExp(`^line ${first}: `));
  expect(trace, `${what}: no stack trace`).toBe(false);
}

describe('the CLI as a process on fuzzed files', () => {
  let cli: string;
  beforeAll(async () => {
    // Bundled whole: left external, the EventStoreDB client would load (gRPC and all) in every process.
    cli = await bundleChild(new URL('../../src/cli/main.ts', import.meta.url), 'cli-hostile');
  });
  afterAll(() => rmSync(cli, { force: true }));

  function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
      child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('state, verify and import exit 1 naming the first bad line, print no stack trace and nothing on stdout, and write nothing', async () => {
    const files = fc.sample(badFile, { numRuns: 8, seed: 7 });
    const dir = mkdtempSync(join(tmpdir(), 'wl-hostile-cli-'));
    const { path: seeded, bytes } = await seededStore(dir);
    // Three files at a time, each with its own copy of the store; a file's three commands run in turn.
    for (let i = 0; i < files.length; i += 3) {
      await Promise.all(
        files.slice(i, i + 3).map(async ({ text, first }, k) => {
          const file = join(dir, `bad-${i + k}.jsonl`);
          const store = join(dir, `store-${i + k}.jsonl`);
          writeFileSync(file, text);
          copyFileSync(seeded, store);
          tally.files++;
          for (const args of [
            ['state', file],
            ['verify', file],
            ['import', file, '--store', `file:${store}`],
          ]) {
            tally.processes++;
            expectRefusal(await runCli(args), first, `${args[0]} ${file}`);
          }
          const now = readFileSync(store);
          if (!now.equals(bytes)) tally.bytesWritten += Math.abs(now.length - bytes.length) || 1;
          expect(now.equals(bytes)).toBe(true);
          expect(existsSync(`${store}.lock`)).toBe(false);
        }),
      );
    }
  });
});

describe('import in process', () => {
  async function cliInProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await run(argv, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      now: () => new Date('2025-06-01T00:00:00Z'),
      stderrIsTty: false,
    });
    return { code, stdout, stderr };
  }

  it('a bad events file writes nothing to a file store: the store file is unchanged byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-hostile-import-'));
    const { path: store, bytes } = await seededStore(dir);
    const file = join(dir, 'bad.jsonl');
    await fc.assert(
      fc.asyncProperty(badFile, async ({ text, first }) => {
        tally.inProcess++;
        writeFileSync(file, text);
        expectRefusal(await cliInProcess(['import', file, '--store', `file:${store}`]), first, 'import');
        expect(readFileSync(store).equals(bytes)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('a bad policy file writes nothing either, and is named in the one-line error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-hostile-policy-'));
    const { path: store, bytes } = await seededStore(dir);
    const events = join(dir, 'events.jsonl');
    writeFileSync(
      events,
      `{"id":"p-1","type":"MaintenanceVisited","unitId":"U-p","occurredAt":"2025-01-01T00:00:00Z","data":{"kind":"periodic"}}\n`,
    );
    const policy = join(dir, 'policy.json');
    const mutation = fc.record({
      preset: fc.constantFrom(...PRESETS),
      key: nasty,
      value: fc.oneof(anyJson, hugeString),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutation.map(({ preset, key, value }) => JSON.stringify({ ...preset, [key || 'x']: value, coverage: value })),
          fc.string(),
        ),
        async (text) => {
          tally.policies++;
          writeFileSync(policy, text);
          const result = await cliInProcess(['import', events, '--store', `file:${store}`, '--policy', policy]);
          expect(result.code).toBe(1);
          expect(result.stdout).toBe('');
          expect(result.stderr.startsWith(`${policy}: `)).toBe(true);
          expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
          expect(readFileSync(store).equals(bytes)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
