/**
 * A model-based property for the store contract: random appends (new events, retried events,
 * every kind of expected revision) against a store and against a plain-array model, which must
 * agree on every result, every conflict, each stream and the global order.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ConcurrencyError } from '../../src/errors.js';
import type { UnitEvent } from '../../src/events/envelope.js';
import type { EventStore, ExpectedRevision } from '../../src/store/event-store.js';
import { freshUnitId, idsOf, readAllOf, visit } from './helpers.js';

interface Op {
  readonly unit: number;
  readonly fresh: number;
  readonly retry: boolean;
  readonly expect: 'any' | 'no-stream' | 'stream-exists' | 'exact' | 'stale';
}

const op = fc.record({
  unit: fc.integer({ min: 0, max: 2 }),
  fresh: fc.integer({ min: 1, max: 3 }),
  retry: fc.boolean(),
  expect: fc.constantFrom('any', 'no-stream', 'stream-exists', 'exact', 'stale'),
});

function expectedOf(kind: Op['expect'], last: number): ExpectedRevision {
  if (kind === 'exact') return last < 0 ? 'no-stream' : last;
  if (kind === 'stale') return last < 0 ? 0 : last - 1;
  return kind;
}

function allowed(expected: ExpectedRevision, last: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return last === -1;
  if (expected === 'stream-exists') return last >= 0;
  return expected === last;
}

export function describeModelContract(open: () => Promise<EventStore>, runs: number): void {
  it('agrees with a plain-array model on random appends, retries and expected revisions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const store = await open();
        const units = [freshUnitId('M'), freshUnitId('M'), freshUnitId('M')];
        const streams: UnitEvent[][] = [[], [], []];
        const all: string[] = [];
        let n = 0;
        for (const { unit, fresh, retry, expect: kind } of ops) {
          const stream = streams[unit]!;
          const unitId = units[unit]!;
          const added = Array.from({ length: fresh }, () => visit(unitId, n++));
          const events = retry && stream.length > 0 ? [stream[stream.length - 1]!, ...added] : added;
          const expected = expectedOf(kind, stream.length - 1);
          const outcome = await store.append(unitId, events, { expectedRevision: expected }).catch((e: unknown) => e);
          if (allowed(expected, stream.length - 1)) {
            stream.push(...added);
            all.push(...added.map((e) => e.id));
            expect(outcome).toEqual({ nextExpectedRevision: stream.length - 1, written: fresh });
          } else {
            expect(outcome).toBeInstanceOf(ConcurrencyError);
            expect(outcome).toMatchObject({ actualRevision: stream.length === 0 ? 'no-stream' : stream.length - 1 });
          }
        }
        for (const [i, unitId] of units.entries())
          expect(idsOf(await store.readStream(unitId))).toEqual(streams[i]!.map((e) => e.id));
        expect(idsOf(await readAllOf(store)).filter((id) => id.startsWith('M-'))).toEqual(all);
      }),
      { numRuns: runs },
    );
  });
}
