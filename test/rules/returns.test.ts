/**
 * Rulebook 8 and fine print 7, 8, 11: the 15-day return window counts from delivery (else the
 * sale) and is judged by the request's date; human damage bars a return; unusable goods return
 * unconditionally, no-reason returns need intact goods; cannot-operate owes one free training.
 * Policy project-3y; delivered 3 Mar 2025, so requests dated up to 18 Mar are within the window.
 */
import { describe, expect, it } from 'vitest';
import {
  delivered,
  fault,
  repaired,
  returnCompleted,
  returnInspected,
  returnRejected,
  returnRequested,
  sold,
  trained,
} from '../support/events.js';
import { entitlements, given } from '../support/given.js';

const U = 'U-1';
const base = (policyId = 'project-3y') => [
  sold(U, '2025-03-01T09:00:00Z', policyId),
  delivered(U, '2025-03-03T10:00:00Z'),
];
const ok = { intact: true, humanDamage: false };

describe('the window (judged by the request date alone)', () => {
  it('a request on the 15th day, inspected after the window closed: refund owed, then fulfilled by the completed return', () => {
    const request = returnRequested(U, '2025-03-18T23:00:00Z', 'R-1', 'no-reason');
    const inspection = returnInspected(U, '2025-03-19T09:00:00Z', 'R-1', ok);
    const owed = given([...base(), request, inspection])
      .asOf('2025-03-19')
      .view();
    expect(owed.entitlements).toEqual([
      {
        kind: 'refund',
        status: 'open',
        returnId: 'R-1',
        because: [{ rule: 'return-window', eventIds: [request.id, inspection.id] }],
      },
    ]);
    const done = returnCompleted(U, '2025-03-20T09:00:00Z', 'R-1');
    const view = given([...base(), request, inspection, done])
      .asOf('2025-03-20')
      .view();
    expect(view.entitlements).toMatchObject([{ kind: 'refund', status: 'fulfilled', fulfilledBy: done.id }]);
    expect(view.anomalies).toEqual([]);
    expect(view.status).toBe('returned');
  });

  it('a request on the 16th day: no refund; completing it anyway is refund-outside-window', () => {
    const request = returnRequested(U, '2025-03-19T00:00:00Z', 'R-1', 'no-reason');
    const done = returnCompleted(U, '2025-03-21T09:00:00Z', 'R-1');
    const view = given([...base(), request, returnInspected(U, '2025-03-19T09:00:00Z', 'R-1', ok), done])
      .asOf('2025-04-01')
      .view();
    expect(view.entitlements).toEqual([]);
    expect(view.anomalies).toEqual([{ rule: 'refund-outside-window', eventIds: [request.id, done.id] }]);
    expect(view.status).toBe('returned');
  });

  it('without a delivery the window counts from the sale (fine print 7)', () => {
    const saleOnly = [sold(U, '2025-03-01T09:00:00Z', 'project-3y')];
    const refunds = (requestAt: string) =>
      entitlements(
        given([
          ...saleOnly,
          returnRequested(U, requestAt, 'R-1', 'no-reason'),
          returnInspected(U, '2025-03-20T09:00:00Z', 'R-1', ok),
        ])
          .asOf('2025-03-25')
          .view(),
        'refund',
      );
    expect(refunds('2025-03-16T12:00:00Z')).toHaveLength(1);
    expect(refunds('2025-03-17T00:00:00Z')).toHaveLength(0);
  });
});

describe('inspection', () => {
  const refundFor = (
    reason: 'no-reason' | 'unusable' | 'cannot-operate',
    inspection: { intact: boolean; humanDamage: boolean },
  ) =>
    entitlements(
      given([
        ...base(),
        returnRequested(U, '2025-03-10T09:00:00Z', 'R-1', reason),
        returnInspected(U, '2025-03-11T09:00:00Z', 'R-1', inspection),
      ])
        .asOf('2025-04-01')
        .view(),
      'refund',
    );

  it('human damage always bars a return, even of unusable goods', () => {
    expect(refundFor('unusable', { intact: true, humanDamage: true })).toEqual([]);
    expect(refundFor('no-reason', { intact: true, humanDamage: true })).toEqual([]);
  });

  it('unusable goods return unconditionally (not intact is fine)', () => {
    expect(refundFor('unusable', { intact: false, humanDamage: false })).toHaveLength(1);
  });

  it('a no-reason return needs intact goods', () => {
    expect(refundFor('no-reason', { intact: false, humanDamage: false })).toEqual([]);
    expect(refundFor('no-reason', ok)).toHaveLength(1);
  });

  it('a completed return with no refund owed (human damage) is refund-without-entitlement', () => {
    const done = returnCompleted(U, '2025-03-12T09:00:00Z', 'R-1');
    const history = [
      ...base(),
      returnRequested(U, '2025-03-10T09:00:00Z', 'R-1', 'unusable'),
      returnInspected(U, '2025-03-11T09:00:00Z', 'R-1', { intact: true, humanDamage: true }),
      done,
    ];
    expect(given(history).asOf('2025-04-01').view().anomalies).toEqual([
      { rule: 'refund-without-entitlement', eventIds: [done.id] },
    ]);
  });

  it('a completed return never requested is refund-without-entitlement', () => {
    const done = returnCompleted(U, '2025-03-12T09:00:00Z', 'R-9');
    expect(
      given([...base(), done])
        .asOf('2025-04-01')
        .view().anomalies,
    ).toEqual([{ rule: 'refund-without-entitlement', eventIds: [done.id] }]);
  });

  it('a rejected return leaves the unit active with nothing owed', () => {
    const history = [
      ...base(),
      returnRequested(U, '2025-03-05T09:00:00Z', 'R-1', 'no-reason'),
      returnInspected(U, '2025-03-05T11:00:00Z', 'R-1', { intact: true, humanDamage: true }),
      returnRejected(U, '2025-03-05T12:00:00Z', 'R-1'),
    ];
    const view = given(history).asOf('2025-04-01').view();
    expect(view.status).toBe('active');
    expect(view.entitlements).toEqual([]);
    expect(view.anomalies).toEqual([]);
  });
});

describe('cannot operate (fine print 8)', () => {
  const request = returnRequested(U, '2025-03-06T09:00:00Z', 'R-1', 'cannot-operate');

  it('owes one free training, open until a free training is given', () => {
    expect(
      given([...base(), request])
        .asOf('2025-03-08')
        .view().entitlements,
    ).toEqual([
      { kind: 'free-training', status: 'open', because: [{ rule: 'cannot-operate', eventIds: [request.id] }] },
    ]);
  });

  it('a paid training does not fulfil it; the first free one does', () => {
    const free = trained(U, '2025-03-09T09:00:00Z', true);
    const history = [...base(), request, trained(U, '2025-03-07T09:00:00Z', false), free];
    expect(entitlements(given(history).asOf('2025-03-08').view(), 'free-training')).toMatchObject([{ status: 'open' }]);
    expect(entitlements(given(history).asOf('2025-03-09').view(), 'free-training')).toMatchObject([
      { status: 'fulfilled', fulfilledBy: free.id },
    ]);
  });

  it('one free training only: a second cannot-operate request owes no second one', () => {
    const history = [
      ...base(),
      request,
      trained(U, '2025-03-07T09:00:00Z', true),
      returnRequested(U, '2025-03-08T09:00:00Z', 'R-2', 'cannot-operate'),
    ];
    expect(entitlements(given(history).asOf('2025-03-10').view(), 'free-training')).toMatchObject([
      { status: 'fulfilled' },
    ]);
  });

  it('a free training before the request does not fulfil it', () => {
    const history = [...base(), trained(U, '2025-03-05T09:00:00Z', true), request];
    expect(entitlements(given(history).asOf('2025-03-08').view(), 'free-training')).toMatchObject([{ status: 'open' }]);
  });

  it('if the customer still returns the goods, the no-reason rule decides the refund', () => {
    const intact = [
      ...base(),
      request,
      trained(U, '2025-03-09T09:00:00Z', true),
      returnInspected(U, '2025-03-10T09:00:00Z', 'R-1', ok),
    ];
    expect(entitlements(given(intact).asOf('2025-03-10').view(), 'refund')).toHaveLength(1);
    const opened = [
      ...base(),
      request,
      returnInspected(U, '2025-03-10T09:00:00Z', 'R-1', { intact: false, humanDamage: false }),
    ];
    expect(entitlements(given(opened).asOf('2025-03-10').view(), 'refund')).toEqual([]);
  });
});

describe('a completed return ends coverage (fine print 11)', () => {
  it('status returned; every line inactive, keeping its computed end', () => {
    const history = [
      ...base(),
      returnRequested(U, '2025-03-10T09:00:00Z', 'R-1', 'no-reason'),
      returnInspected(U, '2025-03-11T09:00:00Z', 'R-1', ok),
      returnCompleted(U, '2025-03-12T09:00:00Z', 'R-1'),
    ];
    const view = given(history).asOf('2025-04-01').view();
    expect(view.status).toBe('returned');
    // Delivered 3 Mar 2025 + 36 months: the last covered day is 2 Mar 2028.
    expect(view.coverage).toEqual([{ component: 'unit', start: '2025-03-03', end: '2028-03-02', active: false }]);
  });
});

describe('after a completed return nothing is covered', () => {
  it('a fault reported later counts for nothing, and may be charged', () => {
    const history = [
      ...base(),
      returnRequested(U, '2025-03-10T09:00:00Z', 'R-1', 'no-reason'),
      returnInspected(U, '2025-03-11T09:00:00Z', 'R-1', ok),
      returnCompleted(U, '2025-03-12T09:00:00Z', 'R-1'),
      fault(U, '2025-04-01T08:00:00Z', 'F-1'),
      repaired(U, '2025-04-02T08:00:00Z', 'F-1', 'failed', { charged: 100 }),
    ];
    const view = given(history).asOf('2025-05-01').view();
    expect(view.failedRepairs).toEqual([]);
    expect(view.anomalies).toEqual([]);
  });
});

describe('a policy without a returns rule (fine print 7; standard-1y)', () => {
  it('owes no free training and no refund; a completed return is refund-without-entitlement', () => {
    const done = returnCompleted(U, '2025-03-12T09:00:00Z', 'R-1');
    const history = [
      ...base('standard-1y'),
      returnRequested(U, '2025-03-06T09:00:00Z', 'R-1', 'cannot-operate'),
      returnInspected(U, '2025-03-07T09:00:00Z', 'R-1', ok),
      done,
    ];
    const view = given(history).asOf('2025-04-01').view();
    expect(view.entitlements).toEqual([]);
    expect(view.anomalies).toEqual([{ rule: 'refund-without-entitlement', eventIds: [done.id] }]);
    expect(view.status).toBe('returned');
  });
});
