/**
 * Rulebook 16, early faults (三包 Art 9, 10; rule `early-fault`): a covered fault reported no later
 * than the sale + 7 days owes refund, exchange or repair at the buyer's choice, no later than the
 * sale + 15 days exchange or repair; dates in the policy's zone (Asia/Shanghai). An excluded
 * diagnosis withdraws it while it is open; the buyer's choice fulfils it.
 */
import { describe, expect, it } from 'vitest';
import { CommandRejected } from '../../src/index.js';
import {
  delivered,
  diagnosed,
  fault,
  repaired,
  replaced,
  returnCompleted,
  returnRequested,
  sold,
} from '../support/events.js';
import { given, policyLike } from '../support/given.js';

const U = 'U-1';
const SANBAO = 'cn-sanbao-1995';
// 07:00 in Beijing on 1 March is still 28 February in UTC.
const SALE = '2025-03-01T07:00:00+08:00';

const earlyFaults = (view: ReturnType<ReturnType<ReturnType<typeof given>['asOf']>['view']>) =>
  view.entitlements.filter((e) => e.because[0]?.rule === 'early-fault');

describe('the windows, day by day in Beijing time', () => {
  it.each([
    ['2025-03-08T23:59:00+08:00', ['refund', 'replacement', 'repair']],
    ['2025-03-09T00:00:00+08:00', ['replacement', 'repair']],
    ['2025-03-16T23:59:00+08:00', ['replacement', 'repair']],
  ])('a fault at %s owes %j', (at, choices) => {
    const f = fault(U, at, 'F-1');
    const view = given([sold(U, SALE, SANBAO), f])
      .asOf('2025-03-20')
      .view();
    expect(view.entitlements).toEqual([
      {
        kind: 'replacement',
        status: 'open',
        faultId: 'F-1',
        choices,
        because: [{ rule: 'early-fault', eventIds: [f.id] }],
      },
    ]);
  });

  it('a fault on the 16th day owes nothing early', () => {
    const view = given([sold(U, SALE, SANBAO), fault(U, '2025-03-17T00:00:00+08:00', 'F-1')])
      .asOf('2025-03-20')
      .view();
    expect(view.entitlements).toEqual([]);
  });

  it('the 7th day in Beijing is the 8th in UTC: a UTC copy of the preset gives the 15-day window', () => {
    const history = (policyId: string) => [sold(U, SALE, policyId), fault(U, '2025-03-08T20:00:00+08:00', 'F-1')];
    const utc = policyLike(SANBAO, { id: 'sanbao-utc', timeZone: 'UTC' });
    expect(earlyFaults(given(history(SANBAO)).asOf('2025-03-10').view())[0]?.choices).toEqual([
      'refund',
      'replacement',
      'repair',
    ]);
    expect(
      earlyFaults(
        given(history('sanbao-utc'), { policies: [utc] })
          .asOf('2025-03-10')
          .view(),
      )[0]?.choices,
    ).toEqual(['replacement', 'repair']);
  });

  it('a window from delivery counts from the latest delivery, else the sale', () => {
    const fromDelivery = policyLike(SANBAO, {
      id: 'sanbao-delivery',
      earlyFault: [{ days: 7, from: 'delivery', remedies: ['refund', 'replacement'] }],
    });
    const late = fault(U, '2025-03-12T09:00:00+08:00', 'F-1');
    const withDelivery = [sold(U, SALE, 'sanbao-delivery'), delivered(U, '2025-03-05T09:00:00+08:00'), late];
    expect(
      earlyFaults(
        given(withDelivery, { policies: [fromDelivery] })
          .asOf('2025-03-13')
          .view(),
      ),
    ).toHaveLength(1);
    const noDelivery = [sold(U, SALE, 'sanbao-delivery'), late];
    expect(
      earlyFaults(
        given(noDelivery, { policies: [fromDelivery] })
          .asOf('2025-03-13')
          .view(),
      ),
    ).toEqual([]);
  });
});

describe("the buyer's choice fulfils it", () => {
  const f = () => fault(U, '2025-03-03T09:00:00+08:00', 'F-1');

  it('a fixed repair of the fault (repair), not a failed one', () => {
    const failed = repaired(U, '2025-03-04T09:00:00+08:00', 'F-1', 'failed');
    const fixed = repaired(U, '2025-03-05T09:00:00+08:00', 'F-1', 'fixed');
    const history = [sold(U, SALE, SANBAO), f(), failed, fixed];
    expect(earlyFaults(given(history).asOf('2025-03-04').view())[0]?.status).toBe('open');
    expect(earlyFaults(given(history).asOf('2025-03-05').view())[0]).toMatchObject({
      status: 'fulfilled',
      fulfilledBy: fixed.id,
    });
  });

  it('an exchange with reason statutory, with no anomaly', () => {
    const exchange = replaced(U, '2025-03-05T09:00:00+08:00', 'statutory');
    const history = [sold(U, SALE, SANBAO), f(), exchange];
    const view = given(history).asOf('2025-03-05').view();
    expect(earlyFaults(view)[0]).toMatchObject({ status: 'fulfilled', fulfilledBy: exchange.id });
    expect(view.anomalies).toEqual([]);
    given([sold(U, SALE, SANBAO), f()])
      .when(exchange)
      .then([exchange]);
  });

  it('a completed return within 7 days (the refund), with no anomaly (fine print 23)', () => {
    const done = returnCompleted(U, '2025-03-06T09:00:00+08:00', 'R-1');
    const history = [
      sold(U, SALE, SANBAO),
      f(),
      returnRequested(U, '2025-03-05T09:00:00+08:00', 'R-1', 'unusable'),
      done,
    ];
    const view = given(history).asOf('2025-03-06').view();
    expect(earlyFaults(view)[0]).toMatchObject({ status: 'fulfilled', fulfilledBy: done.id });
    expect(view.anomalies).toEqual([]);
    expect(view.status).toBe('returned');
  });

  it('but a return is no choice the 15-day window offers', () => {
    const late = fault(U, '2025-03-12T09:00:00+08:00', 'F-1');
    const request = returnRequested(U, '2025-03-13T09:00:00+08:00', 'R-1', 'unusable');
    const done = returnCompleted(U, '2025-03-14T09:00:00+08:00', 'R-1');
    const view = given([sold(U, SALE, SANBAO), late, request, done])
      .asOf('2025-03-14')
      .view();
    expect(earlyFaults(view)[0]?.status).toBe('open');
    expect(view.anomalies).toEqual([{ rule: 'refund-without-entitlement', eventIds: [done.id] }]);
    given([sold(U, SALE, SANBAO), late, request])
      .when(done)
      .thenRejects(CommandRejected, {
        rule: 'refund-without-entitlement',
      });
  });
});

describe('an excluded diagnosis (rulebook 9)', () => {
  const f = () => fault(U, '2025-03-03T09:00:00+08:00', 'F-1');

  it("before the buyer's choice withdraws it, and an exchange is then owed nothing", () => {
    const misuse = diagnosed(U, '2025-03-04T09:00:00+08:00', 'F-1', 'misuse');
    const history = [sold(U, SALE, SANBAO), f(), misuse];
    expect(given(history).asOf('2025-03-03').view().entitlements).toHaveLength(1);
    expect(given(history).asOf('2025-03-04').view().entitlements).toEqual([]);
    const exchange = replaced(U, '2025-03-05T09:00:00+08:00', 'statutory');
    expect(
      given([...history, exchange])
        .asOf('2025-03-05')
        .view().anomalies,
    ).toEqual([{ rule: 'replacement-without-entitlement', eventIds: [exchange.id] }]);
    given(history).when(exchange).thenRejects(CommandRejected, { rule: 'replacement-without-entitlement' });
    // A later fixed repair is no choice either: nothing was owed.
    const fixed = repaired(U, '2025-03-05T09:00:00+08:00', 'F-1', 'fixed');
    expect(
      given([...history, fixed])
        .asOf('2025-03-06')
        .view().entitlements,
    ).toEqual([]);
  });

  it('a later covered diagnosis gives it back', () => {
    const history = [
      sold(U, SALE, SANBAO),
      f(),
      diagnosed(U, '2025-03-04T09:00:00+08:00', 'F-1', 'misuse'),
      diagnosed(U, '2025-03-05T09:00:00+08:00', 'F-1', 'defect'),
    ];
    expect(given(history).asOf('2025-03-05').view().entitlements).toMatchObject([{ status: 'open', faultId: 'F-1' }]);
  });

  it("after the buyer's choice changes nothing", () => {
    const fixed = repaired(U, '2025-03-04T09:00:00+08:00', 'F-1', 'fixed');
    const history = [sold(U, SALE, SANBAO), f(), fixed, diagnosed(U, '2025-03-05T09:00:00+08:00', 'F-1', 'misuse')];
    expect(given(history).asOf('2025-03-06').view().entitlements).toMatchObject([
      { status: 'fulfilled', fulfilledBy: fixed.id, choices: ['refund', 'replacement', 'repair'] },
    ]);
  });
});

describe('the seller presets', () => {
  it('have no early-fault windows', () => {
    const view = given([sold(U, '2025-03-01T09:00:00Z', 'standard-1y'), fault(U, '2025-03-02T09:00:00Z', 'F-1')])
      .asOf('2025-03-03')
      .view();
    expect(view.entitlements).toEqual([]);
  });
});
