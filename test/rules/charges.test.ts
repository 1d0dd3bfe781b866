/**
 * Rulebook 10 and fine print 2: a covered fault reported within coverage costs nothing; a charge
 * above 0 for it is the anomaly `charged-while-covered`. Policy standard-1y, coverage 2025-01-02 to 2026-01-01.
 */
import { describe, expect, it } from 'vitest';
import { accepted, diagnosed, fault, installed, repaired, sold } from '../support/events.js';
import { given, line } from '../support/given.js';

const U = 'U-1';
const base = () => [sold(U, '2025-01-01T09:00:00Z', 'standard-1y'), accepted(U, '2025-01-01T10:00:00Z')];

describe('charged while covered (rulebook 10)', () => {
  it('a charged repair of a covered fault within coverage is an anomaly naming the repair', () => {
    const repair = repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed', { charged: 200 });
    const view = given([...base(), fault(U, '2025-03-01T08:00:00Z', 'F-1'), repair])
      .asOf('2025-04-01')
      .view();
    expect(view.anomalies).toEqual([{ rule: 'charged-while-covered', eventIds: [repair.id] }]);
  });

  it('a charge of 0 is no charge', () => {
    const view = given([
      ...base(),
      fault(U, '2025-03-01T08:00:00Z', 'F-1'),
      repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed', { charged: 0 }),
    ])
      .asOf('2025-04-01')
      .view();
    expect(view.anomalies).toEqual([]);
  });

  it('an uncharged repair is fine', () => {
    const view = given([
      ...base(),
      fault(U, '2025-03-01T08:00:00Z', 'F-1'),
      repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed'),
    ])
      .asOf('2025-04-01')
      .view();
    expect(view.anomalies).toEqual([]);
  });

  it('an excluded-cause fault within coverage may be charged (parts at cost)', () => {
    const history = [
      ...base(),
      fault(U, '2025-03-01T08:00:00Z', 'F-1'),
      diagnosed(U, '2025-03-01T10:00:00Z', 'F-1', 'improper-handling'),
      repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed', { charged: 200 }),
    ];
    expect(given(history).asOf('2025-04-01').view().anomalies).toEqual([]);
  });

  it('a fault covered by the unit line (a component with no line of its own) is free too', () => {
    const repair = repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed', { charged: 50 });
    const view = given([...base(), fault(U, '2025-03-01T08:00:00Z', 'F-1', { component: 'fan' }), repair])
      .asOf('2025-04-01')
      .view();
    expect(view.anomalies).toEqual([{ rule: 'charged-while-covered', eventIds: [repair.id] }]);
  });
});

describe('judged by the report moment (fine print 2)', () => {
  it('reported on the last covered day, repaired and charged after expiry: an anomaly', () => {
    const repair = repaired(U, '2026-01-05T08:00:00Z', 'F-1', 'fixed', { charged: 200 });
    const view = given([...base(), fault(U, '2026-01-01T20:00:00Z', 'F-1'), repair])
      .asOf('2026-02-01')
      .view();
    expect(view.anomalies).toEqual([{ rule: 'charged-while-covered', eventIds: [repair.id] }]);
  });

  it('reported the day after coverage ended: may be charged', () => {
    const view = given([
      ...base(),
      fault(U, '2026-01-02T00:00:00Z', 'F-1'),
      repaired(U, '2026-01-05T08:00:00Z', 'F-1', 'fixed', { charged: 200 }),
    ])
      .asOf('2026-02-01')
      .view();
    expect(view.anomalies).toEqual([]);
  });

  it('a fault between completion and a later acceptance is covered: coverage had started at completion', () => {
    const repair = repaired(U, '2025-01-13T08:00:00Z', 'F-1', 'fixed', { charged: 200 });
    const history = [
      sold(U, '2025-01-01T09:00:00Z', 'standard-1y'),
      installed(U, '2025-01-10T10:00:00Z'),
      fault(U, '2025-01-12T08:00:00Z', 'F-1'),
      repair,
      accepted(U, '2025-01-15T10:00:00Z'),
    ];
    const view = given(history).asOf('2025-02-01').view();
    expect(line(view).start).toBe('2025-01-16');
    expect(view.anomalies).toEqual([{ rule: 'charged-while-covered', eventIds: [repair.id] }]);
  });
});
