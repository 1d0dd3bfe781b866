/**
 * `import` reads its file as an offset index and each unit's events back from the file in their
 * turn: the store ends up with what the file says, whatever its characters, in each unit's
 * recording order, and a second import writes nothing. (Reads across the file's 4 MB parts:
 * test/events/file-history.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { UnitEvent } from '../../src/events/envelope.js';
import { serializeEvent } from '../../src/events/jsonl.js';
import { runCli } from '../support/cli.js';
import { readStoreFileSnapshot } from '../../src/store/file/store-file-readers.js';
import { visits } from '../contract/helpers.js';
import { late, sold, withId } from '../support/events.js';

const dir = mkdtempSync(join(tmpdir(), 'wl-import-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (argv: string[]) => runCli(argv, '2026-06-01T00:00:00Z');

/** Units named in several scripts, each sold and visited; the file lists every unit's events in reverse recording order. */
function history(units: number): UnitEvent[] {
  const names = ['冰箱', 'é', '😀', 'plain'];
  return Array.from({ length: units }, (_, u) => {
    const unitId = `U-${names[u % names.length]}-${u}`;
    return [withId(sold(unitId, '2025-01-02T09:00:00Z', 'standard-1y'), `${unitId}-sold`), ...visits(unitId, 2, 3)];
  }).flat();
}

describe('import from a file', () => {
  it('stores every unit in recording order, and a second import writes nothing', async () => {
    const events = history(1000);
    // The file lists each unit's events last-recorded first; a late-recorded copy stays where its recordedAt puts it.
    const lines = [...events].reverse().map((e) => `${serializeEvent(e)}\n`);
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, lines.join(''));
    const store = join(dir, 'store.jsonl');

    const first = await cli(['import', file, '--store', `file:${store}`]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain(`read ${events.length} events (1000 units), wrote ${events.length}, skipped 0`);
    const { events: stored } = await readStoreFileSnapshot(store);
    const byUnit = (list: readonly UnitEvent[]) => {
      const units = new Map<string, string[]>();
      for (const e of list) units.set(e.unitId, [...(units.get(e.unitId) ?? []), e.id]);
      return units;
    };
    expect(byUnit(stored)).toEqual(byUnit(events));
    expect(stored.every((e) => e.hash !== undefined)).toBe(true);

    const again = await cli(['import', file, '--store', `file:${store}`]);
    expect(again.stdout).toContain(`wrote 0, skipped ${events.length} already stored`);

    const fromFile = await cli(['state', file, '--as-of', '2026-01-01', '--json']);
    const fromStore = await cli(['state', '--store', `file:${store}`, '--as-of', '2026-01-01', '--json']);
    expect(fromStore.code).toBe(0);
    expect(fromStore.stdout).toBe(fromFile.stdout);
  });

  it('refuses an event recorded before one already in its stream, naming both', async () => {
    const unitId = 'U-1';
    const sale = withId(sold(unitId, '2025-01-02T09:00:00Z', 'standard-1y'), 's1');
    const store = join(dir, 'late.jsonl');
    const file = join(dir, 'first.jsonl');
    writeFileSync(file, `${serializeEvent(late(sale, '2025-03-01T00:00:00Z'))}\n`);
    expect((await cli(['import', file, '--store', `file:${store}`])).code).toBe(0);
    const backdated = withId(late(visits(unitId, 1, 1)[0]!, '2025-02-01T00:00:00Z'), 'v1');
    writeFileSync(file, `${serializeEvent(backdated)}\n`);
    const refused = await cli(['import', file, '--store', `file:${store}`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/v1 was recorded at 2025-02-01T00:00:00Z, before s1/);
  });
});
