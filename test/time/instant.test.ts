import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The reference: the library's own regex-and-Date.parse path, which the character-code fast path must agree with.
import { formatInZone } from '../../src/time/calendar.js';
import { END_INSTANT_MS, FIRST_INSTANT_MS, parseAnyInstant, parseInstant } from '../../src/time/instant.js';

/** The reference's instant, within the years parseInstant accepts. */
const reference = (text: string) => {
  const ms = parseAnyInstant(text);
  return ms !== undefined && ms >= FIRST_INSTANT_MS && ms < END_INSTANT_MS ? ms : undefined;
};

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
    zone: fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
        .map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`),
    ),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${t.fraction}${t.zone}`,
  );

describe('parseInstant', () => {
  it('agrees with the regex-and-Date.parse reference on well-formed and impossible timestamps', () => {
    fc.assert(
      fc.property(timestamp, (text) => {
        expect(parseInstant(text)).toBe(reference(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('agrees with the reference on arbitrary text around the timestamp shape', () => {
    const noisy = fc
      .tuple(timestamp, fc.nat(30), fc.string({ maxLength: 2 }))
      .map(([t, i, s]) => t.slice(0, i) + s + t.slice(i + s.length));
    fc.assert(
      fc.property(fc.oneof(noisy, fc.string({ maxLength: 30 })), (text) => {
        expect(parseInstant(text)).toBe(reference(text));
      }),
      { numRuns: 5_000 },
    );
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

describe('formatInZone', () => {
  it("reads an instant on the zone's wall clock, with the offset", () => {
    const ms = Date.parse('2025-01-09T23:00:00Z');
    expect(formatInZone(ms, 'Asia/Shanghai')).toBe('2025-01-10T07:00:00+08:00');
    expect(formatInZone(ms, 'UTC')).toBe('2025-01-09T23:00:00+00:00');
    expect(formatInZone(ms, 'America/St_Johns')).toBe('2025-01-09T19:30:00-03:30');
    expect(formatInZone(Date.parse('2025-07-01T12:00:00.250Z'), 'Europe/Berlin')).toBe('2025-07-01T14:00:00.250+02:00');
  });
});
