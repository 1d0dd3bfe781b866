/**
 * The lock-free readers of a store file (`state --store file:`, `verify --store file:`), which read
 * it through its offset index: what they keep, leave out and name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnitEvent } from '../../src/events/envelope.js';
import { serializeEvent } from '../../src/events/jsonl.js';
import { runCli } from '../support/cli.js';
import {
  readStoreFileSnapshot,
  readStoreFileSource,
  readStoreFileStreams,
} from '../../src/store/file/store-file-readers.js';
import { withHashChain } from '../../src/store/hash-chain.js';
import { openFileStore } from '../../src/store/file/file-store.js';
import { visits } from '../contract/helpers.js';
import { sold, withId } from '../support/events.js';

const sale = (unitId: string, policyId = 'standard-1y'): UnitEvent =>
  withId(sold(unitId, '2025-01-02T09:00:00Z', policyId), `${unitId}-sold`);
const text = (events: readonly UnitEvent[]) => events.map((e) => `${serializeEvent(e)}\n`).join('');
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'wl-readers-')), 'ledger.jsonl');

const cli = (argv: string[]) => runCli(argv, '2025-06-01T00:00:00Z');

describe('store file readers', () => {
  it("hand out each unit's events in file order, a repeated line once, an unfinished last line left out", async () => {
    const path = tempFile();
    const [a0, a1] = visits('U-a', 0, 2);
    const [b0] = visits('U-b', 0, 1);
    writeFileSync(path, `${text([a0!, b0!, a0!, a1!])}{"id":"torn`);
    const source = await readStoreFileSource(path);
    try {
      expect([source.unitIds, source.eventCount, source.unfinished]).toEqual([
        ['U-a', 'U-b'],
        3,
        { line: 5, bytes: 11 },
      ]);
      const seen: [string, number][] = [];
      source.forEachEventOf('U-a', (event, position) => seen.push([event.id, position]));
      expect(seen).toEqual([
        [a0!.id, 0],
        [a1!.id, 2],
      ]);
    } finally {
      source.close();
    }
  });

  it('verify --store file: sees a copied line, which the store itself drops, and names its line', async () => {
    const path = tempFile();
    const store = withHashChain(await openFileStore(path));
    await store.append('U-a', visits('U-a', 0, 3));
    await store.close();
    const lines = text((await readStoreFileSnapshot(path)).events).split('\n');
    writeFileSync(path, [lines[0], lines[1], lines[0], lines[2], ''].join('\n'));
    const streams = await readStoreFileStreams(path);
    expect([...streams.streams].map((s) => s.events.length)).toEqual([4]);
    streams.close();
    const result = await cli(['verify', '--store', `file:${path}`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /U-a: line 3, revision 2, event "U-a-e0": inserted: a second copy of the event at line 1, revision 0/,
    );
  });

  it('state --store file: names the line of a sale whose policy is unknown', async () => {
    const path = tempFile();
    writeFileSync(path, text([sale('U-a'), ...visits('U-a', 0, 1), sale('U-b', 'no-such-policy')]));
    // Written by hand, unsealed: read past the chain check to reach the policy check.
    const result = await cli(['state', '--store', `file:${path}`, '--as-of', '2025-06-01', '--no-verify']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 3: data\.policyId: unknown policy "no-such-policy"/);
  });
});
