/**
 * Rulebook 6 ("Replacement restarts coverage") and fine print 4: UnitReplaced fulfils every open
 * replacement, else is an anomaly unless goodwill; the replaced unit is covered for the full term
 * again from the later of the replacement date and the rulebook 3 start.
 */
import { describe, expect, it } from 'vitest';
import { accepted, delivered, extended, fault, outage, repaired, replaced, sold } from '../support/events.js';
import { entitlements, given, line, policyLike } from '../support/given.js';

const U = 'U-1';
const base = (policyId = 'standard-1y') => [
  sold(U, '2025-01-01T09:00:00Z', policyId),
  accepted(U, '2025-01-01T10:00:00Z'),
];
const threeFailures = () => [
  fault(U, '2025-02-01T08:00:00Z', 'F-1'),
  repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed'),
  repaired(U, '2025-02-03T08:00:00Z', 'F-1', 'failed'),
  repaired(U, '2025-02-04T08:00:00Z', 'F-1', 'failed'),
];

describe('entitlement and anomaly', () => {
  it('fulfils an open replacement, with no anomaly', () => {
    const swap = replaced(U, '2025-06-10T09:00:00Z', 'repeated-failure');
    const view = given([...base(), ...threeFailures(), swap])
      .asOf('2025-06-30')
      .view();
    expect(view.entitlements).toMatchObject([{ kind: 'replacement', status: 'fulfilled', fulfilledBy: swap.id }]);
    expect(view.anomalies).toEqual([]);
  });

  it('with none open, it is replacement-without-entitlement, naming the UnitReplaced', () => {
    const swap = replaced(U, '2025-06-10T09:00:00Z', 'repeated-failure');
    expect(
      given([...base(), swap])
        .asOf('2025-06-30')
        .view().anomalies,
    ).toEqual([{ rule: 'replacement-without-entitlement', eventIds: [swap.id] }]);
  });

  it('goodwill: a seller may always replace more than it owes', () => {
    expect(
      given([...base(), replaced(U, '2025-06-10T09:00:00Z', 'goodwill')])
        .asOf('2025-06-30')
        .view().anomalies,
    ).toEqual([]);
  });

  it('fulfils every open replacement at once', () => {
    const history = [
      ...base(),
      fault(U, '2025-01-05T08:00:00Z', 'F-0', { atUnboxing: true, problemCode: 'dent' }),
      ...threeFailures(),
      replaced(U, '2025-06-10T09:00:00Z', 'repeated-failure'),
    ];
    expect(entitlements(given(history).asOf('2025-06-30').view(), 'replacement').map((e) => e.status)).toEqual([
      'fulfilled',
      'fulfilled',
    ]);
  });
});

describe('coverage restarts (policy `replacement: restart`)', () => {
  it('for the full term from the replacement date, for any reason', () => {
    const view = given([...base(), replaced(U, '2025-06-10T09:00:00Z', 'repeated-failure')])
      .asOf('2025-06-30')
      .view();
    expect(view.coverage).toEqual([{ component: 'unit', start: '2025-06-10', end: '2026-06-09', active: true }]);
    expect(view.serialNumber).toBe('SN-U-1-B');
  });

  it('from the later of the replacement date and the rulebook 3 start: replaced at unboxing, accepted a week later', () => {
    const history = [
      sold(U, '2025-01-01T09:00:00Z', 'standard-1y'),
      delivered(U, '2025-01-02T10:00:00Z'),
      fault(U, '2025-01-02T11:00:00Z', 'F-1', { atUnboxing: true }),
      replaced(U, '2025-01-03T10:00:00Z', 'unboxing-defect'),
      accepted(U, '2025-01-10T10:00:00Z'),
    ];
    const view = given(history).asOf('2025-02-01').view();
    expect(view.coverage).toEqual([{ component: 'unit', start: '2025-01-11', end: '2026-01-10', active: true }]);
    expect(view.anomalies).toEqual([]);
  });

  it('every line restarts, lifetime lines included (fine print 4)', () => {
    const view = given([...base('household-ac-6y'), replaced(U, '2026-03-15T09:00:00Z', 'goodwill')])
      .asOf('2026-04-01')
      .view();
    expect(view.coverage).toEqual([
      { component: 'unit', start: '2026-03-15', end: '2032-03-14', active: true },
      { component: 'compressor', start: '2026-03-15', end: '2032-03-14', active: true },
      { component: 'parts', start: '2026-03-15', end: null, active: true },
    ]);
  });

  it('extension months stay part of the term (fine print 4)', () => {
    const history = [
      ...base(),
      extended(U, '2025-02-01T09:00:00Z', 12),
      replaced(U, '2025-06-10T09:00:00Z', 'goodwill'),
    ];
    expect(line(given(history).asOf('2025-06-30').view()).end).toBe('2027-06-09'); // 24 months from 10 Jun 2025
  });

  it('with `replacement: continue`, coverage runs on unchanged', () => {
    const continuing = policyLike('standard-1y', { id: 'continue-1y', replacement: 'continue' });
    const view = given([...base('continue-1y'), replaced(U, '2025-06-10T09:00:00Z', 'goodwill')], {
      policies: [continuing],
    })
      .asOf('2025-06-30')
      .view();
    expect(line(view)).toMatchObject({ start: '2025-01-02', end: '2026-01-01' });
  });
});

describe('the replaced unit starts afresh', () => {
  it('every failed-repair count resets and the downtime sum starts from zero', () => {
    const history = [
      ...base('household-ac-6y'),
      ...threeFailures(),
      outage(U, '2025-03-01T00:00:00Z', 'F-2', { problemCode: 'noisy' }),
      repaired(U, '2025-03-02T00:00:00Z', 'F-2', 'failed'),
      replaced(U, '2025-03-05T00:00:00Z', 'repeated-failure'),
    ];
    const before = given(history).asOf('2025-03-04').view();
    expect(before.failedRepairs).toHaveLength(2);
    expect(before.downtimeMinutes).toBe(5_760); // open since 1 Mar 00:00, to 5 Mar 00:00: 4 d
    const after = given(history).asOf('2025-03-10').view();
    expect(after.failedRepairs).toEqual([]);
    expect(after.downtimeMinutes).toBe(0);
  });
});
