/**
 * Tamper evidence, as a property: in a valid sealed history written as JSONL, any
 * single edit, deletion, swap or insertion is detected by `verifyChains`, which names the event
 * where the chain first breaks and the kind of break. A deleted last event is caught by the anchor
 * taken before the edit (nothing in a chain can show that its tail was cut off).
 */
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import {
  InputError,
  parseEventLine,
  serializeEvent,
  streamsOf,
  verifyChains,
  type ChainBreakKind,
  type UnitEvent,
} from '../../src/index.js';
import { planSeal } from '../../src/store/hash-chain.js';

const tally = { tried: 0, detected: 0, kinds: new Map<string, number>() };
afterAll(() => {
  const kinds = [...tally.kinds].map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(
    `tamper evidence: ${tally.tried} single edits, deletions, swaps and insertions tried, ${tally.detected} detected (${kinds}), ${tally.tried - tally.detected} missed`,
  );
});

const T0 = Date.UTC(2025, 0, 1);
const instant = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A plain event of one of three shapes; `n` keeps ids and times distinct. */
function plain(unitId: string, n: number, shape: number): UnitEvent {
  const base = { id: `${unitId}-e${n}`, unitId, occurredAt: instant(n * 10), recordedAt: instant(n * 10 + 1) };
  if (shape === 0) return { ...base, type: 'MaintenanceVisited', data: { kind: 'periodic' } };
  if (shape === 1)
    return {
      ...base,
      type: 'FaultReported',
      data: { faultId: `F-${n}`, component: 'unit', problemCode: 'noisy', severity: 'general', outOfService: false },
    };
  return { ...base, type: 'ServiceResponded', data: { faultId: `F-${n}` } };
}

/** A sealed history: per unit a chain, the units' lines interleaved in `order`. */
const history = fc
  .array(fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 })
  .chain((units) => {
    const total = units.reduce((n, u) => n + u.length, 0);
    return fc.tuple(
      fc.constant(units),
      fc.shuffledSubarray(
        units.flatMap((u, i) => u.map(() => i)),
        { minLength: total, maxLength: total },
      ),
    );
  })
  .filter(([units]) => units.reduce((n, u) => n + u.length, 0) >= 2)
  .map(([units, order]) => {
    let n = 0;
    const streams = units.map(
      (shapes, i) =>
        planSeal(
          `U-${i}`,
          [],
          shapes.map((shape) => plain(`U-${i}`, n++, shape)),
        ).fresh,
    );
    const next = units.map(() => 0);
    return order.map((u) => streams[u]![next[u]!++]!);
  });

type Tamper =
  | {
      readonly kind: 'edit';
      readonly at: number;
      readonly field: 'occurredAt' | 'recordedAt' | 'data' | 'id' | 'hash' | 'prevHash' | 'unitId';
    }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'swap'; readonly at: number; readonly with: number }
  | {
      readonly kind: 'insert';
      readonly at: number;
      readonly what: 'copy' | 'unsealed' | 'garbage-seal' | 'chained';
      readonly from: number;
    };

const tamper: fc.Arbitrary<Tamper> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    at: fc.nat(),
    field: fc.constantFrom(
      'occurredAt' as const,
      'recordedAt' as const,
      'data' as const,
      'id' as const,
      'hash' as const,
      'prevHash' as const,
      'unitId' as const,
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    what: fc.constantFrom('copy' as const, 'unsealed' as const, 'garbage-seal' as const, 'chained' as const),
    from: fc.nat(),
  }),
);

const flip = (hex: string) => `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;

function edited(event: UnitEvent, field: Extract<Tamper, { kind: 'edit' }>['field']): UnitEvent {
  switch (field) {
    case 'occurredAt':
      return { ...event, occurredAt: instant(999_999) };
    case 'recordedAt':
      return { ...event, recordedAt: instant(999_999) };
    case 'data':
      return (
        event.type === 'MaintenanceVisited'
          ? { ...event, data: { kind: 'inspection' } }
          : { ...event, data: { ...event.data, faultId: 'F-forged' } }
      ) as UnitEvent;
    case 'id':
      return { ...event, id: `${event.id}-forged` };
    case 'hash':
      return { ...event, hash: flip(event.hash!) };
    case 'prevHash':
      return { ...event, prevHash: flip(event.prevHash!) };
    case 'unitId':
      return { ...event, unitId: event.unitId === 'U-0' ? 'U-1' : 'U-0' };
  }
}

/**
 * Applies one tamper to the lines; returns the kind of break it must show (undefined when any kind
 * will do), or null when the tamper turns out to change nothing (a swap of a line with itself).
 */
function apply(events: UnitEvent[], t: Tamper): { lines: UnitEvent[]; expected: ChainBreakKind | undefined } | null {
  const lines = [...events];
  const at = t.at % lines.length;
  switch (t.kind) {
    case 'edit':
      lines[at] = edited(lines[at]!, t.field);
      return { lines, expected: t.field === 'unitId' ? undefined : 'changed' };
    case 'delete':
      lines.splice(at, 1);
      return { lines, expected: 'removed' };
    case 'swap': {
      // Two events of the same stream trade places (lines of different streams carry no order).
      const stream = lines
        .map((e, i) => [e, i] as const)
        .filter(([e]) => e.unitId === lines[at]!.unitId)
        .map(([, i]) => i);
      const other = stream[t.with % stream.length]!;
      if (other === at) return null;
      [lines[at], lines[other]] = [lines[other]!, lines[at]!];
      return { lines, expected: 'reordered' };
    }
    case 'insert': {
      const source = lines[t.from % lines.length]!;
      const position = t.at % (lines.length + 1);
      const forged = {
        ...source,
        id: `forged-${t.from}`,
        data: source.type === 'MaintenanceVisited' ? { kind: 'inspection' } : source.data,
      } as UnitEvent;
      const before = lines.slice(0, position).filter((e) => e.unitId === source.unitId);
      const after = lines.slice(position).filter((e) => e.unitId === source.unitId);
      let inserted: UnitEvent;
      if (t.what === 'copy') inserted = source;
      else if (t.what === 'unsealed') inserted = { ...forged, prevHash: undefined, hash: undefined } as UnitEvent;
      else if (t.what === 'garbage-seal')
        inserted = { ...forged, prevHash: flip(forged.prevHash!), hash: flip(forged.hash!) };
      else {
        // Sealed exactly where it lands: only an insertion before the stream's end can be told from an append.
        if (after.length === 0) return null;
        const recordedAt = before.at(-1)?.recordedAt ?? forged.recordedAt;
        inserted = planSeal(source.unitId, before, [
          { ...forged, recordedAt, prevHash: undefined, hash: undefined } as UnitEvent,
        ]).fresh[0]!;
      }
      lines.splice(position, 0, inserted);
      // A forged event at the very end with a broken seal reads as an event changed in place.
      return {
        lines,
        expected:
          after.length === 0 && t.what === 'garbage-seal'
            ? 'changed'
            : after.length === 0 && t.what === 'unsealed'
              ? 'unsealed'
              : 'inserted',
      };
    }
  }
}

/** Through the interchange text: serialize, then parse each line as `verify FILE` does. */
function roundTrip(events: readonly UnitEvent[]): { events: UnitEvent[]; lines: number[] } {
  const parsed = events.map((e, i) => parseEventLine(serializeEvent(e), i + 1));
  for (const p of parsed) if (p instanceof InputError) throw p;
  return { events: parsed as UnitEvent[], lines: parsed.map((_, i) => i + 1) };
}

it('a valid sealed history verifies, with every event sealed', () => {
  fc.assert(
    fc.property(history, (events) => {
      const { events: read, lines } = roundTrip(events);
      const report = verifyChains(streamsOf(read, lines));
      expect(report.breaks).toEqual([]);
      expect(report.sealed).toBe(events.length);
    }),
    { numRuns: 300 },
  );
});

it('any single edit, deletion, swap or insertion is detected, and named as what it was', () => {
  fc.assert(
    fc.property(history, tamper, (events, t) => {
      const anchor = verifyChains(streamsOf(events)).heads;
      const result = apply(events, t);
      fc.pre(result !== null);
      tally.tried++;
      const { events: read, lines } = roundTrip(result.lines);
      const report = verifyChains(streamsOf(read, lines), { anchor });
      expect(report.ok).toBe(false);
      tally.detected++;
      const kinds = report.breaks.map((b) => b.kind);
      for (const kind of kinds) tally.kinds.set(kind, (tally.kinds.get(kind) ?? 0) + 1);
      if (result.expected) expect(kinds).toContain(result.expected);
      for (const b of report.breaks) expect(b.at).toMatch(/^(line \d+, )?revision \d+$/);
    }),
    { numRuns: 3_000 },
  );
});
