/**
 * The hash chain on the stores and through the command line: what a sealed append
 * stores, retries, events written before hashing, imports with and without seals, and
 * `warranty-ledger verify FILE|--store …` (its output, exit codes, anchors and torn tails).
 */
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import {
  createMemoryStore,
  GENESIS_HASH,
  InputError,
  serializeEvent,
  verifyChains,
  withHashChain,
  type UnitEvent,
} from '../../src/index.js';
import { chainHash, unsealed } from '../../src/store/hash-chain.js';
import { openFileStore } from '../../src/node.js';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server/index.js';
import { connectEventStoreDb } from '../../src/store/eventstoredb/eventstoredb-store.js';

const at = (n: number) => new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString();
const visit = (unitId: string, n: number): UnitEvent => ({
  id: `${unitId}-e${n}`,
  type: 'MaintenanceVisited',
  unitId,
  occurredAt: at(n),
  recordedAt: at(n),
  data: { kind: 'periodic' },
});
const visits = (unitId: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => visit(unitId, from + i));
const dir = () => mkdtempSync(join(tmpdir(), 'wl-chain-'));
const lines = (events: readonly UnitEvent[]) => events.map((e) => `${serializeEvent(e)}\n`).join('');

const cli = (argv: string[]) => runCli(argv, '2025-06-01T00:00:00Z');

let server: EsdbTestServer | undefined;
afterAll(() => server?.stop());

describe('sealed appends', () => {
  it('seal each event onto its stream: prevHash is the previous hash (genesis first), hash covers prevHash and the canonical event', async () => {
    const store = withHashChain(createMemoryStore());
    const result = await store.append('U-1', visits('U-1', 0, 2), { expectedRevision: 'no-stream' });
    await store.append('U-1', [visit('U-1', 2)], { expectedRevision: 1 });
    const stored = (await store.readStream('U-1')).map((r) => r.event);
    expect(result.stored).toEqual(stored.slice(0, 2));
    expect(stored.map((e) => e.prevHash)).toEqual([GENESIS_HASH, stored[0]!.hash, stored[1]!.hash]);
    for (const e of stored) expect(e.hash).toBe(chainHash(e.prevHash!, unsealed(e)));
    expect(unsealed(stored[0])).toEqual(visit('U-1', 0));
  });

  it('store a retried append once, even with its stale expected revision, and return the events as first stored', async () => {
    const store = withHashChain(createMemoryStore());
    const first = await store.append('U-1', visits('U-1', 0, 2), { expectedRevision: 'no-stream' });
    await store.append('U-1', [visit('U-1', 2)]);
    const retry = await store.append('U-1', visits('U-1', 0, 2), { expectedRevision: 'no-stream' });
    expect(retry).toEqual({ nextExpectedRevision: 2, written: 0, stored: first.stored });
    expect((await store.readStream('U-1')).map((r) => r.event.id)).toEqual(['U-1-e0', 'U-1-e1', 'U-1-e2']);
  });

  it('refuse a sealed event that does not chain where it would land: a seal is never replaced', async () => {
    const source = withHashChain(createMemoryStore());
    const { stored } = await source.append('U-1', visits('U-1', 0, 2));
    const target = withHashChain(createMemoryStore());
    await target.append('U-1', [visit('U-1', 9)]);
    const error = await target.append('U-1', [stored![0]!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^hash: event U-1-e0 is sealed for another place in stream U-1/);
    // Into an empty stream the same sealed events land exactly where they were sealed.
    expect(await withHashChain(createMemoryStore()).append('U-1', stored!)).toMatchObject({ written: 2, stored });
  });

  it('cover events written before hashing: the first sealed event chains from the hash they would have had', async () => {
    const path = join(dir(), 'ledger.jsonl');
    writeFileSync(path, lines(visits('U-1', 0, 3)));
    const store = withHashChain(await openFileStore(path));
    await store.append('U-1', visits('U-1', 3, 2));
    await store.close();
    const ok = await cli(['verify', path]);
    expect(ok).toEqual({
      code: 0,
      stdout: `verified ${path}: 1 stream, 5 events, every chain intact; 2 sealed, 3 unsealed (written before hashing: covered only once a sealed event follows them)\n`,
      stderr: '',
    });
    expect((await cli(['verify', path, '--require-sealed'])).code).toBe(1);
    // Editing an unsealed event is seen at the first sealed event after it.
    writeFileSync(path, readFileSync(path, 'utf8').replace('"kind":"periodic"', '"kind":"inspection"'));
    const broken = await cli(['verify', path]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(
      `NOT VERIFIED ${path}: 1 of 1 stream broken\n  U-1: line 4, revision 3, event "U-1-e3": changed: the unsealed events before it (written before hashing) were changed, removed or reordered\n`,
    );
  });
});

describe('warranty-ledger verify', () => {
  async function sealedFile(): Promise<{ path: string; text: string }> {
    const path = join(dir(), 'ledger.jsonl');
    const store = withHashChain(await openFileStore(path));
    for (let n = 0; n < 4; n++) for (const unit of ['U-1', 'U-2']) await store.append(unit, [visit(unit, n)]);
    await store.close();
    return { path, text: readFileSync(path, 'utf8') };
  }

  it('exits 0 on intact chains, 1 naming the first break of each broken stream and its kind', async () => {
    const { path, text } = await sealedFile();
    expect(await cli(['verify', path])).toEqual({
      code: 0,
      stdout: `verified ${path}: 2 streams, 8 events, every chain intact; 8 sealed\n`,
      stderr: '',
    });
    const rows = text.trimEnd().split('\n');
    const cases: [string, string[], RegExp][] = [
      [
        'changed',
        rows.map((r, i) => (i === 2 ? r.replace('periodic', 'inspection') : r)),
        /U-1: line 3, revision 1, event "U-1-e1": changed: its content no longer gives its hash/,
      ],
      [
        'removed',
        rows.filter((_, i) => i !== 2),
        /U-1: line 4, revision 1, event "U-1-e2": removed: the event it follows \(hash [0-9a-f]{12}…\) is not in the stream/,
      ],
      [
        'reordered',
        [rows[0]!, rows[1]!, rows[4]!, rows[3]!, rows[2]!, ...rows.slice(5)],
        /U-1: line 3, revision 1, event "U-1-e2": reordered: it follows the event at line 5, revision 2 in the chain, which comes after it/,
      ],
      [
        'inserted',
        [...rows.slice(0, 4), rows[0]!, ...rows.slice(4)],
        /U-1: line 5, revision 2, event "U-1-e0": inserted: a second copy of the event at line 1, revision 0/,
      ],
    ];
    for (const [kind, edited, message] of cases) {
      writeFileSync(path, `${edited.join('\n')}\n`);
      const result = await cli(['verify', path]);
      expect(result.code, kind).toBe(1);
      expect(result.stdout).toMatch(new RegExp(`^NOT VERIFIED ${path}: 1 of 2 streams broken\\n`));
      expect(result.stdout).toMatch(message);
      expect(result.stderr).toBe('');
    }
  });

  it('writes an anchor of every head, and with it catches a cut-off tail that leaves a valid chain', async () => {
    const { path, text } = await sealedFile();
    const anchor = join(dir(), 'anchor.json');
    const written = await cli(['verify', path, '--write-anchor', anchor]);
    expect(written.stdout).toMatch(
      new RegExp(`wrote ${anchor}: an anchor of 2 streams and 8 events, root [0-9a-f]{64}\n$`),
    );
    expect(JSON.parse(readFileSync(anchor, 'utf8'))).toMatchObject({
      format: 'warranty-ledger-anchor/2',
      streams: 2,
      events: 8,
    });
    expect((await cli(['verify', path, '--anchor', anchor])).stdout).toContain(
      'extends the anchor of 2 streams and 8 events (not signed)\n  nothing appended since the anchor',
    );
    // The older format (each stream's head) is still read.
    const heads = join(dir(), 'heads.json');
    const u2 = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((e) => e.unitId === 'U-2');
    writeFileSync(
      heads,
      JSON.stringify({
        format: 'warranty-ledger-anchor/1',
        heads: [{ streamId: 'U-2', revision: u2.length - 1, eventId: u2.at(-1).id, hash: u2.at(-1).hash }],
      }),
    );
    writeFileSync(path, `${text.trimEnd().split('\n').slice(0, -1).join('\n')}\n`);
    expect((await cli(['verify', path])).code).toBe(0);
    const cut = await cli(['verify', path, '--anchor', anchor]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain(
      'does NOT extend the anchor of 2 streams and 8 events (not signed)\n  the anchor covers 8 events, the store holds 7: events were removed',
    );
    const cutHeads = await cli(['verify', path, '--anchor', heads]);
    expect(cutHeads.code).toBe(1);
    expect(cutHeads.stdout).toContain(
      'U-2: revision 3, event "U-2-e3": removed: the anchor recorded revision 3 (event U-2-e3), but the stream ends at revision 2',
    );
    const bad = join(dir(), 'bad-anchor.json');
    writeFileSync(bad, '{"format":"warranty-ledger-anchor/1","heads":[{"streamId":"U-1"}]}');
    expect(await cli(['verify', path, '--anchor', bad])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `${bad}: heads.0.revision: required\n`,
    });
  });

  it('reads --store file:PATH without its lock, leaving an unfinished last line out, and a bad line is an input error', async () => {
    const { path, text } = await sealedFile();
    appendFileSync(path, '{"id":"torn","type":"Mainten');
    const result = await cli(['verify', '--store', `file:${path}`]);
    expect(result).toEqual({
      code: 0,
      stdout: `verified ${path}: 2 streams, 8 events, every chain intact; 8 sealed\n`,
      stderr: `${path}: left out an unfinished last line (line 9): an append in progress, or a crash the next writer will repair\n`,
    });
    writeFileSync(path, text.replace('"periodic"', '"weekly"'));
    const bad = await cli(['verify', path]);
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr: 'line 1: data.kind: expected periodic or inspection, got "weekly"\n',
    });
  });

  it('verifies an EventStoreDB store, naming revisions', async () => {
    server ??= await startEsdbTestServer();
    const store = withHashChain(connectEventStoreDb(server.connectionString));
    await store.append('U-1', visits('U-1', 0, 3));
    await store.append('U-2', visits('U-2', 0, 1));
    const report = verifyChains([{ streamId: 'U-1', events: (await store.readStream('U-1')).map((r) => r.event) }]);
    expect(report).toMatchObject({ ok: true, sealed: 3 });
    await store.close();
    expect(await cli(['verify', '--store', server.connectionString])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('2 streams, 4 events, every chain intact; 4 sealed'),
    });
    // Someone with access to the server rewrites an event's data in place.
    const stored = server.log.stream('warranty_unit-U-1')![1]! as { data: Uint8Array };
    stored.data = Buffer.from('{"kind":"inspection"}');
    const broken = await cli(['verify', '--store', server.connectionString]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('U-1: revision 1, event "U-1-e1": changed: its content no longer gives its hash');
  });
});

describe('warranty-ledger import and the hash chain', () => {
  it('seals an unsealed file on import; the store file imported into a new store gives the same bytes', async () => {
    const d = dir();
    const source = join(d, 'export.jsonl');
    writeFileSync(source, lines([...visits('U-1', 0, 3), ...visits('U-2', 0, 2)]));
    const first = join(d, 'first.jsonl');
    expect((await cli(['import', source, '--store', `file:${first}`])).code).toBe(0);
    expect((await cli(['verify', first])).stdout).toContain('every chain intact; 5 sealed');
    const second = join(d, 'second.jsonl');
    expect((await cli(['import', first, '--store', `file:${second}`])).code).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
    expect((await cli(['import', first, '--store', `file:${second}`])).stdout).toContain(
      'wrote 0, skipped 5 already stored',
    );
  });

  it('refuses sealed events that would not chain where they land, before writing anything', async () => {
    const d = dir();
    const sealed = join(d, 'sealed.jsonl');
    const store = withHashChain(await openFileStore(sealed));
    await store.append('U-1', visits('U-1', 0, 2));
    await store.append('U-2', visits('U-2', 0, 2));
    await store.close();
    const target = join(d, 'target.jsonl');
    const other = withHashChain(await openFileStore(target));
    await other.append('U-2', [visit('U-2', 7)]);
    await other.close();
    const before = readFileSync(target);
    const result = await cli(['import', sealed, '--store', `file:${target}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^hash: event U-2-e0 is sealed for another place in stream U-2/);
    expect(readFileSync(target).equals(before)).toBe(true);
  });
});
