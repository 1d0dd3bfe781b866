/**
 * Rulebook 16, the preset `cn-sanbao-1995` beyond its two new rules: periods that end on the
 * same-numbered date, repair time that extends the term (fine print 24), two failed repairs of the
 * product (any problems) owing exchange or refund, and the compressor's repair-only years
 * (fine print 22).
 */
import { describe, expect, it } from 'vitest';
import { InputError, parsePolicy, PRESETS } from '../../src/index.js';
import { diagnosed, fault, outage, repaired, replaced, restored, sold } from '../support/events.js';
import { failedRepairs, given, line, policyLike } from '../support/given.js';

const U = 'U-1';
const SANBAO = 'cn-sanbao-1995';
const SALE = '2025-03-01T10:00:00+08:00';

describe('the preset as data', () => {
  const preset = PRESETS.find((p) => p.id === SANBAO)!;

  it('parses, with a title in Chinese and English', () => {
    expect(() => parsePolicy(preset)).not.toThrow();
    expect(preset.title).toMatch(/三包/);
    expect(preset.title).toMatch(/household appliances/);
  });

  it('refuses an early-fault window that offers neither exchange nor refund', () => {
    expect(() => parsePolicy({ ...preset, earlyFault: [{ days: 7, from: 'sale', remedies: ['repair'] }] })).toThrow(
      InputError,
    );
  });
});

describe('periods end on the same-numbered date (periodEnd: same-day)', () => {
  it('12 months from 1 March 2025 end on 1 March 2026, 36 on 1 March 2028', () => {
    const view = given([sold(U, SALE, SANBAO)])
      .asOf('2026-03-01')
      .view();
    expect(line(view)).toEqual({ component: 'unit', start: '2025-03-01', end: '2026-03-01', active: true });
    expect(line(view, 'compressor')).toMatchObject({ end: '2028-03-01', active: true });
    expect(
      given([sold(U, SALE, SANBAO)])
        .asOf('2026-03-02')
        .view().status,
    ).toBe('expired');
  });

  it("the sale date is Beijing's: 07:00 on 1 March there is 28 February in UTC", () => {
    const view = given([sold(U, '2025-03-01T07:00:00+08:00', SANBAO)])
      .asOf('2025-03-02')
      .view();
    expect(line(view)).toMatchObject({ start: '2025-03-01', end: '2026-03-01' });
  });

  it('a leap-day sale ends on 28 February (clamped); under day-before it ends on the 27th', () => {
    const leap = [sold(U, '2024-02-29T10:00:00+08:00', SANBAO)];
    const view = given(leap).asOf('2024-03-01').view();
    expect(line(view)).toMatchObject({ start: '2024-02-29', end: '2025-02-28' });
    expect(line(view, 'compressor')).toMatchObject({ end: '2027-02-28' });
    const dayBefore = policyLike(SANBAO, { id: 'sanbao-day-before', periodEnd: 'day-before' });
    const other = given([sold(U, '2024-02-29T10:00:00+08:00', 'sanbao-day-before')], { policies: [dayBefore] });
    expect(line(other.asOf('2024-03-01').view())).toMatchObject({ end: '2025-02-27' });
  });

  it('a part replaced in a repair gets no line of its own (partRule: none)', () => {
    const history = [
      sold(U, SALE, SANBAO),
      fault(U, '2025-05-01T09:00:00+08:00', 'F-1', { component: 'compressor' }),
      repaired(U, '2025-05-02T09:00:00+08:00', 'F-1', 'fixed', { parts: ['compressor', 'fan'] }),
    ];
    expect(given(history).asOf('2025-05-03').view().coverage).toEqual([
      { component: 'unit', start: '2025-03-01', end: '2026-03-01', active: true },
      { component: 'compressor', start: '2025-03-01', end: '2028-03-01', active: true },
    ]);
  });

  it('an exchange starts the period again from its date (Art 14)', () => {
    const history = [
      sold(U, SALE, SANBAO),
      fault(U, '2025-03-05T09:00:00+08:00', 'F-1'),
      replaced(U, '2025-03-06T09:00:00+08:00', 'statutory'),
    ];
    expect(line(given(history).asOf('2025-03-07').view())).toMatchObject({ start: '2025-03-06', end: '2026-03-06' });
  });
});

describe('repair time extends the term (extendByDowntime, fine print 24)', () => {
  it('by the whole days of closed outages; an open outage extends nothing until it is restored', () => {
    const out = outage(U, '2025-04-01T09:00:00+08:00', 'F-1');
    const open = [sold(U, SALE, SANBAO), out];
    expect(line(given(open).asOf('2025-04-20').view()).end).toBe('2026-03-01');
    // 10 days and 23 hours out of service: 10 whole days.
    const closed = [...open, restored(U, '2025-04-12T08:00:00+08:00', 'F-1')];
    const view = given(closed).asOf('2025-04-20').view();
    expect(view.downtimeMinutes).toBe(10 * 1440 + 23 * 60);
    expect(line(view).end).toBe('2026-03-11');
    expect(line(view, 'compressor').end).toBe('2028-03-11');
  });

  it('overlapping outages once, and an excluded-cause outage not at all', () => {
    const history = [
      sold(U, SALE, SANBAO),
      outage(U, '2025-04-01T09:00:00+08:00', 'F-1'),
      outage(U, '2025-04-03T09:00:00+08:00', 'F-2'),
      restored(U, '2025-04-05T09:00:00+08:00', 'F-1'),
      restored(U, '2025-04-06T09:00:00+08:00', 'F-2'),
      outage(U, '2025-05-01T09:00:00+08:00', 'F-3'),
      diagnosed(U, '2025-05-01T10:00:00+08:00', 'F-3', 'misuse'),
      restored(U, '2025-05-11T09:00:00+08:00', 'F-3'),
    ];
    expect(line(given(history).asOf('2025-06-01').view()).end).toBe('2026-03-06');
  });

  it('is off in the seller presets', () => {
    const history = [
      sold(U, '2025-03-01T09:00:00Z', 'standard-1y'),
      outage(U, '2025-04-01T09:00:00Z', 'F-1'),
      restored(U, '2025-04-11T09:00:00Z', 'F-1'),
    ];
    expect(line(given(history).asOf('2025-05-01').view()).end).toBe('2026-02-28');
  });
});

describe('two repairs of the product, still not working (Art 11; repeatedFailure.scope: unit)', () => {
  it('two failed repairs of different problems owe exchange or refund, counted per problem', () => {
    const r1 = repaired(U, '2025-05-02T09:00:00+08:00', 'F-1', 'failed');
    const r2 = repaired(U, '2025-06-02T09:00:00+08:00', 'F-2', 'failed');
    const history = [
      sold(U, SALE, SANBAO),
      fault(U, '2025-05-01T09:00:00+08:00', 'F-1', { problemCode: 'noise' }),
      r1,
      fault(U, '2025-06-01T09:00:00+08:00', 'F-2', { problemCode: 'leak' }),
      r2,
    ];
    const view = given(history).asOf('2025-06-03').view();
    expect(view.failedRepairs).toEqual([
      { component: 'unit', problemCode: 'noise', count: 1 },
      { component: 'unit', problemCode: 'leak', count: 1 },
    ]);
    expect(view.entitlements).toEqual([
      {
        kind: 'replacement',
        status: 'open',
        choices: ['replacement', 'refund'],
        because: [{ rule: 'repeated-failure', eventIds: [r1.id, r2.id] }],
      },
    ]);
  });

  it('a report of another problem fails a fixed repair; one entitlement per unit until the exchange', () => {
    const history = [
      sold(U, SALE, SANBAO),
      fault(U, '2025-05-01T09:00:00+08:00', 'F-1', { problemCode: 'noise' }),
      repaired(U, '2025-05-02T09:00:00+08:00', 'F-1', 'fixed'),
      fault(U, '2025-06-01T09:00:00+08:00', 'F-2', { problemCode: 'leak' }),
      repaired(U, '2025-06-02T09:00:00+08:00', 'F-2', 'failed'),
      fault(U, '2025-07-01T09:00:00+08:00', 'F-3', { problemCode: 'no-cooling' }),
      repaired(U, '2025-07-02T09:00:00+08:00', 'F-3', 'failed'),
    ];
    const view = given(history).asOf('2025-07-03').view();
    expect(failedRepairs(view, 'noise') + failedRepairs(view, 'leak') + failedRepairs(view, 'no-cooling')).toBe(3);
    expect(view.entitlements.filter((e) => e.because[0]?.rule === 'repeated-failure')).toHaveLength(1);
  });

  it('under problem scope (the seller presets) two different problems owe nothing', () => {
    const problemScope = policyLike(SANBAO, {
      id: 'sanbao-problem-scope',
      repeatedFailure: { threshold: { value: 2, comparison: 'at-least' }, remedy: 'replacement-or-refund' },
    });
    const history = [
      sold(U, SALE, 'sanbao-problem-scope'),
      fault(U, '2025-05-01T09:00:00+08:00', 'F-1', { problemCode: 'noise' }),
      repaired(U, '2025-05-02T09:00:00+08:00', 'F-1', 'failed'),
      fault(U, '2025-06-01T09:00:00+08:00', 'F-2', { problemCode: 'leak' }),
      repaired(U, '2025-06-02T09:00:00+08:00', 'F-2', 'failed'),
    ];
    expect(
      given(history, { policies: [problemScope] })
        .asOf('2025-06-03')
        .view().entitlements,
    ).toEqual([]);
  });
});

describe('the compressor line grants repair only (fine print 22)', () => {
  const compressorFailures = (from: string, second: string) => [
    sold(U, SALE, SANBAO),
    fault(U, `${from}T09:00:00+08:00`, 'F-1', { component: 'compressor', problemCode: 'noise' }),
    repaired(U, `${from}T12:00:00+08:00`, 'F-1', 'failed'),
    fault(U, `${second}T09:00:00+08:00`, 'F-2', { component: 'compressor', problemCode: 'noise' }),
    repaired(U, `${second}T12:00:00+08:00`, 'F-2', 'failed'),
  ];

  it('after the first year: repaired free, counted, but no exchange or refund', () => {
    const view = given(compressorFailures('2026-11-01', '2026-12-01')).asOf('2026-12-10').view();
    expect(view.status).toBe('expired');
    expect(line(view, 'compressor').active).toBe(true);
    expect(view.failedRepairs).toEqual([{ component: 'compressor', problemCode: 'noise', count: 2 }]);
    expect(view.entitlements).toEqual([]);
  });

  it("within the first year too, as fine print 22 reads (the compressor's own line decides)", () => {
    const view = given(compressorFailures('2025-06-01', '2025-07-01')).asOf('2025-07-10').view();
    expect(view.failedRepairs).toEqual([{ component: 'compressor', problemCode: 'noise', count: 2 }]);
    expect(view.entitlements).toEqual([]);
  });
});
