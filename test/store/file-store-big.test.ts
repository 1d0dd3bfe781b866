/**
 * A store file past V8's string limit (512 MiB) opens: the file store reads its file in parts into
 * an offset index, so no string ever holds the file. Built here from ~200 KB events (repairs with a
 * thousand replaced parts), written with plain fs calls, about 600 MiB.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeEvent } from '../../src/events/jsonl.js';
import type { UnitEvent } from '../../src/events/envelope.js';
import { openFileStore } from '../../src/store/file/file-store.js';

const STREAMS = 4;
const PER_STREAM = 770;
const component = (k: number) => `component-${String(k).padStart(4, '0')}-${'x'.repeat(180)}`;
const parts = Array.from({ length: 1_000 }, (_, k) => ({ component: component(k) }));

function repair(unitId: string, n: number): UnitEvent {
  const at = new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString();
  return {
    id: `${unitId}-r${n}`,
    type: 'RepairCompleted',
    unitId,
    occurredAt: at,
    recordedAt: at,
    data: { faultId: `F-${n}`, outcome: 'fixed', partsReplaced: parts },
  } as UnitEvent;
}

describe('file store past 512 MiB', () => {
  it('opens, reads a stream and everything, and appends', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-big-'));
    const path = join(dir, 'ledger.jsonl');
    try {
      const fd = openSync(path, 'w');
      for (let n = 0; n < PER_STREAM; n++)
        for (let s = 0; s < STREAMS; s++) writeSync(fd, `${serializeEvent(repair(`U-${s}`, n))}\n`);
      closeSync(fd);
      expect(statSync(path).size).toBeGreaterThan(512 * 1024 * 1024);

      const store = await openFileStore(path);
      try {
        expect(store.recovery).toBeUndefined();
        const stream = await store.readStream('U-2');
        expect(stream.map((r) => r.revision)).toEqual(Array.from({ length: PER_STREAM }, (_, n) => n));
        expect(stream[PER_STREAM - 1]!.event).toEqual(repair('U-2', PER_STREAM - 1));
        let count = 0;
        let last: bigint | undefined;
        for await (const recorded of store.readAll()) {
          expect(recorded.streamId).toBe(`U-${count % STREAMS}`);
          last = recorded.position;
          count++;
        }
        expect([count, last]).toEqual([STREAMS * PER_STREAM, BigInt(STREAMS * PER_STREAM - 1)]);
        const result = await store.append('U-1', [repair('U-1', PER_STREAM)], { expectedRevision: PER_STREAM - 1 });
        expect(result).toEqual({ nextExpectedRevision: PER_STREAM, written: 1 });
        expect((await store.readStream('U-1')).at(-1)!.event).toEqual(repair('U-1', PER_STREAM));
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
