/**
 * Rulebook 16, the repair time limit (三包 Art 12; rule `repair-time-limit`): a covered fault not
 * resolved within 90 days (129,600 minutes: resolved more than that after its report, or still
 * unresolved past that mark; cause judged at the mark) owes exchange or refund, open until
 * `UnitReplaced` or a completed return.
 */
import { describe, expect, it } from 'vitest';
import { CommandRejected } from '../../src/index.js';
import {
  diagnosed,
  fault,
  outage,
  plusMinutes,
  repaired,
  replaced,
  restored,
  returnCompleted,
  returnRequested,
  sold,
} from '../support/events.js';
import { given } from '../support/given.js';

const U = 'U-1';
const SANBAO = 'cn-sanbao-1995';
const SALE = '2025-03-01T10:00:00+08:00';
const REPORT = '2025-04-01T01:00:00.000Z';
const LIMIT = 129_600;

const limits = (view: ReturnType<ReturnType<ReturnType<typeof given>['asOf']>['view']>) =>
  view.entitlements.filter((e) => e.because[0]?.rule === 'repair-time-limit');

describe('the 90-day mark, to the minute', () => {
  const f = () => outage(U, REPORT, 'F-1');

  it('still unresolved: nothing at 129,600 minutes, owed from the minute after', () => {
    const report = f();
    const history = [sold(U, SALE, SANBAO), report];
    expect(limits(given(history).asOf(plusMinutes(REPORT, LIMIT)).view())).toEqual([]);
    expect(
      limits(
        given(history)
          .asOf(plusMinutes(REPORT, LIMIT + 1))
          .view(),
      ),
    ).toEqual([
      {
        kind: 'replacement',
        status: 'open',
        faultId: 'F-1',
        choices: ['replacement', 'refund'],
        because: [{ rule: 'repair-time-limit', eventIds: [report.id] }],
      },
    ]);
  });

  it('resolved at 129,600 minutes and 59 seconds: nothing; at 129,601 minutes: owed', () => {
    const inTime = new Date(Date.parse(plusMinutes(REPORT, LIMIT)) + 59_000).toISOString();
    const early = [sold(U, SALE, SANBAO), f(), restored(U, inTime, 'F-1')];
    expect(limits(given(early).asOf('2025-12-01').view())).toEqual([]);
    const late = [sold(U, SALE, SANBAO), f(), restored(U, plusMinutes(REPORT, LIMIT + 1), 'F-1')];
    expect(limits(given(late).asOf('2025-12-01').view())).toMatchObject([{ status: 'open', faultId: 'F-1' }]);
  });

  it('a fault that kept the unit in service is resolved by its fixed repair', () => {
    const history = [
      sold(U, SALE, SANBAO),
      fault(U, REPORT, 'F-1'),
      repaired(U, plusMinutes(REPORT, LIMIT + 1), 'F-1', 'fixed'),
    ];
    expect(limits(given(history).asOf('2025-12-01').view())).toHaveLength(1);
    const failedOnly = [
      sold(U, SALE, SANBAO),
      fault(U, REPORT, 'F-1'),
      repaired(U, plusMinutes(REPORT, 10), 'F-1', 'failed'),
    ];
    expect(
      limits(
        given(failedOnly)
          .asOf(plusMinutes(REPORT, LIMIT + 1))
          .view(),
      ),
    ).toHaveLength(1);
  });
});

describe('its cause, judged at the mark', () => {
  it('an excluded cause diagnosed before the mark owes nothing; one diagnosed after it changes nothing', () => {
    const before = [
      sold(U, SALE, SANBAO),
      outage(U, REPORT, 'F-1'),
      diagnosed(U, plusMinutes(REPORT, 60), 'F-1', 'misuse'),
    ];
    expect(limits(given(before).asOf('2025-08-01').view())).toEqual([]);
    const after = [
      sold(U, SALE, SANBAO),
      outage(U, REPORT, 'F-1'),
      diagnosed(U, plusMinutes(REPORT, LIMIT + 60), 'F-1', 'misuse'),
    ];
    expect(limits(given(after).asOf('2025-08-01').view())).toHaveLength(1);
  });
});

describe('settled by an exchange or a return', () => {
  const history = () => [sold(U, SALE, SANBAO), outage(U, REPORT, 'F-1')];

  it('an exchange past the mark is owed (decide accepts it with no event since the report), with no anomaly', () => {
    const h = history();
    const exchange = replaced(U, '2025-08-01T09:00:00+08:00', 'statutory');
    given(h).when(exchange).then([exchange]);
    const view = given([...h, exchange])
      .asOf('2025-08-02')
      .view();
    expect(limits(view)).toMatchObject([{ status: 'fulfilled', fulfilledBy: exchange.id }]);
    expect(view.anomalies).toEqual([]);
  });

  it('before the mark it is refused: nothing is owed yet', () => {
    const exchange = replaced(U, '2025-05-01T09:00:00+08:00', 'statutory');
    given(history()).when(exchange).thenRejects(CommandRejected, { rule: 'replacement-without-entitlement' });
  });

  it('a completed return past the mark is the refund', () => {
    const request = returnRequested(U, '2025-08-01T09:00:00+08:00', 'R-1', 'unusable');
    const done = returnCompleted(U, '2025-08-02T09:00:00+08:00', 'R-1');
    const h = [...history(), request];
    given(h).when(done).then([done]);
    const view = given([...h, done])
      .asOf('2025-08-03')
      .view();
    expect(limits(view)).toMatchObject([{ status: 'fulfilled', fulfilledBy: done.id }]);
    expect(view.anomalies).toEqual([]);
  });
});

describe('the seller presets', () => {
  it('have no repair time limit', () => {
    const history = [sold(U, '2025-03-01T09:00:00Z', 'standard-1y'), fault(U, REPORT, 'F-1')];
    expect(given(history).asOf('2025-12-01').view().entitlements).toEqual([]);
  });
});
