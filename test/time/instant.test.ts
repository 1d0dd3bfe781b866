import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth } from '../../src/time/calendar.js';
import { parseInstant } from '../../src/time/instant.js';

/** The reference: the regex-and-Date.parse parser the character-code fast path must agree with. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
function reference(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[8]!;
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const timestamp = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1990, max: 2040 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.constantFrom('', '.5', '.123', '.123456789'),
    zone: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`)),
  })
  .map((t) => `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${t.fraction}${t.zone}`);

describe('parseInstant', () => {
  it('agrees with the regex-and-Date.parse reference on well-formed and impossible timestamps', () => {
    fc.assert(fc.property(timestamp, (text) => {
      expect(parseInstant(text)).toBe(reference(text));
    }), { numRuns: 5_000 });
  });

  it('agrees with the reference on arbitrary text around the timestamp shape', () => {
    const noisy = fc.tuple(timestamp, fc.nat(30), fc.string({ maxLength: 2 })).map(([t, i, s]) => t.slice(0, i) + s + t.slice(i + s.length));
    fc.assert(fc.property(fc.oneof(noisy, fc.string({ maxLength: 30 })), (text) => {
      expect(parseInstant(text)).toBe(reference(text));
    }), { numRuns: 5_000 });
  });

  it('reads the common shapes', () => {
    expect(parseInstant('2025-03-04T08:00:00Z')).toBe(Date.UTC(2025, 2, 4, 8));
    expect(parseInstant('2025-03-04T08:00:00+08:00')).toBe(Date.UTC(2025, 2, 4, 0));
    expect(parseInstant('2024-02-29T23:59:59-05:30')).toBe(Date.UTC(2024, 2, 1, 5, 29, 59));
    expect(parseInstant('2025-02-29T00:00:00Z')).toBeUndefined();
    expect(parseInstant('2025-03-04T24:00:00Z')).toBeUndefined();
    expect(parseInstant('2025-03-04T08:00:00+25:00')).toBeUndefined();
    expect(parseInstant('2025-03-04 08:00:00Z')).toBeUndefined();
  });
});
