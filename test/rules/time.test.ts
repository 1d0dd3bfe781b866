/**
 * Rulebook 2, fine print 10 and 12: calendar dates in the policy's time zone, as-of dates (end of
 * day) and timestamps (inclusive), known-at (recording time), and late-recorded events.
 */
import { describe, expect, it } from 'vitest';
import { addMonths, dayOf, formatDay, parseDay, startOfDay, termEnd } from '../../src/time/calendar.js';
import {
  accepted,
  delivered,
  fault,
  installed,
  late,
  repaired,
  returnInspected,
  returnRequested,
  sold,
} from '../support/events.js';
import { entitlements, failedRepairs, given, line, policyLike } from '../support/given.js';

const U = 'U-1';
const day = (text: string) => parseDay(text)!;

describe('calendar arithmetic', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2023-12-31', 2, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-01-02', 72, '2031-01-02'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(formatDay(addMonths(day(from), months))).toBe(to);
  });

  it('a term ends the day before the same date N months later', () => {
    expect(formatDay(termEnd(day('2025-01-02'), 12))).toBe('2026-01-01');
    expect(formatDay(termEnd(day('2025-01-31'), 1))).toBe('2025-02-27');
  });

  it('the first instant of a date in Asia/Shanghai (UTC+8) is 16:00 UTC the day before', () => {
    expect(new Date(startOfDay(day('2025-01-22'), 'Asia/Shanghai')).toISOString()).toBe('2025-01-21T16:00:00.000Z');
    expect(formatDay(dayOf(Date.parse('2025-01-21T15:59:59Z'), 'Asia/Shanghai'))).toBe('2025-01-21');
    expect(formatDay(dayOf(Date.parse('2025-01-21T16:00:00Z'), 'Asia/Shanghai'))).toBe('2025-01-22');
  });

  it('days across a daylight-saving change, and a zone that skips midnight', () => {
    // New York springs forward on 9 Mar 2025 at 02:00: that day starts at 05:00Z (EST), the next at 04:00Z (EDT).
    expect(new Date(startOfDay(day('2025-03-09'), 'America/New_York')).toISOString()).toBe('2025-03-09T05:00:00.000Z');
    expect(new Date(startOfDay(day('2025-03-10'), 'America/New_York')).toISOString()).toBe('2025-03-10T04:00:00.000Z');
    // Santiago skips 00:00-01:00 on 8 Sep 2024: the first instant of that date is 01:00 local = 04:00Z.
    expect(new Date(startOfDay(day('2024-09-08'), 'America/Santiago')).toISOString()).toBe('2024-09-08T04:00:00.000Z');
  });
});

describe('as of a date: the end of that day', () => {
  const history = (repairAt: string) => [
    sold(U, '2025-01-01T09:00:00Z', 'standard-1y'),
    fault(U, '2025-03-01T08:00:00Z', 'F-1'),
    repaired(U, repairAt, 'F-1', 'failed'),
  ];

  it('includes an event at 23:59:59 of that day', () => {
    expect(failedRepairs(given(history('2025-03-01T23:59:59Z')).asOf('2025-03-01').view(), 'no-power')).toBe(1);
  });

  it('excludes an event at midnight after it, which the next date includes', () => {
    expect(failedRepairs(given(history('2025-03-02T00:00:00Z')).asOf('2025-03-01').view(), 'no-power')).toBe(0);
    expect(failedRepairs(given(history('2025-03-02T00:00:00Z')).asOf('2025-03-02').view(), 'no-power')).toBe(1);
  });
});

describe('as of a timestamp: inclusive (fine print 10)', () => {
  const history = [
    sold(U, '2025-01-01T09:00:00Z', 'standard-1y'),
    fault(U, '2025-03-01T08:00:00Z', 'F-1'),
    repaired(U, '2025-03-01T12:00:00Z', 'F-1', 'failed'),
  ];

  it('includes an event at exactly that instant', () => {
    expect(failedRepairs(given(history).asOf('2025-03-01T12:00:00Z').view(), 'no-power')).toBe(1);
  });

  it('excludes an event one millisecond later', () => {
    expect(failedRepairs(given(history).asOf('2025-03-01T11:59:59.999Z').view(), 'no-power')).toBe(0);
  });

  it('reads the offset: 20:00+08:00 is 12:00Z', () => {
    expect(failedRepairs(given(history).asOf('2025-03-01T20:00:00+08:00').view(), 'no-power')).toBe(1);
    expect(failedRepairs(given(history).asOf('2025-03-01T19:59:00+08:00').view(), 'no-power')).toBe(0);
  });
});

describe('known at a recording time', () => {
  const history = [
    sold(U, '2025-01-01T09:00:00Z', 'standard-1y'),
    late(installed(U, '2025-01-10T10:00:00Z'), '2025-01-10T10:05:00Z'),
    late(accepted(U, '2025-01-15T10:00:00Z'), '2025-03-01T09:00:00Z'),
  ];

  it('a late-recorded acceptance moves the start once it is known', () => {
    expect(line(given(history).asOf('2025-06-01').view())).toMatchObject({ start: '2025-01-16', end: '2026-01-15' });
  });

  it('before it was recorded, the ledger knew the completion date as the start', () => {
    expect(line(given(history).asOf('2025-06-01').knownAt('2025-02-15T00:00:00Z').view())).toMatchObject({
      start: '2025-01-10',
      end: '2026-01-09',
    });
  });

  it('known-at is inclusive: an event recorded at exactly that instant is known', () => {
    expect(line(given(history).asOf('2025-06-01').knownAt('2025-03-01T09:00:00Z').view()).start).toBe('2025-01-16');
    expect(line(given(history).asOf('2025-06-01').knownAt('2025-03-01T08:59:59Z').view()).start).toBe('2025-01-10');
  });

  it('as of a date before the acceptance occurred, even what is known now shows the completion start', () => {
    expect(line(given(history).asOf('2025-01-14').view()).start).toBe('2025-01-10');
  });
});

describe('a late-recorded event gives the result it would have given on time (rulebook 2)', () => {
  // A fault between completion (10 Jan) and acceptance (15 Jan) is covered: coverage had started at completion.
  const onTime = [
    sold(U, '2025-01-01T09:00:00Z', 'standard-1y'),
    installed(U, '2025-01-10T10:00:00Z'),
    accepted(U, '2025-01-15T10:00:00Z'),
    fault(U, '2025-01-12T08:00:00Z', 'F-1'),
    repaired(U, '2025-01-13T08:00:00Z', 'F-1', 'failed'),
  ];
  const recordedLate = onTime.map((e) => (e.type === 'AcceptanceSigned' ? late(e, '2025-03-01T09:00:00Z') : e));

  it('the same view, whatever order and time the events were recorded in', () => {
    const reversed = [...recordedLate].reverse();
    expect(given(reversed).asOf('2025-06-01').view()).toEqual(given(onTime).asOf('2025-06-01').view());
  });

  it('the repair is counted: the fault was reported within the coverage as it stood then', () => {
    expect(failedRepairs(given(recordedLate).asOf('2025-06-01').view(), 'no-power')).toBe(1);
  });
});

describe('a unit is listed once one of its events occurred and was known (fine print 12)', () => {
  const history = [
    late(sold(U, '2025-01-10T09:00:00Z', 'standard-1y'), '2025-01-20T09:00:00Z'),
    sold('U-2', '2025-01-01T09:00:00Z', 'standard-1y'),
  ];

  it('not before its first event occurred', () => {
    expect(Object.keys(given(history).asOf('2025-01-09').units())).toEqual(['U-2']);
    expect(Object.keys(given(history).asOf('2025-01-10').units())).toEqual(['U-1', 'U-2']);
  });

  it('not before its first event was recorded', () => {
    expect(Object.keys(given(history).asOf('2025-06-01').knownAt('2025-01-19T00:00:00Z').units())).toEqual(['U-2']);
  });
});

describe('a policy time zone with daylight saving (America/New_York)', () => {
  const newYork = policyLike('standard-1y', { id: 'new-york-1y', timeZone: 'America/New_York' });
  // Clocks spring forward on 9 Mar 2025: that date ends at 04:00Z on the 10th (midnight EDT).
  const history = (repairAt: string) => [
    sold(U, '2025-01-01T15:00:00Z', 'new-york-1y'),
    fault(U, '2025-03-09T15:00:00Z', 'F-1'),
    repaired(U, repairAt, 'F-1', 'failed'),
  ];

  it('an as-of date ends at local midnight, whatever the offset that day', () => {
    expect(
      failedRepairs(
        given(history('2025-03-10T03:59:59Z'), { policies: [newYork] })
          .asOf('2025-03-09')
          .view(),
        'no-power',
      ),
    ).toBe(1);
    expect(
      failedRepairs(
        given(history('2025-03-10T04:00:00Z'), { policies: [newYork] })
          .asOf('2025-03-09')
          .view(),
        'no-power',
      ),
    ).toBe(0);
  });
});

describe('a policy time zone other than UTC (Asia/Shanghai, UTC+8)', () => {
  const shanghai = policyLike('standard-1y', { id: 'shanghai-1y', timeZone: 'Asia/Shanghai' });
  const inShanghai = (history: Parameters<typeof given>[0]) => given(history, { policies: [shanghai] });

  it('an acceptance at 17:00Z on 20 Jan is 01:00 on 21 Jan in Shanghai: coverage starts 22 Jan', () => {
    const view = inShanghai([sold(U, '2025-01-10T09:00:00Z', 'shanghai-1y'), accepted(U, '2025-01-20T17:00:00Z')])
      .asOf('2025-06-01')
      .view();
    expect(line(view)).toMatchObject({ start: '2025-01-22', end: '2026-01-21' });
    // The same history under UTC starts a day earlier.
    const utc = given([sold(U, '2025-01-10T09:00:00Z', 'standard-1y'), accepted(U, '2025-01-20T17:00:00Z')])
      .asOf('2025-06-01')
      .view();
    expect(line(utc).start).toBe('2025-01-21');
  });

  it('an as-of date ends at midnight Shanghai time (16:00Z)', () => {
    const before = [sold(U, '2025-01-10T09:00:00Z', 'shanghai-1y'), accepted(U, '2025-01-21T15:59:00Z')]; // 23:59 on the 21st
    const after = [sold(U, '2025-01-10T09:00:00Z', 'shanghai-1y'), accepted(U, '2025-01-21T16:00:00Z')]; // 00:00 on the 22nd
    expect(line(inShanghai(before).asOf('2025-01-21').view())).toMatchObject({ start: '2025-01-22', active: false });
    expect(inShanghai(before).asOf('2025-01-21').view().status).toBe('pending');
    // Not occurred by the end of 21 Jan in Shanghai: the sale date is still the start.
    expect(line(inShanghai(after).asOf('2025-01-21').view())).toMatchObject({ start: '2025-01-10', active: true });
  });

  it('the last covered day ends at 16:00Z: active at 15:59:59Z, expired at 16:00:00Z', () => {
    const history = [sold(U, '2025-01-10T09:00:00Z', 'shanghai-1y'), accepted(U, '2025-01-20T17:00:00Z')]; // covered to 2026-01-21
    expect(inShanghai(history).asOf('2026-01-21T15:59:59Z').view().status).toBe('active');
    expect(inShanghai(history).asOf('2026-01-21T16:00:00Z').view().status).toBe('expired');
  });

  it('the return window is judged by the request date in Shanghai', () => {
    const project = policyLike('project-3y', { id: 'shanghai-3y', timeZone: 'Asia/Shanghai' });
    // Delivered 3 Mar (18:00 in Shanghai): the 15-day window takes requests dated up to 18 Mar, Shanghai time.
    const history = (requestAt: string) => [
      sold(U, '2025-03-01T09:00:00Z', 'shanghai-3y'),
      delivered(U, '2025-03-03T10:00:00Z'),
      returnRequested(U, requestAt, 'R-1', 'no-reason'),
      returnInspected(U, '2025-03-20T10:00:00Z', 'R-1', { intact: true, humanDamage: false }),
    ];
    const refunds = (requestAt: string) =>
      entitlements(
        given(history(requestAt), { policies: [project] })
          .asOf('2025-03-25')
          .view(),
        'refund',
      );
    expect(refunds('2025-03-18T15:59:00Z')).toHaveLength(1); // 23:59 on 18 Mar in Shanghai
    expect(refunds('2025-03-18T16:30:00Z')).toHaveLength(0); // 00:30 on 19 Mar in Shanghai
  });
});
