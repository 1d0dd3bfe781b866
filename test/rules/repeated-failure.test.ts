/**
 * Rulebook 6 and fine print 2, 5: failed repairs counted per (component, problemCode); a recurrence
 * fails the last fixed repair; at three the customer is owed a replacement. Policy standard-1y,
 * coverage 2025-01-02 to 2026-01-01.
 */
import { describe, expect, it } from 'vitest';
import {
  accepted,
  diagnosed,
  fault,
  repaired,
  replaced,
  returnCompleted,
  returnRequested,
  sold,
} from '../support/events.js';
import { entitlements, failedRepairs, given, policyLike } from '../support/given.js';

const U = 'U-1';
const base = () => [sold(U, '2025-01-01T09:00:00Z', 'standard-1y'), accepted(U, '2025-01-01T10:00:00Z')];

describe('three failed repairs of the same problem (rulebook 6)', () => {
  const f1 = fault(U, '2025-02-01T08:00:00Z', 'F-1');
  const r1 = repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed');
  const f2 = fault(U, '2025-03-01T08:00:00Z', 'F-2');
  const r2 = repaired(U, '2025-03-02T08:00:00Z', 'F-2', 'failed');
  const f3 = fault(U, '2025-04-01T08:00:00Z', 'F-3');
  const r3 = repaired(U, '2025-04-02T08:00:00Z', 'F-3', 'failed');
  const history = [...base(), f1, r1, f2, r2, f3, r3];

  it('two failed repairs: counted, nothing owed yet', () => {
    const view = given(history).asOf('2025-04-01').view();
    expect(view.failedRepairs).toEqual([{ component: 'unit', problemCode: 'no-power', count: 2 }]);
    expect(view.entitlements).toEqual([]);
  });

  it('the third failed repair owes a replacement naming the three repairs', () => {
    const view = given(history).asOf('2025-04-02').view();
    expect(view.failedRepairs).toEqual([{ component: 'unit', problemCode: 'no-power', count: 3 }]);
    expect(view.entitlements).toEqual([
      { kind: 'replacement', status: 'open', because: [{ rule: 'repeated-failure', eventIds: [r1.id, r2.id, r3.id] }] },
    ]);
  });

  it('three failed repairs of one fault count too', () => {
    const one = [
      ...base(),
      f1,
      r1,
      repaired(U, '2025-02-05T08:00:00Z', 'F-1', 'failed'),
      repaired(U, '2025-02-09T08:00:00Z', 'F-1', 'failed'),
    ];
    expect(entitlements(given(one).asOf('2025-02-09').view(), 'replacement')).toHaveLength(1);
  });

  it('a fourth failure keeps one entitlement, still naming the three that reached the threshold (fine print 5)', () => {
    const more = [
      ...history,
      fault(U, '2025-05-01T08:00:00Z', 'F-4'),
      repaired(U, '2025-05-02T08:00:00Z', 'F-4', 'failed'),
    ];
    const view = given(more).asOf('2025-05-10').view();
    expect(failedRepairs(view, 'no-power')).toBe(4);
    expect(view.entitlements).toEqual([
      { kind: 'replacement', status: 'open', because: [{ rule: 'repeated-failure', eventIds: [r1.id, r2.id, r3.id] }] },
    ]);
  });

  it('UnitReplaced fulfils it and resets every count; a new run can owe a new replacement', () => {
    const swap = replaced(U, '2025-04-10T09:00:00Z', 'repeated-failure');
    const after = [
      ...history,
      swap,
      fault(U, '2025-05-01T08:00:00Z', 'F-5'),
      repaired(U, '2025-05-02T08:00:00Z', 'F-5', 'failed'),
      repaired(U, '2025-05-03T08:00:00Z', 'F-5', 'failed'),
    ];
    const reset = given(after).asOf('2025-04-30').view();
    expect(reset.failedRepairs).toEqual([]);
    expect(reset.entitlements).toMatchObject([{ kind: 'replacement', status: 'fulfilled', fulfilledBy: swap.id }]);
    expect(reset.anomalies).toEqual([]);
    const third = repaired(U, '2025-05-04T08:00:00Z', 'F-5', 'failed');
    const again = given([...after, third])
      .asOf('2025-05-04')
      .view();
    expect(failedRepairs(again, 'no-power')).toBe(3);
    expect(entitlements(again, 'replacement').map((e) => e.status)).toEqual(['fulfilled', 'open']);
  });

  it('a policy may set another threshold: two repairs', () => {
    const two = policyLike('standard-1y', {
      id: 'two-strikes',
      repeatedFailure: { threshold: { value: 2, comparison: 'at-least' }, remedy: 'replacement' },
    });
    const h = [sold(U, '2025-01-01T09:00:00Z', 'two-strikes'), accepted(U, '2025-01-01T10:00:00Z'), f1, r1, f2, r2];
    expect(
      given(h, { policies: [two] })
        .asOf('2025-03-01')
        .view().entitlements,
    ).toEqual([]);
    expect(
      given(h, { policies: [two] })
        .asOf('2025-03-02')
        .view().entitlements,
    ).toEqual([
      { kind: 'replacement', status: 'open', because: [{ rule: 'repeated-failure', eventIds: [r1.id, r2.id] }] },
    ]);
  });
});

describe('other remedies (rulebook 6: "some consumer-goods rules use 2 repairs and a choice of exchange or refund")', () => {
  const choice = policyLike('standard-1y', {
    id: 'exchange-or-refund',
    repeatedFailure: { threshold: { value: 2, comparison: 'at-least' }, remedy: 'replacement-or-refund' },
  });
  const twoFailures = () => [
    sold(U, '2025-01-01T09:00:00Z', 'exchange-or-refund'),
    accepted(U, '2025-01-01T10:00:00Z'),
    fault(U, '2025-02-01T08:00:00Z', 'F-1'),
    repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed'),
    repaired(U, '2025-02-03T08:00:00Z', 'F-1', 'failed'),
  ];

  it('a completed return settles the choice, with no anomaly', () => {
    const done = returnCompleted(U, '2025-02-10T08:00:00Z', 'R-1');
    const view = given([...twoFailures(), returnRequested(U, '2025-02-09T08:00:00Z', 'R-1', 'unusable'), done], {
      policies: [choice],
    })
      .asOf('2025-02-10')
      .view();
    expect(view.entitlements).toMatchObject([{ kind: 'replacement', status: 'fulfilled', fulfilledBy: done.id }]);
    expect(view.anomalies).toEqual([]);
    expect(view.status).toBe('returned');
  });

  it('so does a replacement', () => {
    const view = given([...twoFailures(), replaced(U, '2025-02-10T08:00:00Z', 'repeated-failure')], {
      policies: [choice],
    })
      .asOf('2025-02-10')
      .view();
    expect(view.entitlements).toMatchObject([{ kind: 'replacement', status: 'fulfilled' }]);
    expect(view.anomalies).toEqual([]);
  });

  it("the view offers the choice in the policy's order (fine print 23)", () => {
    const h = twoFailures();
    expect(
      given(h, { policies: [choice] })
        .asOf('2025-02-05')
        .view().entitlements,
    ).toEqual([
      {
        kind: 'replacement',
        status: 'open',
        choices: ['replacement', 'refund'],
        because: [{ rule: 'repeated-failure', eventIds: [h[3]!.id, h[4]!.id] }],
      },
    ]);
  });

  it('a refund remedy owes nothing on a line that grants no refund (fine print 22)', () => {
    const refund = policyLike('standard-1y', {
      id: 'refund-after-two',
      repeatedFailure: { threshold: { value: 2, comparison: 'at-least' }, remedy: 'refund' },
    });
    const history = twoFailures().map((e) =>
      e.type === 'UnitSold' ? { ...e, data: { ...e.data, policyId: 'refund-after-two' } } : e,
    );
    const view = given(history, { policies: [refund] })
      .asOf('2025-02-05')
      .view();
    expect(view.entitlements).toEqual([]);
    expect(failedRepairs(view, 'no-power')).toBe(2);
  });

  it('a refund remedy owes a refund, settled by a completed return', () => {
    const refund = policyLike('standard-1y', {
      id: 'refund-after-two',
      coverage: [{ component: 'unit', months: 12, remedies: ['repair', 'replacement', 'refund'] }],
      repeatedFailure: { threshold: { value: 2, comparison: 'at-least' }, remedy: 'refund' },
    });
    const history = twoFailures().map((e) =>
      e.type === 'UnitSold' ? { ...e, data: { ...e.data, policyId: 'refund-after-two' } } : e,
    );
    expect(
      given(history, { policies: [refund] })
        .asOf('2025-02-05')
        .view().entitlements,
    ).toMatchObject([{ kind: 'refund', status: 'open', because: [{ rule: 'repeated-failure' }] }]);
    const done = given(
      [
        ...history,
        returnRequested(U, '2025-02-09T08:00:00Z', 'R-1', 'unusable'),
        returnCompleted(U, '2025-02-10T08:00:00Z', 'R-1'),
      ],
      { policies: [refund] },
    )
      .asOf('2025-02-10')
      .view();
    expect(done.entitlements).toMatchObject([{ kind: 'refund', status: 'fulfilled' }]);
    expect(done.anomalies).toEqual([]);
  });
});

describe('a recurrence after a fixed repair', () => {
  const r1 = repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'fixed');
  const history = [...base(), fault(U, '2025-02-01T08:00:00Z', 'F-1'), r1, fault(U, '2025-03-01T08:00:00Z', 'F-2')];

  it('a fixed repair is not a failure until the problem is reported again', () => {
    expect(given(history).asOf('2025-02-28').view().failedRepairs).toEqual([]);
  });

  it('the recurrence fails the fixed repair, counted at the recurrence', () => {
    expect(failedRepairs(given(history).asOf('2025-03-01').view(), 'no-power')).toBe(1);
  });

  it('the entitlement names the fixed repair that failed, not the recurrence', () => {
    const r2 = repaired(U, '2025-03-02T08:00:00Z', 'F-2', 'failed');
    const r3 = repaired(U, '2025-03-05T08:00:00Z', 'F-2', 'fixed');
    const f3 = fault(U, '2025-04-01T08:00:00Z', 'F-3');
    const view = given([...history, r2, r3, f3])
      .asOf('2025-04-01')
      .view();
    expect(failedRepairs(view, 'no-power')).toBe(3);
    expect(view.entitlements).toEqual([
      { kind: 'replacement', status: 'open', because: [{ rule: 'repeated-failure', eventIds: [r1.id, r2.id, r3.id] }] },
    ]);
  });

  it('a report of another problem is no recurrence', () => {
    const other = [
      ...base(),
      fault(U, '2025-02-01T08:00:00Z', 'F-1'),
      r1,
      fault(U, '2025-03-01T08:00:00Z', 'F-2', { problemCode: 'noisy' }),
    ];
    expect(given(other).asOf('2025-03-10').view().failedRepairs).toEqual([]);
  });
});

describe('what counts', () => {
  it('repairs of other problems do not break the run', () => {
    const history = [
      ...base(),
      fault(U, '2025-02-01T08:00:00Z', 'F-1'),
      repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed'),
      fault(U, '2025-02-10T08:00:00Z', 'F-2', { problemCode: 'noisy' }),
      repaired(U, '2025-02-11T08:00:00Z', 'F-2', 'fixed'),
      fault(U, '2025-03-01T08:00:00Z', 'F-3'),
      repaired(U, '2025-03-02T08:00:00Z', 'F-3', 'failed'),
      fault(U, '2025-03-10T08:00:00Z', 'F-4', { problemCode: 'noisy' }), // fails the noisy fix
      fault(U, '2025-04-01T08:00:00Z', 'F-5'),
      repaired(U, '2025-04-02T08:00:00Z', 'F-5', 'failed'),
    ];
    const view = given(history).asOf('2025-04-10').view();
    expect(failedRepairs(view, 'no-power')).toBe(3);
    expect(failedRepairs(view, 'noisy')).toBe(1);
    expect(entitlements(view, 'replacement')).toHaveLength(1);
  });

  it('the same problem code on another component is another problem', () => {
    const history = [
      ...base(),
      fault(U, '2025-02-01T08:00:00Z', 'F-1'),
      repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed'),
      fault(U, '2025-03-01T08:00:00Z', 'F-2', { component: 'fan' }),
      repaired(U, '2025-03-02T08:00:00Z', 'F-2', 'failed'),
      fault(U, '2025-04-01T08:00:00Z', 'F-3'),
      repaired(U, '2025-04-02T08:00:00Z', 'F-3', 'failed'),
    ];
    const view = given(history).asOf('2025-04-10').view();
    expect(view.failedRepairs).toEqual(
      expect.arrayContaining([
        { component: 'unit', problemCode: 'no-power', count: 2 },
        { component: 'fan', problemCode: 'no-power', count: 1 },
      ]),
    );
    expect(view.failedRepairs).toHaveLength(2);
    expect(view.entitlements).toEqual([]);
  });

  it('a fault diagnosed with an excluded cause does not count', () => {
    const history = [
      ...base(),
      fault(U, '2025-02-01T08:00:00Z', 'F-1'),
      diagnosed(U, '2025-02-01T09:00:00Z', 'F-1', 'misuse'),
      repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed'),
    ];
    expect(given(history).asOf('2025-03-01').view().failedRepairs).toEqual([]);
  });

  it('an excluded cause diagnosed after the repair does not undo the count (causal: undiagnosed at the repair)', () => {
    const history = [
      ...base(),
      fault(U, '2025-02-01T08:00:00Z', 'F-1'),
      repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed'),
      diagnosed(U, '2025-02-03T09:00:00Z', 'F-1', 'misuse'),
    ];
    expect(failedRepairs(given(history).asOf('2025-03-01').view(), 'no-power')).toBe(1);
  });

  it('a recurrence does not fail a fixed repair whose fault had an excluded cause', () => {
    const history = [
      ...base(),
      fault(U, '2025-02-01T08:00:00Z', 'F-1'),
      diagnosed(U, '2025-02-01T09:00:00Z', 'F-1', 'accident'),
      repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'fixed'),
      fault(U, '2025-03-01T08:00:00Z', 'F-2'),
    ];
    expect(given(history).asOf('2025-03-10').view().failedRepairs).toEqual([]);
  });

  it('a fault reported after coverage ended does not count', () => {
    const history = [
      ...base(),
      fault(U, '2026-01-02T08:00:00Z', 'F-1'),
      repaired(U, '2026-01-03T08:00:00Z', 'F-1', 'failed'),
    ];
    expect(given(history).asOf('2026-02-01').view().failedRepairs).toEqual([]);
  });

  it('a fault reported on the last covered day counts, even when its repairs fail after coverage ended (fine print 2)', () => {
    const history = [
      ...base(),
      fault(U, '2026-01-01T20:00:00Z', 'F-1'),
      repaired(U, '2026-01-05T08:00:00Z', 'F-1', 'failed'),
      repaired(U, '2026-01-10T08:00:00Z', 'F-1', 'failed'),
      repaired(U, '2026-01-15T08:00:00Z', 'F-1', 'failed'),
    ];
    const view = given(history).asOf('2026-02-01').view();
    expect(failedRepairs(view, 'no-power')).toBe(3);
    expect(entitlements(view, 'replacement')).toHaveLength(1);
  });
});
