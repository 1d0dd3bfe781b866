/**
 * Rulebook 7 and fine print 4, 6: out-of-service time of covered faults reported within coverage,
 * overlaps counted once; strictly more than 28,800 minutes (20 days) restarts the warranty at the
 * restoration that leaves no counted outage open. Policy household-ac-6y unless said otherwise:
 * coverage from 2025-01-02, unit and compressor 72 months (end 2031-01-01), parts for life.
 */
import { describe, expect, it } from 'vitest';
import {
  accepted,
  diagnosed,
  extended,
  fault,
  maintained,
  outage,
  repaired,
  replaced,
  restored,
  sold,
} from '../support/events.js';
import { entitlements, given, line, policyLike } from '../support/given.js';

const U = 'U-1';
const base = (policyId = 'household-ac-6y') => [
  sold(U, '2025-01-01T09:00:00Z', policyId),
  accepted(U, '2025-01-01T10:00:00Z'),
];

describe('the threshold: strictly more than 28,800 minutes', () => {
  const f1 = outage(U, '2025-02-01T00:00:00Z', 'F-1');

  it('exactly 28,800 minutes (1 to 21 Feb, 20 d): no restart', () => {
    const view = given([...base(), f1, restored(U, '2025-02-21T00:00:00Z', 'F-1')])
      .asOf('2025-03-01')
      .view();
    expect(view.downtimeMinutes).toBe(28_800);
    expect(line(view)).toMatchObject({ start: '2025-01-02', end: '2031-01-01' });
    expect(entitlements(view, 'warranty-restart')).toEqual([]);
  });

  it('28,800 minutes and 59 seconds rounds down to 28,800: no restart', () => {
    const view = given([...base(), f1, restored(U, '2025-02-21T00:00:59Z', 'F-1')])
      .asOf('2025-03-01')
      .view();
    expect(view.downtimeMinutes).toBe(28_800);
    expect(entitlements(view, 'warranty-restart')).toEqual([]);
  });

  it('28,801 minutes: every line with a term restarts from the restoration date, fulfilled at once', () => {
    const back = restored(U, '2025-02-21T00:01:00Z', 'F-1');
    const view = given([...base(), f1, back])
      .asOf('2025-03-01')
      .view();
    // 21 Feb 2025 + 72 months = 21 Feb 2031: the last covered day is 20 Feb 2031.
    expect(view.coverage).toEqual([
      { component: 'unit', start: '2025-02-21', end: '2031-02-20', active: true },
      { component: 'compressor', start: '2025-02-21', end: '2031-02-20', active: true },
      { component: 'parts', start: '2025-01-02', end: null, active: true },
    ]);
    expect(entitlements(view, 'warranty-restart')).toEqual([
      {
        kind: 'warranty-restart',
        status: 'fulfilled',
        fulfilledBy: back.id,
        because: [{ rule: 'downtime', eventIds: [f1.id] }],
      },
    ]);
    expect(view.downtimeMinutes).toBe(0);
  });

  it('no restart before the restoration, even past the threshold: the ongoing outage counts up to the as-of moment', () => {
    const history = [...base(), f1, restored(U, '2025-02-25T00:00:00Z', 'F-1')];
    const view = given(history).asOf('2025-02-23T12:00:00Z').view();
    expect(view.downtimeMinutes).toBe(32_400); // 22.5 d x 1,440
    expect(line(view).start).toBe('2025-01-02');
    expect(entitlements(view, 'warranty-restart')).toEqual([]);
  });
});

describe('overlapping outages are counted once', () => {
  it('12 d + 12 d overlapping by 8 d is 16 d = 23,040 minutes, below the threshold (their plain sum, 34,560, is above)', () => {
    const history = [
      ...base(),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      outage(U, '2025-02-05T00:00:00Z', 'F-2', { problemCode: 'noisy' }),
      restored(U, '2025-02-13T00:00:00Z', 'F-1'),
      restored(U, '2025-02-17T00:00:00Z', 'F-2'),
    ];
    const view = given(history).asOf('2025-03-01').view();
    expect(view.downtimeMinutes).toBe(23_040);
    expect(entitlements(view, 'warranty-restart')).toEqual([]);
  });

  it('the restart waits for the last counted outage: fired at its restoration, naming both outages', () => {
    const f1 = outage(U, '2025-02-01T00:00:00Z', 'F-1');
    const f2 = outage(U, '2025-02-10T00:00:00Z', 'F-2', { problemCode: 'noisy' });
    const history = [
      ...base(),
      f1,
      f2,
      restored(U, '2025-02-15T00:00:00Z', 'F-1'),
      restored(U, '2025-02-22T00:01:00Z', 'F-2'),
    ];
    // As of 15 Feb (to midnight): 1 Feb to 16 Feb = 15 d = 21,600 minutes, F-2 still out.
    expect(given(history).asOf('2025-02-15').view().downtimeMinutes).toBe(21_600);
    // 1 Feb 00:00 to 22 Feb 00:01 = 21 d + 1 min = 30,241 minutes.
    const view = given(history).asOf('2025-02-22').view();
    expect(line(view)).toMatchObject({ start: '2025-02-22', end: '2031-02-21' });
    expect(entitlements(view, 'warranty-restart')).toMatchObject([
      { status: 'fulfilled', because: [{ rule: 'downtime', eventIds: [f1.id, f2.id] }] },
    ]);
  });

  it('past the threshold when the first outage ends, but another counted outage is open: no restart until it ends too', () => {
    const history = [
      ...base(),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      outage(U, '2025-02-20T00:00:00Z', 'F-2', { problemCode: 'noisy' }),
      restored(U, '2025-02-25T00:00:00Z', 'F-1'), // 24 d closed
      restored(U, '2025-03-01T00:00:00Z', 'F-2'),
    ];
    const open = given(history).asOf('2025-02-26').view();
    expect(open.downtimeMinutes).toBe(37_440); // 1 Feb to 27 Feb 00:00 = 26 d
    expect(line(open).start).toBe('2025-01-02');
    const done = given(history).asOf('2025-03-01').view();
    // 1 Mar 2025 + 72 months = 1 Mar 2031: the last covered day is 28 Feb 2031.
    expect(line(done)).toMatchObject({ start: '2025-03-01', end: '2031-02-28' });
    expect(done.downtimeMinutes).toBe(0);
  });
});

describe('which outages count', () => {
  it('an excluded cause does not count', () => {
    const history = [
      ...base(),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      diagnosed(U, '2025-02-01T03:00:00Z', 'F-1', 'misuse'),
      restored(U, '2025-02-25T00:00:00Z', 'F-1'),
    ];
    const view = given(history).asOf('2025-03-01').view();
    expect(view.downtimeMinutes).toBe(0);
    expect(line(view).start).toBe('2025-01-02');
  });

  it('an open outage counts up to the as-of moment; its cause is judged then (fine print 6)', () => {
    const history = [
      ...base(),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      diagnosed(U, '2025-02-05T00:00:00Z', 'F-1', 'misuse'),
    ];
    expect(given(history).asOf('2025-02-03T12:00:00Z').view().downtimeMinutes).toBe(3_600); // 2.5 d
    expect(given(history).asOf('2025-02-03').view().downtimeMinutes).toBe(4_320); // to 4 Feb 00:00: 3 d
    expect(given(history).asOf('2025-02-10').view().downtimeMinutes).toBe(0);
  });

  it('the cause is judged at restoration: a later excluded diagnosis does not undo the restart', () => {
    const history = [
      ...base(),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      restored(U, '2025-02-22T00:00:00Z', 'F-1'),
      diagnosed(U, '2025-02-23T00:00:00Z', 'F-1', 'misuse'),
    ];
    expect(line(given(history).asOf('2025-03-01').view()).start).toBe('2025-02-22');
  });

  it('an open excluded-cause outage does not keep the goods from working normally again (fine print 6)', () => {
    const history = [
      ...base(),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      outage(U, '2025-02-10T00:00:00Z', 'F-2', { problemCode: 'broken-louver' }),
      diagnosed(U, '2025-02-10T01:00:00Z', 'F-2', 'misuse'),
      restored(U, '2025-02-23T00:00:00Z', 'F-1'), // 22 d
      restored(U, '2025-03-10T00:00:00Z', 'F-2'),
    ];
    const view = given(history).asOf('2025-03-01').view();
    expect(line(view).start).toBe('2025-02-23');
    expect(view.downtimeMinutes).toBe(0);
  });

  it('only out-of-service faults count', () => {
    const history = [
      ...base(),
      fault(U, '2025-02-01T00:00:00Z', 'F-1'),
      repaired(U, '2025-02-25T00:00:00Z', 'F-1', 'fixed'),
    ];
    expect(given(history).asOf('2025-03-01').view().downtimeMinutes).toBe(0);
  });

  it('an outage reported after coverage ended does not count (standard-1y, covered to 2026-01-01)', () => {
    const inside = [
      ...base('standard-1y'),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      restored(U, '2025-02-03T00:00:00Z', 'F-1'),
    ];
    expect(given(inside).asOf('2025-03-01').view().downtimeMinutes).toBe(2_880);
    const outside = [
      ...base('standard-1y'),
      outage(U, '2026-02-01T00:00:00Z', 'F-1'),
      restored(U, '2026-02-03T00:00:00Z', 'F-1'),
    ];
    expect(given(outside).asOf('2026-03-01').view().downtimeMinutes).toBe(0);
  });

  it('minutes are counted under every policy; without a downtime rule nothing restarts (fine print 6)', () => {
    const history = [
      ...base('standard-1y'),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      restored(U, '2025-02-26T00:00:00Z', 'F-1'),
    ];
    const view = given(history).asOf('2025-03-01').view();
    expect(view.downtimeMinutes).toBe(36_000); // 25 d
    expect(line(view)).toMatchObject({ start: '2025-01-02', end: '2026-01-01' });
    expect(view.entitlements).toEqual([]);
  });
});

describe('periods', () => {
  it('after a restart the sum starts from zero', () => {
    const history = [
      ...base(),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      restored(U, '2025-02-22T00:00:00Z', 'F-1'), // 21 d: restart
      outage(U, '2025-03-01T00:00:00Z', 'F-2'),
      restored(U, '2025-03-11T00:00:00Z', 'F-2'), // 10 d
    ];
    const view = given(history).asOf('2025-03-20').view();
    expect(view.downtimeMinutes).toBe(14_400);
    expect(line(view).start).toBe('2025-02-22');
    expect(entitlements(view, 'warranty-restart')).toHaveLength(1);
  });

  it('a UnitReplaced that ends the last outage resets the sum instead of firing', () => {
    const history = [
      ...base(),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      replaced(U, '2025-02-25T00:00:00Z', 'goodwill'),
    ]; // 24 d
    const view = given(history).asOf('2025-03-01').view();
    expect(view.downtimeMinutes).toBe(0);
    expect(entitlements(view, 'warranty-restart')).toEqual([]);
    expect(line(view)).toMatchObject({ start: '2025-02-25', end: '2031-02-24' }); // restarted by the replacement (rulebook 6)
  });

  it('an outage that began before the current period counts from the period start (fine print 6)', () => {
    // F-2 is excluded while F-1's 22 days restart the warranty on 23 Feb; re-diagnosed a defect, it counts from 23 Feb.
    const history = [
      ...base(),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      outage(U, '2025-02-10T00:00:00Z', 'F-2', { problemCode: 'broken-louver' }),
      diagnosed(U, '2025-02-10T01:00:00Z', 'F-2', 'misuse'),
      restored(U, '2025-02-23T00:00:00Z', 'F-1'),
      diagnosed(U, '2025-02-24T00:00:00Z', 'F-2', 'defect'),
      restored(U, '2025-03-10T00:00:00Z', 'F-2'),
    ];
    expect(line(given(history).asOf('2025-03-01').view()).start).toBe('2025-02-23');
    expect(given(history).asOf('2025-03-01').view().downtimeMinutes).toBe(10_080); // 23 Feb to 2 Mar 00:00: 7 d
    expect(given(history).asOf('2025-03-15').view().downtimeMinutes).toBe(21_600); // 23 Feb to 10 Mar: 15 d
  });

  it('extension months stay part of the term through a restart (fine print 4)', () => {
    const history = [
      ...base(),
      extended(U, '2025-01-15T00:00:00Z', 12),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      restored(U, '2025-02-22T00:00:00Z', 'F-1'),
    ];
    // 22 Feb 2025 + (72 + 12) months = 22 Feb 2032.
    expect(line(given(history).asOf('2025-03-01').view())).toMatchObject({ start: '2025-02-22', end: '2032-02-21' });
  });

  it('a part line keeps its start and end unless the restarted line it was covered by now ends later', () => {
    const history = [
      ...base(),
      fault(U, '2025-01-20T08:00:00Z', 'F-0', { component: 'fan' }),
      repaired(U, '2025-01-20T12:00:00Z', 'F-0', 'fixed', { parts: ['fan'] }), // restart rule: fan 2025-01-20 + 72 months
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      restored(U, '2025-02-22T00:00:00Z', 'F-1'),
    ];
    expect(line(given(history).asOf('2025-02-01').view(), 'fan')).toMatchObject({
      start: '2025-01-20',
      end: '2031-01-19',
    });
    // The unit line now ends 2031-02-21, later than the fan's own 2031-01-19 (fine print 3).
    expect(line(given(history).asOf('2025-03-01').view(), 'fan')).toMatchObject({
      start: '2025-01-20',
      end: '2031-02-21',
    });
  });
});

describe('effect `replace` and `extendByDowntime`', () => {
  const replacing = policyLike('household-ac-6y', {
    id: 'ac-replace',
    downtime: { threshold: { value: 28_800, comparison: 'more-than' }, effect: 'replace' },
  });

  it('owes a replacement, once per period, and leaves coverage alone until the unit is replaced', () => {
    const f1 = outage(U, '2025-02-01T00:00:00Z', 'F-1');
    const history = [
      ...base('ac-replace'),
      f1,
      restored(U, '2025-02-22T00:00:00Z', 'F-1'), // 21 d
      outage(U, '2025-03-01T00:00:00Z', 'F-2'),
      restored(U, '2025-03-05T00:00:00Z', 'F-2'), // 4 d more
    ];
    const view = given(history, { policies: [replacing] })
      .asOf('2025-03-06')
      .view();
    expect(entitlements(view, 'replacement')).toEqual([
      { kind: 'replacement', status: 'open', because: [{ rule: 'downtime', eventIds: [f1.id] }] },
    ]);
    expect(view.downtimeMinutes).toBe(36_000); // the sum goes on: 21 d + 4 d
    expect(line(view).start).toBe('2025-01-02');
    const swap = replaced(U, '2025-03-10T00:00:00Z', 'downtime');
    const after = given([...history, swap], { policies: [replacing] })
      .asOf('2025-03-10')
      .view();
    expect(entitlements(after, 'replacement')).toMatchObject([{ status: 'fulfilled', fulfilledBy: swap.id }]);
    expect(after.anomalies).toEqual([]);
    expect(after.downtimeMinutes).toBe(0);
  });

  it('extendByDowntime pushes the end out by a day per downtime day', () => {
    const pushing = policyLike('standard-1y', { id: 'extend-by-downtime', extendByDowntime: true });
    const history = [
      ...base('extend-by-downtime'),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      restored(U, '2025-02-04T00:00:00Z', 'F-1'),
      maintained(U, '2025-03-01T00:00:00Z'),
    ];
    expect(
      line(
        given(history, { policies: [pushing] })
          .asOf('2025-03-01')
          .view(),
      ).end,
    ).toBe('2026-01-04'); // 2026-01-01 + 3 d
  });
});

describe('what the fold records when the effect fires, and explain reads', () => {
  it('a second restart records its own period (from the first restart) and its sum, and explain prints them', async () => {
    const { explainUnit, fold, createPolicyBook } = await import('../../src/index.js');
    const first = restored(U, '2025-02-21T00:01:00Z', 'F-1');
    const second = restored(U, '2025-05-01T00:00:00Z', 'F-2');
    const history = [
      ...base(),
      outage(U, '2025-02-01T00:00:00Z', 'F-1'),
      first,
      outage(U, '2025-04-01T00:00:00Z', 'F-2', { problemCode: 'noisy' }),
      second,
    ];
    const state = fold(history, createPolicyBook().resolve('household-ac-6y'));
    const fired = state.entitlements.filter((e) => e.kind === 'warranty-restart');
    expect(fired.map((e) => e.downtime)).toEqual([
      { periodStartMs: -8.64e15, minutes: 28_801 },
      { periodStartMs: Date.parse(first.occurredAt), minutes: 43_200 },
    ]);
    const reasoning = explainUnit(history, U, { asOf: '2025-06-01' })!
      .entitlements.filter((f) => f.rule === 'downtime')
      .map((f) => f.reasoning);
    expect(reasoning[0]![0]).toContain('from the start (the current period)');
    expect(reasoning[1]![0]).toContain('from 2025-02-21T00:01:00+00:00 (the current period)');
    expect(reasoning[1]!.at(-1)).toMatch(
      /^total, overlaps counted once: 43200 min; fired at the restoration 2025-05-01T00:00:00\+00:00/,
    );
  });
});
