/**
 * The command line on every store: `import FILE --store …` and history-reading commands with
 * `--store file:PATH` or `--store esdb://…` (EventStoreDB through the protocol test double).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { UnitEvent } from '../../src/events/envelope.js';
import { parseJsonl, serializeEvent } from '../../src/events/jsonl.js';
import { run } from '../../src/cli/run.js';
import { openFileStore } from '../../src/store/file/file-store.js';
import { withHashChain } from '../../src/store/hash-chain.js';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server/index.js';
import { visit, visits } from '../contract/helpers.js';
import { sold, withId } from '../support/events.js';

const sale = (unitId: string): UnitEvent =>
  withId(sold(unitId, '2025-01-02T09:00:00Z', 'standard-1y'), `${unitId}-sold`);

function history(units: number, perUnit = 2): UnitEvent[] {
  return Array.from({ length: units }, (_, u) => [sale(`U-${u}`), ...visits(`U-${u}`, 2, perUnit)]).flat();
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'wl-cli-store-'));
}

function writeJsonl(path: string, events: readonly UnitEvent[]): string {
  writeFileSync(path, events.map((e) => `${serializeEvent(e)}\n`).join(''));
  return path;
}

async function cli(argv: string[], stderrIsTty = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    now: () => new Date('2025-06-01T00:00:00Z'),
    stderrIsTty,
  });
  return { code, stdout, stderr };
}

let server: EsdbTestServer | undefined;
afterAll(() => server?.stop());

describe('warranty-ledger import', () => {
  it('loads an interchange file into a file store, once: a second import writes nothing', async () => {
    const dir = tempDir();
    const events = history(3);
    const file = writeJsonl(join(dir, 'export.jsonl'), events);
    const store = join(dir, 'ledger.jsonl');
    const first = await cli(['import', file, '--store', `file:${store}`]);
    expect(first).toEqual({
      code: 0,
      stdout: `imported ${file} into ${store}: read 9 events (3 units), wrote 9, skipped 0 already stored\n`,
      stderr: '',
    });
    const second = await cli(['import', file, '--store', `file:${store}`]);
    expect(second.stdout).toContain('read 9 events (3 units), wrote 0, skipped 9 already stored');
    expect(new Set(parseJsonl(readFileSync(store, 'utf8')).events.map((e) => e.id))).toEqual(
      new Set(events.map((e) => e.id)),
    );
    expect(readFileSync(store, 'utf8').split('\n')).toHaveLength(10);
  });

  it('validates the whole file first: one bad line and nothing is written', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      `${serializeEvent(sale('U-1'))}\n{"type":"Nope","unitId":"U-1","occurredAt":"2025-01-01T00:00:00Z","data":{}}\n`,
    );
    const result = await cli(['import', file, '--store', `file:${join(dir, 'ledger.jsonl')}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^line 2: type: unknown event type "Nope"/);
    expect(existsSync(join(dir, 'ledger.jsonl'))).toBe(false);
  });

  it('stops before writing anything when an id is stored with other content', async () => {
    const dir = tempDir();
    const storePath = join(dir, 'ledger.jsonl');
    const store = await openFileStore(storePath);
    await store.append('U-1', [visit('U-1', 2, 'inspection')]);
    await store.close();
    const before = readFileSync(storePath, 'utf8');
    const file = writeJsonl(join(dir, 'export.jsonl'), history(3));
    const result = await cli(['import', file, '--store', `file:${storePath}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`event id ${visit('U-1', 2).id} is already used by a different event`);
    expect(readFileSync(storePath, 'utf8')).toBe(before);
  });

  it('reports progress on stderr for a large file, only when stderr is a terminal', async () => {
    const dir = tempDir();
    const file = writeJsonl(join(dir, 'large.jsonl'), history(400, 14));
    expect(readFileSync(file).length).toBeGreaterThan(1_000_000);
    const quiet = await cli(['import', file, '--store', `file:${join(dir, 'a.jsonl')}`]);
    const shown = await cli(['import', file, '--store', `file:${join(dir, 'b.jsonl')}`], true);
    expect(quiet.stderr).toBe('');
    expect(shown.stderr).toMatch(/import into .*b\.jsonl: 6,000 events, 400 units/);
    expect(shown.stdout).toBe(quiet.stdout.replace('a.jsonl', 'b.jsonl'));
  });

  it('says what it repaired when it opens a crashed file store, and names the holder of a locked one', async () => {
    const dir = tempDir();
    const storePath = writeJsonl(join(dir, 'ledger.jsonl'), [sale('U-0')]);
    writeFileSync(storePath, `${readFileSync(storePath, 'utf8')}{"id":"torn`);
    const file = writeJsonl(join(dir, 'export.jsonl'), history(1));
    const repaired = await cli(['import', file, '--store', `file:${storePath}`]);
    expect(repaired.code).toBe(0);
    expect(repaired.stderr).toBe(
      `${storePath}: on open, cut a torn last line (line 2, 11 bytes at offset ${readFileSync(storePath, 'utf8').indexOf('\n') + 1}: "{\\"id\\":\\"torn")\n`,
    );
    expect(repaired.stdout).toContain('wrote 2, skipped 1 already stored');
    const holder = await openFileStore(storePath);
    const locked = await cli(['import', file, '--store', `file:${storePath}`]);
    await holder.close();
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain(`${storePath}.lock is held by process ${process.pid}`);
  });

  it('reports a store it cannot reach in one line, exit 1: a missing directory, no EventStoreDB server', async () => {
    const dir = tempDir();
    const file = writeJsonl(join(dir, 'export.jsonl'), history(1));
    const missing = await cli(['import', file, '--store', `file:${join(dir, 'nowhere', 'ledger.jsonl')}`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^store .*nowhere\/ledger\.jsonl: ENOENT/);
    const down = await cli(['state', '--store', 'esdb://127.0.0.1:1?tls=false']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^store esdb:\/\/127\.0\.0\.1:1\?tls=false: .+\n$/);
  });

  it('refuses a --store it does not understand, and a missing --store', async () => {
    expect((await cli(['import', 'x.jsonl', '--store', 'mysql://db'])).code).toBe(2);
    expect((await cli(['import', 'x.jsonl'])).stderr).toContain('expected one events file and --store');
  });
});

describe('history-reading commands on a store', () => {
  it('state reads the same history from a file, a file store and EventStoreDB', async () => {
    const dir = tempDir();
    const events = history(4);
    const file = writeJsonl(join(dir, 'export.jsonl'), events);
    server ??= await startEsdbTestServer();
    for (const store of [`file:${join(dir, 'ledger.jsonl')}`, server.connectionString])
      expect((await cli(['import', file, '--store', store])).code).toBe(0);
    const fromFile = await cli(['state', file, '--as-of', '2025-06-01', '--json']);
    expect(JSON.parse(fromFile.stdout).units['U-3'].status).toBe('active');
    for (const store of [`file:${join(dir, 'ledger.jsonl')}`, server.connectionString]) {
      const fromStore = await cli(['state', '--store', store, '--as-of', '2025-06-01', '--json']);
      expect(fromStore.code).toBe(0);
      expect(JSON.parse(fromStore.stdout)).toEqual(JSON.parse(fromFile.stdout));
    }
  });

  it('reads a file store that a writer holds, leaving out an unfinished last line', async () => {
    const dir = tempDir();
    const path = join(dir, 'ledger.jsonl');
    const store = await openFileStore(path);
    await withHashChain(store).append('U-1', [sale('U-1')]);
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"id":"half`);
    const result = await cli(['state', '--store', `file:${path}`, '--json']);
    await store.close();
    expect(result.code).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout).units)).toEqual(['U-1']);
    expect(result.stderr).toContain('left out an unfinished last line (line 2)');
  });

  it('every history-reading command gives the same output from a file and from a file store', async () => {
    const dir = tempDir();
    const events = history(3);
    const file = writeJsonl(join(dir, 'export.jsonl'), events);
    const store = `file:${join(dir, 'ledger.jsonl')}`;
    expect((await cli(['import', file, '--store', store])).code).toBe(0);
    const flags = ['--as-of', '2025-06-01', '--json'];
    for (const command of [['explain', '--unit', 'U-1'], ['care', '--all'], ['fleet']]) {
      const fromFile = await cli([...command, file, ...flags]);
      const fromStore = await cli([...command, '--store', store, ...flags]);
      expect(fromFile.code).toBe(0);
      expect(fromStore.code).toBe(0);
      expect(fromStore.stdout).toBe(fromFile.stdout);
      expect(fromStore.stdout.length).toBeGreaterThan(20);
    }
    expect((await cli(['explain', '--unit', 'U-1', file, '--store', store])).stderr).toContain('not both');
  });

  it('takes a file or --store, not both and not neither', async () => {
    expect((await cli(['state', 'a.jsonl', '--store', 'file:b.jsonl'])).stderr).toContain('not both');
    expect((await cli(['state'])).code).toBe(2);
  });
});
