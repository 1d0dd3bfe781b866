/**
 * Atomic import: every event id of the file is checked against the whole
 * store before the first append, so an id the store holds for another unit, found in the last
 * unit of the file, stops the import with nothing written: a file store stays byte-identical, an
 * EventStoreDB store (the protocol test double) holds exactly what it held.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { UnitEvent } from '../../src/events/envelope.js';
import { serializeEvent } from '../../src/events/jsonl.js';
import { runCli } from '../support/cli.js';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server/index.js';
import { visit, visits } from '../contract/helpers.js';

let server: EsdbTestServer | undefined;
afterAll(() => server?.stop());

const cli = (argv: string[]) => runCli(argv, '2025-06-01T00:00:00Z');

function writeJsonl(path: string, events: readonly UnitEvent[]): string {
  writeFileSync(path, events.map((e) => `${serializeEvent(e)}\n`).join(''));
  return path;
}

/** 40 units of 3 events; the last unit's last event takes the id that `U-first`'s first event has in the store. */
function clashingImport(): UnitEvent[] {
  const events = Array.from({ length: 40 }, (_, u) => visits(`U-${u}`, 0, 3)).flat();
  events[events.length - 1] = { ...visit('U-39', 9), id: visit('U-first', 0).id };
  return events;
}

describe('import is atomic across units', () => {
  it('a clash in the last unit with an id stored for another unit leaves a file store byte-identical', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-import-'));
    const store = `file:${join(dir, 'ledger.jsonl')}`;
    expect(
      (await cli(['import', writeJsonl(join(dir, 'first.jsonl'), visits('U-first', 0, 2)), '--store', store])).code,
    ).toBe(0);
    const before = readFileSync(join(dir, 'ledger.jsonl'));
    const result = await cli(['import', writeJsonl(join(dir, 'second.jsonl'), clashingImport()), '--store', store]);
    expect(readFileSync(join(dir, 'ledger.jsonl')).toString()).toBe(before.toString());
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `event id ${visit('U-first', 0).id} is already used by a different event: stored in stream U-first (revision 0), and given again for unit U-39\n`,
    );
  });

  it('the same clash leaves an EventStoreDB store unchanged', async () => {
    server ??= await startEsdbTestServer();
    const dir = mkdtempSync(join(tmpdir(), 'wl-import-'));
    expect(
      (
        await cli([
          'import',
          writeJsonl(join(dir, 'first.jsonl'), visits('U-first', 0, 2)),
          '--store',
          server.connectionString,
        ])
      ).code,
    ).toBe(0);
    const before = server.log.all.length;
    const result = await cli([
      'import',
      writeJsonl(join(dir, 'second.jsonl'), clashingImport()),
      '--store',
      server.connectionString,
    ]);
    expect(server.log.all.length).toBe(before);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('stored in stream U-first (revision 0), and given again for unit U-39');
  });
});
