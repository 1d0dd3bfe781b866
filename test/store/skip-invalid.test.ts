/**
 * A store that already holds an event its reader rejects (an older version wrote it, or a hand
 * edit) stays usable: reading it names the event and the way on, `verify --store`
 * reports it, and `state --store … --skip-invalid` reads the rest, listing what it skipped on
 * stderr and as `invalid-event` anomalies. Nothing is rewritten. File store and EventStoreDB.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputErrors } from '../../src/errors.js';
import { runCli } from '../support/cli.js';
import { openFileStore } from '../../src/store/file/file-store.js';
import { withHashChain } from '../../src/store/hash-chain.js';
import { connectEventStoreDb } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server/index.js';
import { sold, withId } from '../support/events.js';
import { visits } from '../contract/helpers.js';

let server: EsdbTestServer | undefined;
afterAll(() => server?.stop());

const cli = (argv: string[]) => runCli(argv, '2025-06-01T00:00:00Z');

const history = () => [
  withId(sold('U-1', '2025-01-01T09:00:00Z', 'standard-1y'), 'U-1-sold'),
  ...visits('U-1', 1, 2),
  withId(sold('U-2', '2025-01-01T09:00:00Z', 'standard-1y'), 'U-2-sold'),
];

/** A sealed file store whose line 2 (U-1's first visit) was later edited by hand to a date without a time. */
async function editedStore(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'wl-skip-')), 'ledger.jsonl');
  const store = withHashChain(await openFileStore(path));
  for (const e of history()) await store.append(e.unitId, [e]);
  await store.close();
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[1] = lines[1]!.replace(/"occurredAt":"[^"]+"/, '"occurredAt":"2025-01-02"');
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('a file store holding a line its reader rejects', () => {
  it('fails to read with the line named and the way on; the library opens it with InputErrors; nothing is rewritten', async () => {
    const path = await editedStore();
    const before = readFileSync(path);
    const result = await cli(['state', '--store', `file:${path}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${path}: the store holds events its reader rejects (below; nothing was changed): \`warranty-ledger verify --store file:${path}\` lists them, \`warranty-ledger state --store file:${path} --skip-invalid\` reads the rest\n` +
        `${path}: line 2: occurredAt: expected an ISO 8601 timestamp with an offset, got "2025-01-02"\n`,
    );
    const error = await openFileStore(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputErrors);
    expect((error as InputErrors).errors.map((e) => e.line)).toEqual([2]);
    expect(readFileSync(path)).toEqual(before);
  });

  it('state --skip-invalid reads the rest, lists the line on stderr and files an invalid-event anomaly under its unit', async () => {
    const path = await editedStore();
    const before = readFileSync(path);
    const result = await cli(['state', '--store', `file:${path}`, '--skip-invalid', '--as-of', '2025-06-01', '--json']);
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\n');
    const skippedLine = lines.find((l) => l.startsWith('skipped'));
    const chainLine = lines.find((l) => l.includes('not every chain holds'));
    expect(skippedLine).toBe(
      `skipped (--skip-invalid): ${path}: line 2: occurredAt: expected an ISO 8601 timestamp with an offset, got "2025-01-02"`,
    );
    // Left out, the edited event is a gap in its chain: said, not refused, under --skip-invalid.
    expect(chainLine).toMatch(
      new RegExp(
        `^${path}: not every chain holds once events are left out \\(--skip-invalid\\): the hash chain of U-1 breaks at `,
      ),
    );
    const units = JSON.parse(result.stdout).units;
    expect(Object.keys(units)).toEqual(['U-1', 'U-2']);
    expect(units['U-1'].anomalies).toEqual([{ rule: 'invalid-event', eventIds: ['U-1-e1'] }]);
    expect(units['U-2'].anomalies).toEqual([]);
    const table = await cli(['state', '--store', `file:${path}`, '--skip-invalid', '--as-of', '2025-06-01']);
    expect(table.stdout).toContain('invalid-event: U-1-e1');
    expect(readFileSync(path)).toEqual(before);
    expect((await cli(['state', path, '--skip-invalid'])).code).toBe(2);
  });

  it('verify --store reports the line, checks the chains of the rest, and exits 1', async () => {
    const path = await editedStore();
    const result = await cli(['verify', '--store', `file:${path}`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `^NOT VERIFIED ${path}: 1 event its reader rejects, left out below \\(nothing was changed; \`warranty-ledger state --store file:${path} --skip-invalid\` reads the rest\\)\n  ${path}: line 2: occurredAt: `,
      ),
    );
    // Left out, the edited event is a gap in U-1's chain: the next event no longer chains from the one before it.
    expect(result.stdout).toContain(`NOT VERIFIED ${path} (the rest): 1 of 2 streams broken`);
  });
});

describe('an EventStoreDB stream holding an event its reader rejects', () => {
  it('fails to read with the way on; --skip-invalid reads the rest; verify reports it', async () => {
    server ??= await startEsdbTestServer();
    const store = withHashChain(connectEventStoreDb(server.connectionString));
    for (const e of history()) await store.append(e.unitId, [e]);
    await store.close();
    // Another application (or an old version) writes an event without the ledger's metadata into U-1's stream.
    server.appendForeign('warranty_unit-U-1', 'MaintenanceVisited');
    const failed = await cli(['state', '--store', server.connectionString]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      `\`warranty-ledger state --store ${server.connectionString} --skip-invalid\` reads the rest\n`,
    );
    expect(failed.stderr).toContain(
      'EventStoreDB warranty_unit-U-1@3: metadata.schemaVersion: expected 1, got undefined',
    );
    const skipped = await cli([
      'state',
      '--store',
      server.connectionString,
      '--skip-invalid',
      '--as-of',
      '2025-06-01',
      '--json',
    ]);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toBe(
      'skipped (--skip-invalid): EventStoreDB warranty_unit-U-1@3: metadata.schemaVersion: expected 1, got undefined\n',
    );
    expect(JSON.parse(skipped.stdout).units['U-1'].anomalies).toEqual([{ rule: 'invalid-event', eventIds: ['U-1@3'] }]);
    const verified = await cli(['verify', '--store', server.connectionString]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('1 event its reader rejects, left out below');
    expect(verified.stdout).toContain(
      `verified ${server.connectionString} (the rest): 2 streams, 4 events, every chain intact`,
    );
  });
});
