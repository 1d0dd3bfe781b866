/**
 * Rulebook 15, fine print 14-20, at their edges: 16 and 18 as the ledger now reads them, and 14, 15,
 * 17, 19 and 20 pinned as the ledger computes them, so they cannot drift.
 */
import { describe, expect, it } from 'vitest';
import {
  accepted,
  delivered,
  diagnosed,
  extended,
  fault,
  outage,
  repaired,
  replaced,
  restored,
  returnRequested,
  sold,
  trained,
} from '../support/events.js';
import { entitlements, failedRepairs, given, line, policyLike } from '../support/given.js';

const U = 'U-1';
/** Coverage from 2 Jan 2025. */
const base = (policyId: string) => [sold(U, '2025-01-01T09:00:00Z', policyId), accepted(U, '2025-01-01T10:00:00Z')];

describe('fine print 14: a view may carry more fields than the contract names', () => {
  it('a fulfilled entitlement names the event that fulfilled it', () => {
    const f = fault(U, '2025-02-01T08:00:00Z', 'F-1', { atUnboxing: true });
    const swap = replaced(U, '2025-02-02T08:00:00Z', 'unboxing-defect');
    expect(
      given([...base('standard-1y'), f, swap])
        .asOf('2025-02-05')
        .view().entitlements,
    ).toEqual([
      {
        kind: 'replacement',
        status: 'fulfilled',
        faultId: 'F-1',
        fulfilledBy: swap.id,
        because: [{ rule: 'unboxing-defect', eventIds: [f.id] }],
      },
    ]);
  });
});

describe('fine print 15: "cannot operate" owes free training only under a returns rule, fulfilled after the request', () => {
  const project = () => [sold(U, '2025-01-01T09:00:00Z', 'project-3y'), delivered(U, '2025-01-02T09:00:00Z')];
  const request = returnRequested(U, '2025-01-05T09:00:00Z', 'R-1', 'cannot-operate');

  it('without a returns rule nothing is owed', () => {
    expect(
      given([...base('standard-1y'), request])
        .asOf('2025-01-06')
        .view().entitlements,
    ).toEqual([]);
  });

  it('a free training before the request does not fulfil it', () => {
    const view = given([...project(), trained(U, '2025-01-04T09:00:00Z', true), request])
      .asOf('2025-01-06')
      .view();
    expect(entitlements(view, 'free-training')).toEqual([
      { kind: 'free-training', status: 'open', because: [{ rule: 'cannot-operate', eventIds: [request.id] }] },
    ]);
  });

  it('a charged training after it does not either; the first free one does', () => {
    const free = trained(U, '2025-01-08T09:00:00Z', true);
    expect(
      entitlements(
        given([...project(), request, trained(U, '2025-01-06T09:00:00Z', false)])
          .asOf('2025-01-07')
          .view(),
        'free-training',
      ),
    ).toMatchObject([{ status: 'open' }]);
    expect(
      entitlements(
        given([...project(), request, trained(U, '2025-01-06T09:00:00Z', false), free])
          .asOf('2025-01-09')
          .view(),
        'free-training',
      ),
    ).toMatchObject([{ status: 'fulfilled', fulfilledBy: free.id }]);
  });
});

describe('fine print 16: every fixed repair not judged yet fails at the next report of the problem', () => {
  const f1 = fault(U, '2025-02-01T08:00:00Z', 'F-1');
  const a = repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'fixed');
  const b = repaired(U, '2025-02-03T08:00:00Z', 'F-1', 'fixed');
  const c = repaired(U, '2025-02-04T08:00:00Z', 'F-1', 'fixed');
  const again = fault(U, '2025-03-01T08:00:00Z', 'F-2');

  it('two fixed repairs of one fault: nothing counted before the recurrence', () => {
    expect(
      given([...base('standard-1y'), f1, a, b])
        .asOf('2025-02-20')
        .view().failedRepairs,
    ).toEqual([]);
  });

  it('two fixed repairs before a recurrence: both fail, both counted', () => {
    expect(
      given([...base('standard-1y'), f1, a, b, again])
        .asOf('2025-03-01')
        .view().failedRepairs,
    ).toEqual([{ component: 'unit', problemCode: 'no-power', count: 2 }]);
  });

  it('three fixed repairs before a recurrence reach the threshold, each named by its own RepairCompleted', () => {
    const view = given([...base('standard-1y'), f1, a, b, c, again])
      .asOf('2025-03-01')
      .view();
    expect(view.failedRepairs).toEqual([{ component: 'unit', problemCode: 'no-power', count: 3 }]);
    expect(view.entitlements).toEqual([
      { kind: 'replacement', status: 'open', because: [{ rule: 'repeated-failure', eventIds: [a.id, b.id, c.id] }] },
    ]);
  });

  it('a failed repair between them counts at once and is not counted again', () => {
    const failed = repaired(U, '2025-02-03T12:00:00Z', 'F-1', 'failed');
    const view = given([...base('standard-1y'), f1, a, failed, b, again])
      .asOf('2025-03-01')
      .view();
    expect(view.entitlements).toEqual([
      {
        kind: 'replacement',
        status: 'open',
        because: [{ rule: 'repeated-failure', eventIds: [failed.id, a.id, b.id] }],
      },
    ]);
  });

  it('each repair is judged once: a second recurrence fails only the repairs made since the first', () => {
    const d = repaired(U, '2025-03-02T08:00:00Z', 'F-2', 'fixed');
    const third = fault(U, '2025-04-01T08:00:00Z', 'F-3');
    expect(
      failedRepairs(
        given([...base('standard-1y'), f1, a, b, again, d, third])
          .asOf('2025-04-01')
          .view(),
        'no-power',
      ),
    ).toBe(3);
  });

  it('a recurrence reported outside coverage fails none of them', () => {
    const late = fault(U, '2026-02-01T08:00:00Z', 'F-2');
    expect(
      given([...base('standard-1y'), f1, a, b, late])
        .asOf('2026-02-02')
        .view().failedRepairs,
    ).toEqual([]);
  });
});

describe('fine print 17: a recurrence fails earlier fixed repairs only if they still count', () => {
  const f1 = fault(U, '2025-02-01T08:00:00Z', 'F-1');
  const fix = repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'fixed');
  const again = fault(U, '2025-03-01T08:00:00Z', 'F-2');

  it('an earlier fault diagnosed with an excluded cause before the recurrence is not counted', () => {
    const history = [...base('standard-1y'), f1, fix, diagnosed(U, '2025-02-10T08:00:00Z', 'F-1', 'misuse'), again];
    expect(given(history).asOf('2025-03-02').view().failedRepairs).toEqual([]);
  });

  it('a diagnosis after the recurrence does not undo the count', () => {
    const history = [...base('standard-1y'), f1, fix, again, diagnosed(U, '2025-03-10T08:00:00Z', 'F-1', 'misuse')];
    expect(failedRepairs(given(history).asOf('2025-03-11').view(), 'no-power')).toBe(1);
  });
});

describe('fine print 18: a `unit` part line is the unit line', () => {
  /** project-3y restarts a replaced part's term (36 months) from the resolution; no tank line of its own. */
  const history = (tank: string) => [
    ...base('project-3y'),
    fault(U, '2025-03-01T08:00:00Z', 'F-1', { component: tank, problemCode: 'leak' }),
    repaired(U, '2025-03-03T08:00:00Z', 'F-1', 'fixed', { parts: [tank] }),
    fault(U, '2025-06-01T08:00:00Z', 'F-2'),
    repaired(U, '2025-06-02T08:00:00Z', 'F-2', 'fixed', { parts: ['unit'] }),
  ];

  it('the unit part line is shown as the unit line, and the status follows it', () => {
    const view = given(history('tank')).asOf('2028-03-01').view();
    expect(line(view, 'unit')).toEqual({ component: 'unit', start: '2025-06-02', end: '2028-06-01', active: true });
    expect(view.status).toBe('active');
  });

  it('a part line of a component without a line of its own never ends before it', () => {
    expect(line(given(history('tank')).asOf('2025-07-01').view(), 'tank')).toEqual({
      component: 'tank',
      start: '2025-03-03',
      end: '2028-06-01',
      active: true,
    });
  });

  it('and moves with it when an extension moves the unit line', () => {
    const view = given([...history('tank'), extended(U, '2025-08-01T08:00:00Z', 12)])
      .asOf('2025-09-01')
      .view();
    expect(line(view, 'unit').end).toBe('2029-06-01');
    expect(line(view, 'tank').end).toBe('2029-06-01');
  });

  it('a component that sorts after `unit` (valve) gets the same end as one that sorts before it (fan-motor)', () => {
    const before = line(given(history('fan-motor')).asOf('2025-07-01').view(), 'fan-motor');
    const after = line(given(history('valve')).asOf('2025-07-01').view(), 'valve');
    expect({ ...after, component: 'fan-motor' }).toEqual(before);
    expect(after.end).toBe('2028-06-01');
  });

  it('a component with a line of its own keeps to that line', () => {
    const ac = [
      sold(U, '2025-01-01T09:00:00Z', 'household-ac-6y'),
      accepted(U, '2025-01-01T10:00:00Z'),
      fault(U, '2025-03-01T08:00:00Z', 'F-1', { component: 'compressor', problemCode: 'noise' }),
      repaired(U, '2025-03-03T08:00:00Z', 'F-1', 'fixed', { parts: ['compressor'] }),
    ];
    const withUnit = [
      ...ac,
      fault(U, '2026-06-01T08:00:00Z', 'F-2'),
      repaired(U, '2026-06-02T08:00:00Z', 'F-2', 'fixed', { parts: ['unit'] }),
    ];
    expect(line(given(withUnit).asOf('2026-07-01').view(), 'compressor')).toEqual(
      line(given(ac).asOf('2026-07-01').view(), 'compressor'),
    );
  });

  it('a fault on a component without a line is judged against the unit part line', () => {
    const late = [
      ...history('tank'),
      fault(U, '2028-03-01T08:00:00Z', 'F-3', { component: 'pump' }),
      repaired(U, '2028-03-02T08:00:00Z', 'F-3', 'failed'),
    ];
    expect(failedRepairs(given(late).asOf('2028-03-05').view(), 'no-power', 'pump')).toBe(1);
  });
});

describe('fine print 19: an extension of a component with a part line adds to both lines', () => {
  const ac = () => [
    sold(U, '2025-01-01T09:00:00Z', 'household-ac-6y'),
    accepted(U, '2025-01-01T10:00:00Z'),
    fault(U, '2025-03-01T08:00:00Z', 'F-1', { component: 'compressor', problemCode: 'noise' }),
    repaired(U, '2025-03-03T08:00:00Z', 'F-1', 'fixed', { parts: ['compressor'] }),
    extended(U, '2025-04-01T08:00:00Z', 12, 'compressor'),
  ];

  it('the part line moves by the months bought', () => {
    // restart: a full 72-month term from the resolution (3 Mar 2025), plus 12 months
    expect(line(given(ac()).asOf('2025-05-01').view(), 'compressor')).toEqual({
      component: 'compressor',
      start: '2025-03-03',
      end: '2032-03-02',
      active: true,
    });
  });

  it('the months survive a later replacement of the unit, on the policy line', () => {
    const view = given([...ac(), replaced(U, '2026-01-10T08:00:00Z', 'goodwill')])
      .asOf('2026-02-01')
      .view();
    expect(line(view, 'compressor')).toEqual({
      component: 'compressor',
      start: '2026-01-10',
      end: '2033-01-09',
      active: true,
    });
  });
});

describe('fine print 20: the downtime effect is checked at every restoration that ends an outage', () => {
  const DAY = 24 * 60;
  const at = (start: string, minutes: number) => new Date(Date.parse(start) + minutes * 60_000).toISOString();
  const start = '2025-02-01T08:00:00Z';
  // household-ac-6y: more than 20 days (28,800 min) of downtime restarts every line with a term.
  const counted = outage(U, start, 'F-1');
  const excluded = outage(U, at(start, 60), 'F-2');
  const history = [
    ...base('household-ac-6y'),
    counted,
    excluded,
    diagnosed(U, at(start, 120), 'F-2', 'misuse'),
    restored(U, at(start, 21 * DAY), 'F-1'),
  ];

  it('an excluded outage still open does not hold the effect back: it fires when the last counted one is restored', () => {
    const view = given(history).asOf('2025-02-23').view();
    expect(entitlements(view, 'warranty-restart')).toMatchObject([
      { status: 'fulfilled', because: [{ rule: 'downtime', eventIds: [counted.id] }] },
    ]);
    expect(line(view, 'unit').start).toBe('2025-02-22');
  });

  it('a restoration of an uncounted outage fires the effect when the counted sum is past the threshold', () => {
    const fix = outage(U, start, 'F-1');
    const other = outage(U, at(start, 60), 'F-2');
    const both = [
      ...base('household-ac-6y'),
      fix,
      other,
      restored(U, at(start, 21 * DAY), 'F-1'),
      diagnosed(U, at(start, 21 * DAY + 1), 'F-2', 'misuse'),
      restored(U, at(start, 22 * DAY), 'F-2'),
    ];
    const view = given(both).asOf('2025-02-25').view();
    expect(entitlements(view, 'warranty-restart')).toMatchObject([{ status: 'fulfilled' }]);
    expect(line(view, 'unit').start).toBe('2025-02-23');
  });

  it('below the threshold nothing fires', () => {
    const short = [...base('household-ac-6y'), outage(U, start, 'F-1'), restored(U, at(start, 20 * DAY), 'F-1')];
    expect(entitlements(given(short).asOf('2025-03-01').view(), 'warranty-restart')).toEqual([]);
  });

  it('a policy without a downtime rule only counts the minutes', () => {
    const off = policyLike('household-ac-6y', { id: 'no-downtime', downtime: null });
    const view = given([...base('no-downtime'), counted, restored(U, at(start, 21 * DAY), 'F-1')], { policies: [off] })
      .asOf('2025-03-01')
      .view();
    expect(view.downtimeMinutes).toBe(21 * DAY);
    expect(view.entitlements.filter((e) => e.because[0]?.rule === 'downtime')).toEqual([]);
    expect(line(view, 'unit').start).toBe('2025-01-02');
  });
});
