/**
 * Rulebook 2 and 4: terms per component. N months from S cover [S, S + N months), the reported end
 * is inclusive, month arithmetic clamps to the month's end; extensions add months; lifetime lines
 * have no end.
 */
import { describe, expect, it } from 'vitest';
import { accepted, extended, fault, repaired, restored, sold } from '../support/events.js';
import { given, line, policyLike } from '../support/given.js';

const U = 'U-1';
/** Sold and accepted on 1 Jan 2025: coverage starts 2 Jan 2025. */
const start2Jan2025 = (policyId: string) => [
  sold(U, '2025-01-01T09:00:00Z', policyId),
  accepted(U, '2025-01-01T10:00:00Z'),
];
const monthly = policyLike('standard-1y', {
  id: 'monthly',
  coverage: [{ component: 'unit', months: 1, remedies: ['repair'] }],
});

describe('inclusive end dates', () => {
  const history = start2Jan2025('standard-1y'); // [2025-01-02, 2026-01-02): end 2026-01-01

  it('the last covered day is active', () => {
    const view = given(history).asOf('2026-01-01').view();
    expect(view.status).toBe('active');
    expect(line(view)).toEqual({ component: 'unit', start: '2025-01-02', end: '2026-01-01', active: true });
  });

  it('the day after the last covered day is expired', () => {
    const view = given(history).asOf('2026-01-02').view();
    expect(view.status).toBe('expired');
    expect(line(view)).toEqual({ component: 'unit', start: '2025-01-02', end: '2026-01-01', active: false });
  });

  it('as-of timestamps: the last second of the last day is covered, midnight after is not', () => {
    expect(given(history).asOf('2026-01-01T23:59:59Z').view().status).toBe('active');
    expect(given(history).asOf('2026-01-02T00:00:00Z').view().status).toBe('expired');
  });

  it('the day before the start is pending', () => {
    expect(given(history).asOf('2025-01-01').view().status).toBe('pending');
  });
});

describe('month clamping', () => {
  it('31 Jan + 1 month = 28 Feb (2025): 31 Jan to 27 Feb are covered', () => {
    const view = given([sold(U, '2025-01-31T09:00:00Z', 'monthly')], { policies: [monthly] })
      .asOf('2025-02-27')
      .view();
    expect(line(view)).toEqual({ component: 'unit', start: '2025-01-31', end: '2025-02-27', active: true });
    expect(
      given([sold(U, '2025-01-31T09:00:00Z', 'monthly')], { policies: [monthly] })
        .asOf('2025-02-28')
        .view().status,
    ).toBe('expired');
  });

  it('31 Jan + 1 month = 29 Feb in a leap year (2024): the end is 28 Feb', () => {
    const view = given([sold(U, '2024-01-31T09:00:00Z', 'monthly')], { policies: [monthly] })
      .asOf('2024-02-28')
      .view();
    expect(line(view)).toEqual({ component: 'unit', start: '2024-01-31', end: '2024-02-28', active: true });
  });

  it('31 Mar + 1 month = 30 Apr: the end is 29 Apr', () => {
    const view = given([sold(U, '2025-03-31T09:00:00Z', 'monthly')], { policies: [monthly] })
      .asOf('2025-04-01')
      .view();
    expect(line(view).end).toBe('2025-04-29');
  });

  it('a start on 29 Feb 2024 + 12 months clamps to 28 Feb 2025: the end is 27 Feb 2025', () => {
    const view = given([sold(U, '2024-02-29T09:00:00Z', 'standard-1y')], { policies: [] })
      .asOf('2025-02-27')
      .view();
    expect(line(view)).toEqual({ component: 'unit', start: '2024-02-29', end: '2025-02-27', active: true });
    expect(
      given([sold(U, '2024-02-29T09:00:00Z', 'standard-1y')])
        .asOf('2025-02-28')
        .view().status,
    ).toBe('expired');
  });

  it('a start on 1 Mar 2023 + 12 months = 1 Mar 2024: the leap day 29 Feb 2024 is the last covered day', () => {
    const history = [sold(U, '2023-03-01T09:00:00Z', 'standard-1y')];
    expect(line(given(history).asOf('2024-02-29').view())).toMatchObject({ end: '2024-02-29', active: true });
    expect(given(history).asOf('2024-03-01').view().status).toBe('expired');
  });

  it('a start on 29 Feb 2024 + 48 months (12 + a 36-month extension) lands on 29 Feb 2028: the end is 28 Feb 2028', () => {
    const history = [sold(U, '2024-02-29T09:00:00Z', 'standard-1y'), extended(U, '2024-03-01T09:00:00Z', 36)];
    expect(line(given(history).asOf('2025-01-01').view())).toMatchObject({ start: '2024-02-29', end: '2028-02-28' });
  });
});

describe('terms per component', () => {
  it('household-ac-6y: unit 72, compressor 72, spare parts for life', () => {
    const view = given(start2Jan2025('household-ac-6y')).asOf('2025-06-01').view();
    expect(view.coverage).toEqual([
      { component: 'unit', start: '2025-01-02', end: '2031-01-01', active: true },
      { component: 'compressor', start: '2025-01-02', end: '2031-01-01', active: true },
      { component: 'parts', start: '2025-01-02', end: null, active: true },
    ]);
  });

  it('a lifetime line stays active after every term has ended; the status follows the unit line', () => {
    const view = given(start2Jan2025('household-ac-6y')).asOf('2090-01-01').view();
    expect(view.status).toBe('expired');
    expect(line(view, 'parts')).toMatchObject({ end: null, active: true });
    expect(line(view, 'compressor').active).toBe(false);
  });

  it('water-heater-5y: the tank (96 months) outlives the main unit (60 months); the status follows the unit', () => {
    const history = start2Jan2025('water-heater-5y');
    const view = given(history).asOf('2031-01-01').view();
    expect(view.status).toBe('expired');
    expect(line(view)).toMatchObject({ end: '2030-01-01', active: false });
    expect(line(view, 'tank')).toMatchObject({ end: '2033-01-01', active: true });
  });

  it('project-3y: all equipment 36 months', () => {
    expect(line(given(start2Jan2025('project-3y')).asOf('2025-06-01').view())).toMatchObject({
      start: '2025-01-02',
      end: '2028-01-01',
    });
  });
});

describe('WarrantyExtended (rulebook 4)', () => {
  it('a 12-month line extended by 24 months covers [S, S + 36 months)', () => {
    const history = [...start2Jan2025('standard-1y'), extended(U, '2025-06-01T09:00:00Z', 24)];
    expect(line(given(history).asOf('2025-06-01').view())).toMatchObject({ start: '2025-01-02', end: '2028-01-01' });
  });

  it('shows the original end until the extension has occurred', () => {
    const history = [...start2Jan2025('standard-1y'), extended(U, '2025-06-01T09:00:00Z', 24)];
    expect(line(given(history).asOf('2025-05-31').view()).end).toBe('2026-01-01');
  });

  it('an extension bought after expiry makes the line active again', () => {
    const history = [...start2Jan2025('standard-1y'), extended(U, '2026-03-01T09:00:00Z', 12)];
    expect(given(history).asOf('2026-02-28').view().status).toBe('expired');
    const view = given(history).asOf('2026-03-01').view();
    expect(view.status).toBe('active');
    expect(line(view)).toMatchObject({ end: '2027-01-01', active: true });
  });

  it('two extensions add up', () => {
    const history = [
      ...start2Jan2025('standard-1y'),
      extended(U, '2025-03-01T09:00:00Z', 6),
      extended(U, '2025-04-01T09:00:00Z', 6),
    ];
    expect(line(given(history).asOf('2025-06-01').view()).end).toBe('2027-01-01');
  });

  it('extends the named component only', () => {
    const history = [...start2Jan2025('household-ac-6y'), extended(U, '2025-06-01T09:00:00Z', 12, 'compressor')];
    const view = given(history).asOf('2025-06-01').view();
    // 2 Jan 2025 + 84 months = 2 Jan 2032.
    expect(line(view, 'compressor').end).toBe('2032-01-01');
    expect(line(view).end).toBe('2031-01-01');
  });

  it('a component with its own policy line and a replaced part: the extension goes to the policy line (water-heater-5y tank)', () => {
    // The tank's part line (extend rule: 12 months from 10 Mar 2025) ends no earlier than the tank policy line, 2033-01-01;
    // 12 more months on that line move it to 2034-01-01.
    const history = [
      ...start2Jan2025('water-heater-5y'),
      fault(U, '2025-03-09T08:00:00Z', 'F-1', { component: 'tank' }),
      repaired(U, '2025-03-10T08:00:00Z', 'F-1', 'fixed', { parts: ['tank'] }),
      extended(U, '2025-06-01T09:00:00Z', 12, 'tank'),
    ];
    expect(line(given(history).asOf('2025-06-01').view(), 'tank')).toMatchObject({
      start: '2025-03-10',
      end: '2034-01-01',
    });
  });

  it('a replaced key part shown by its own line: the extension moves the end shown (household-ac-6y compressor)', () => {
    // Restart rule: the compressor restored on 3 May 2027 gets 72 months from that date, [2027-05-03, 2033-05-03),
    // later than its policy line's end 2031-01-01. 12 months bought for the compressor move that end to 2034-05-02.
    const history = [
      ...start2Jan2025('household-ac-6y'),
      fault(U, '2027-05-01T08:00:00Z', 'F-1', { component: 'compressor', outOfService: true }),
      repaired(U, '2027-05-02T08:00:00Z', 'F-1', 'fixed', { parts: ['compressor'] }),
      restored(U, '2027-05-03T08:00:00Z', 'F-1'),
    ];
    expect(line(given(history).asOf('2027-06-01').view(), 'compressor')).toMatchObject({
      start: '2027-05-03',
      end: '2033-05-02',
    });
    const extendedHistory = [...history, extended(U, '2027-06-01T09:00:00Z', 12, 'compressor')];
    expect(line(given(extendedHistory).asOf('2027-06-01').view(), 'compressor')).toMatchObject({
      start: '2027-05-03',
      end: '2034-05-02',
    });
  });

  it('leaves a lifetime line unchanged', () => {
    const history = [...start2Jan2025('household-ac-6y'), extended(U, '2025-06-01T09:00:00Z', 12, 'parts')];
    const view = given(history).asOf('2025-06-01').view();
    expect(line(view, 'parts')).toEqual({ component: 'parts', start: '2025-01-02', end: null, active: true });
    expect(line(view).end).toBe('2031-01-01');
  });
});
