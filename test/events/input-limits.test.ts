/**
 * Input limits that hold before the work (docs/reliability.md, "Input limits"): nesting depth,
 * timestamps and dates in the years 1000 to 9999, and coverage that extensions cannot push past
 * 9999-12-31. Each refusal is an InputError naming the line (and field).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../../src/errors.js';
import { Timestamp } from '../../src/events/catalogue.js';
import { parseEvent, parseJsonl } from '../../src/events/jsonl.js';
import { parseJsonlHistory } from '../../src/events/jsonl-history.js';
import { MAX_NESTING, nestsTooDeep } from '../../src/events/nesting.js';
import {
  createPolicyBook,
  explainUnit,
  formatExplanation,
  parsePolicies,
  parsePolicy,
  projectUnits,
  stateDocument,
  timelineData,
  timelineHtml,
} from '../../src/index.js';
import { addMonths, dayFromCivil, dayOf, formatDay, LAST_DAY, parseDay, termEnd } from '../../src/time/calendar.js';
import { parseTimePoint, toTimePoint } from '../../src/time/as-of.js';
import { extended, outage, restored, sold } from '../support/events.js';
import { policyLike } from '../support/given.js';

const saleLine = JSON.stringify({
  id: 's-1',
  type: 'UnitSold',
  unitId: 'U-1',
  occurredAt: '2025-01-01T00:00:00Z',
  data: { serialNumber: 'S', brand: 'B', model: 'M', customerId: 'C', policyId: 'standard-1y' },
});
const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);
/** A line whose `data.a` holds `depth` nested arrays; the line itself nests depth + 2 levels. */
const deepLine = (depth: number, id = 'x') =>
  `{"id":${JSON.stringify(id)},"type":"UnitDelivered","unitId":"U-1","occurredAt":"2025-01-02T00:00:00Z","data":{"a":${nested(depth)}}}`;

/** The messages of what `f` throws (InputErrors, or the error itself). */
function refusal(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    if (error instanceof InputErrors) return error.errors.map((e) => e.message);
    if (error instanceof InputError) return [error.message];
    return error;
  }
  return 'accepted';
}

describe('nesting depth', () => {
  // Before: RangeError: Maximum call stack size exceeded (the `__proto__` walk runs on a line with an escape).
  it('a line of 6,000 nested arrays is line N: nested deeper than 64 levels, in parseJsonl and parseJsonlHistory', () => {
    const text = `${saleLine}\n${deepLine(6_000, 'x\\u0041')}\n${deepLine(6_000)}\n`;
    const expected = ['line 2: nested deeper than 64 levels', 'line 3: nested deeper than 64 levels'];
    expect(refusal(() => parseJsonl(text))).toEqual(expected);
    expect(refusal(() => parseJsonlHistory(text))).toEqual(expected);
  });

  it('refuses one level past the limit and leaves the limit itself to the schemas', () => {
    // The envelope and data are 2 levels: 62 arrays inside them nest 64.
    expect(refusal(() => parseJsonl(deepLine(MAX_NESTING - 2)))).toEqual(['line 1: data.a: unknown field']);
    expect(refusal(() => parseJsonl(deepLine(MAX_NESTING - 1)))).toEqual(['line 1: nested deeper than 64 levels']);
  });

  it('brackets and escaped quotes inside strings do not count', () => {
    const reason = `${'['.repeat(500)}\\"${'{'.repeat(500)}\\\\`;
    const line = `{"id":"w","type":"WarrantyExtended","unitId":"U-1","occurredAt":"2025-01-02T00:00:00Z","data":{"months":1,"reason":"${reason}"}}`;
    expect(parseJsonl(`${saleLine}\n${line}`).events[1]!.data).toEqual({
      months: 1,
      reason: JSON.parse(`"${reason}"`),
    });
  });

  it('the scan agrees with the depth of the parsed value, strings full of brackets included', () => {
    const depthOf = (v: unknown): number =>
      v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;
    const tricky = fc.stringMatching(/^[[\]{}"\\a]{0,12}$/);
    const wrap = fc.tuple(fc.boolean(), tricky);
    const value = fc
      .tuple(
        fc.integer({ min: MAX_NESTING - 3, max: MAX_NESTING + 3 }),
        fc.array(wrap, { maxLength: MAX_NESTING + 3 }),
        fc.jsonValue({ maxDepth: 3 }),
      )
      .map(([depth, wraps, inner]) => {
        let v: unknown = inner;
        for (let i = 0; i < depth; i++) {
          const [asArray, key] = wraps[i % Math.max(wraps.length, 1)] ?? [true, ''];
          v = asArray ? [key, v] : { [key]: v };
        }
        return v;
      });
    fc.assert(
      fc.property(value, (v) => {
        expect(nestsTooDeep(JSON.stringify(v))).toBe(depthOf(v) > MAX_NESTING);
      }),
      { numRuns: 300 },
    );
  });

  // Before: RangeError from the `__proto__` walk, for a caller's value, a cycle and a policy file's list.
  it('parseEvent and parsePolicies refuse a too deep (or cyclic) value as an InputError', () => {
    const deep: unknown = JSON.parse(nested(6_000));
    const event = {
      id: 'x',
      type: 'UnitDelivered',
      unitId: 'U-1',
      occurredAt: '2025-01-02T00:00:00Z',
      data: { a: deep },
    };
    expect(parseEvent(event, 7)).toMatchObject({ message: 'line 7: data.a: nested deeper than 64 levels' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(parseEvent({ ...event, data: cyclic }, 8)).toMatchObject({
      message: 'line 8: data.self: nested deeper than 64 levels',
    });
    expect(refusal(() => parsePolicies(deep, 'p.json'))).toEqual(['p.json: 0.0.0: nested deeper than 64 levels']);
    expect(refusal(() => parsePolicy({ id: deep }, 'p.json'))).toEqual(['p.json: id.0: nested deeper than 64 levels']);
  });
});

describe('timestamps and dates in the years 1000 to 9999', () => {
  const at = (occurredAt: string, recordedAt?: string) =>
    JSON.stringify({
      id: 'e',
      type: 'UnitDelivered',
      unitId: 'U-1',
      occurredAt,
      ...(recordedAt ? { recordedAt } : {}),
      data: {},
    });

  // Before: all accepted (0050 read as 1950 in a non-UTC zone).
  it('refuses timestamps outside 1000-01-02 .. 9999-12-30 (UTC), naming the line and field', () => {
    const range =
      'expected a time from 1000-01-02 to 9999-12-30 (UTC), so that its date is in the years 1000 to 9999 in every time zone';
    expect(
      refusal(() =>
        parseJsonl(
          [
            at('0050-01-01T00:00:00Z'),
            at('0999-12-31T12:00:00Z'),
            at('1000-01-01T23:59:59Z'),
            at('2025-01-01T00:00:00Z', '9999-12-31T00:00:00Z'),
            at('9999-12-31T12:00:00+14:00', '0000-01-01T00:00:00+01:00'),
          ].join('\n'),
        ),
      ),
    ).toEqual([
      `line 1: occurredAt: ${range}, got "0050-01-01T00:00:00Z"`,
      `line 2: occurredAt: ${range}, got "0999-12-31T12:00:00Z"`,
      `line 3: occurredAt: ${range}, got "1000-01-01T23:59:59Z"`,
      `line 4: recordedAt: ${range}, got "9999-12-31T00:00:00Z"`,
      `line 5: recordedAt: ${range}, got "0000-01-01T00:00:00+01:00"`,
    ]);
  });

  it("the catalogue's Timestamp schema (for commands) refuses them with the same reason", () => {
    expect(Timestamp.safeParse('2025-03-01T00:00:00Z').success).toBe(true);
    const refused = Timestamp.safeParse('0050-03-01T00:00:00Z');
    expect(refused.success ? 'accepted' : refused.error.issues.map((i) => i.message)).toEqual([
      'expected a time from 1000-01-02 to 9999-12-30 (UTC), so that its date is in the years 1000 to 9999 in every time zone, got "0050-03-01T00:00:00Z"',
    ]);
    const dateOnly = Timestamp.safeParse('2025-03-01');
    expect(dateOnly.success ? 'accepted' : dateOnly.error.issues.map((i) => i.message)).toEqual([
      'expected an ISO 8601 timestamp with an offset, got "2025-03-01"',
    ]);
  });

  it('accepts the first and last instants of the range', () => {
    const { events } = parseJsonl(
      [
        at('1000-01-02T00:00:00Z'),
        at('9999-12-30T23:59:59.999Z').replace('"e"', '"f"'),
        at('9999-12-31T20:00:00+20:01').replace('"e"', '"g"'),
      ].join('\n'),
    );
    expect(events.map((e) => e.occurredAt)).toEqual([
      '1000-01-02T00:00:00Z',
      '9999-12-30T23:59:59.999Z',
      '9999-12-31T20:00:00+20:01',
    ]);
  });

  // Before: Date.UTC read the year 50 as 1950, so a Berlin date of the year 50 came out as one of 1950.
  it('dates in a time zone do not shift for the years 0 to 99', () => {
    expect(formatDay(dayOf(dayFromCivil(50, 6, 1) * 86_400_000 + 43_200_000, 'Europe/Berlin'))).toBe('0050-06-01');
  });

  it('as-of and known-at, and policy dates, are refused outside the years 1000 to 9999', () => {
    expect(parseDay('0999-12-31')).toBeUndefined();
    expect(parseDay('1000-01-01')).toBe(dayFromCivil(1000, 1, 1));
    expect(refusal(() => parseTimePoint('0050-06-01', '--as-of'))).toEqual([
      '--as-of: expected a date in the years 1000 to 9999, got "0050-06-01"',
    ]);
    expect(refusal(() => toTimePoint(new Date(Date.UTC(-1, 0, 1)), 'asOf'))).toEqual([
      'asOf: expected a time from 1000-01-02 to 9999-12-30 (UTC), so that its date is in the years 1000 to 9999 in every time zone',
    ]);
    expect(refusal(() => toTimePoint(new Date(Number.NaN), 'asOf'))).toHaveLength(1);
    expect(refusal(() => toTimePoint({ kind: 'date', day: dayFromCivil(-1, 12, 31) }, 'asOf'))).toEqual([
      'asOf: expected a date in the years 1000 to 9999',
    ]);
    expect(refusal(() => projectUnits([], { asOf: '0999-06-01' }))).toEqual([
      'asOf: expected a date in the years 1000 to 9999, got "0999-06-01"',
    ]);
    expect(refusal(() => policyLike('standard-1y', { effectiveFrom: '0050-01-01' }))).toEqual([
      'effectiveFrom: expected a date YYYY-MM-DD in the years 1000 to 9999',
    ]);
  });
});

describe('coverage can never end past 9999-12-31', () => {
  it('one extension, and one policy term, is at most 1,200 months', () => {
    const extension = (months: number) =>
      `{"id":"w","type":"WarrantyExtended","unitId":"U-1","occurredAt":"2025-01-02T00:00:00Z","data":{"months":${months},"reason":"r"}}`;
    expect(
      refusal(() => parseJsonl(`${saleLine}\n${extension(1_200)}\n${extension(1_201).replace('"w"', '"v"')}`)),
    ).toEqual(['line 3: data.months: must be at most 1200']);
    expect(
      refusal(() =>
        policyLike('standard-1y', { coverage: [{ component: 'unit', months: 1_201, remedies: ['repair'] }] }),
      ),
    ).toEqual(['coverage.0.months: must be at most 1200']);
  });

  it('month arithmetic stops at 9999-12-31', () => {
    expect(formatDay(addMonths(dayFromCivil(2025, 1, 1), 1_200 * 2_800))).toBe('9999-12-31');
    expect(formatDay(termEnd(dayFromCivil(9999, 6, 1), 12))).toBe('9999-12-31');
    expect(formatDay(termEnd(dayFromCivil(9998, 1, 1), 12))).toBe('9998-12-31');
    expect(LAST_DAY).toBe(dayFromCivil(9999, 12, 31));
  });

  const berlin = policyLike('standard-1y', { id: 'berlin-1y', timeZone: 'Europe/Berlin', extendByDowntime: true });
  const history = [
    sold('U-1', '2025-01-01T09:00:00Z', 'berlin-1y'),
    ...Array.from({ length: 100 }, (_, i) =>
      extended(
        'U-1',
        `2025-01-02T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
        1_200,
      ),
    ),
    // 30 days out of service, added to the term by extendByDowntime: past the last day too.
    outage('U-1', '2025-02-01T00:00:00Z', 'F-1'),
    restored('U-1', '2025-03-03T00:00:00Z', 'F-1'),
  ];

  // Before: the line ended on 282025-12-31, and the report died with RangeError: Invalid time value.
  it('100 extensions of 1,200 months (10,000 years) and a downtime extension end on 9999-12-31, and every output is made', () => {
    const view = stateDocument(projectUnits(history, { asOf: '2025-06-01', policies: createPolicyBook([berlin]) }))
      .units['U-1']!;
    expect(view.coverage).toEqual([{ component: 'unit', start: '2025-01-01', end: '9999-12-31', active: true }]);
    const options = { asOf: '9999-12-31', policies: createPolicyBook([berlin]) };
    expect(stateDocument(projectUnits(history, options)).units['U-1']!.coverage[0]!.end).toBe('9999-12-31');
    const explanation = explainUnit(history, 'U-1', options)!;
    expect(formatExplanation(explanation)).toContain('9999-12-31');
    const timeline = timelineData(history, 'U-1', options)!;
    expect(timeline.bars.map((bar) => [bar.end, bar.endMs])).toEqual([['9999-12-31', Date.UTC(9999, 11, 31, 23)]]);
    expect(timelineHtml(timeline)).toContain('9999-12-31');
  });
});
