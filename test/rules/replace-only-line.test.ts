/**
 * Rulebook 4 and fine print 21 (水箱8年包换): a component whose own line grants replacement only
 * is never settled by a repair. Policy water-heater-5y: unit 60 months, tank 96 months replacement
 * only, coverage from 2 Jan 2025 (unit line to 2030-01-01, tank line to 2033-01-01).
 */
import { describe, expect, it } from 'vitest';
import { accepted, diagnosed, fault, repaired, replaced, sold } from '../support/events.js';
import { entitlements, failedRepairs, given, policyLike } from '../support/given.js';

const U = 'U-1';
const base = (policyId = 'water-heater-5y') => [
  sold(U, '2025-01-01T09:00:00Z', policyId),
  accepted(U, '2025-01-01T10:00:00Z'),
];
const leak = fault(U, '2025-03-01T08:00:00Z', 'F-1', { component: 'tank', problemCode: 'leak' });
const exchanges = (history: Parameters<typeof given>[0], asOf: string, policies?: Parameters<typeof given>[1]) =>
  entitlements(given(history, policies).asOf(asOf).view(), 'replacement').filter(
    (e) => e.because[0]?.rule === 'replace-only-line',
  );

describe('replacement-only line (rulebook 4, fine print 21)', () => {
  it('a fault with no repair yet owes nothing yet', () => {
    expect(exchanges([...base(), leak], '2025-03-05')).toEqual([]);
  });

  it('a first repair that replaces the tank: owed and fulfilled at once, naming the report', () => {
    const swap = repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed', { parts: ['tank'] });
    expect(exchanges([...base(), leak, swap], '2025-03-05')).toEqual([
      {
        kind: 'replacement',
        status: 'fulfilled',
        faultId: 'F-1',
        component: 'tank',
        fulfilledBy: swap.id,
        because: [{ rule: 'replace-only-line', eventIds: [leak.id] }],
      },
    ]);
  });

  it('a repair that replaces nothing leaves the exchange open; a later repair of the fault that replaces the tank fulfils it', () => {
    const patch = repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed');
    const swap = repaired(U, '2025-03-10T08:00:00Z', 'F-1', 'fixed', { parts: ['tank'] });
    expect(exchanges([...base(), leak, patch], '2025-03-05')).toEqual([
      {
        kind: 'replacement',
        status: 'open',
        faultId: 'F-1',
        component: 'tank',
        because: [{ rule: 'replace-only-line', eventIds: [leak.id] }],
      },
    ]);
    expect(exchanges([...base(), leak, patch, swap], '2025-03-10')).toMatchObject([
      { status: 'fulfilled', fulfilledBy: swap.id },
    ]);
  });

  it('a repair that replaces another component does not fulfil it', () => {
    const other = repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed', { parts: ['valve'] });
    expect(exchanges([...base(), leak, other], '2025-03-05')).toMatchObject([{ status: 'open', component: 'tank' }]);
  });

  it('a replaced unit fulfils it, with no anomaly', () => {
    const swap = replaced(U, '2025-03-20T08:00:00Z', 'goodwill');
    const view = given([...base(), leak, repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed'), swap])
      .asOf('2025-03-25')
      .view();
    expect(entitlements(view, 'replacement')).toMatchObject([
      { status: 'fulfilled', component: 'tank', fulfilledBy: swap.id },
    ]);
    expect(view.anomalies).toEqual([]);
  });

  it('an exchange owed makes a non-goodwill UnitReplaced no anomaly', () => {
    const swap = replaced(U, '2025-03-20T08:00:00Z', 'repeated-failure');
    const view = given([...base(), leak, repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed'), swap])
      .asOf('2025-03-25')
      .view();
    expect(view.anomalies).toEqual([]);
  });

  it('an excluded cause diagnosed by the first repair owes nothing', () => {
    const history = [
      ...base(),
      leak,
      diagnosed(U, '2025-03-01T12:00:00Z', 'F-1', 'misuse'),
      repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed'),
    ];
    expect(exchanges(history, '2025-03-05')).toEqual([]);
  });

  it('the cause is judged at the first repair: a later excluded diagnosis does not withdraw it', () => {
    const history = [
      ...base(),
      leak,
      repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed'),
      diagnosed(U, '2025-03-03T12:00:00Z', 'F-1', 'misuse'),
    ];
    expect(exchanges(history, '2025-03-05')).toMatchObject([{ status: 'open', faultId: 'F-1' }]);
  });

  it('only the first repair judges: an excluded cause at the first repair is not undone by a later covered diagnosis', () => {
    const history = [
      ...base(),
      leak,
      diagnosed(U, '2025-03-01T12:00:00Z', 'F-1', 'misuse'),
      repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed'),
      diagnosed(U, '2025-03-03T12:00:00Z', 'F-1', 'defect'),
      repaired(U, '2025-03-04T08:00:00Z', 'F-1', 'fixed'),
    ];
    expect(exchanges(history, '2025-03-05')).toEqual([]);
  });

  it('a component without a line of its own is covered by the unit line, which grants repair: nothing owed', () => {
    const pump = fault(U, '2025-03-01T08:00:00Z', 'F-1', { component: 'pump', problemCode: 'noise' });
    expect(exchanges([...base(), pump, repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed')], '2025-03-05')).toEqual([]);
  });

  it('a unit-line fault owes nothing under this rule', () => {
    const power = fault(U, '2025-03-01T08:00:00Z', 'F-1');
    expect(exchanges([...base(), power, repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'failed')], '2025-03-05')).toEqual(
      [],
    );
  });

  it('a line that also grants repair is settled by a repair', () => {
    const both = policyLike('water-heater-5y', {
      coverage: [
        { component: 'unit', months: 60, remedies: ['repair', 'replacement'] },
        { component: 'tank', months: 96, remedies: ['repair', 'replacement'] },
      ],
    });
    const history = [...base(both.id), leak, repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed')];
    expect(exchanges(history, '2025-03-05', { policies: [both] })).toEqual([]);
  });

  it('a fault reported after the tank line ended owes nothing', () => {
    const late = fault(U, '2033-02-01T08:00:00Z', 'F-1', { component: 'tank', problemCode: 'leak' });
    expect(exchanges([...base(), late, repaired(U, '2033-02-02T08:00:00Z', 'F-1', 'fixed')], '2033-02-05')).toEqual([]);
  });

  it('a tank fault after the unit line ended is still owed its exchange (the tank line runs on)', () => {
    const late = fault(U, '2031-02-01T08:00:00Z', 'F-1', { component: 'tank', problemCode: 'leak' });
    const view = given([...base(), late, repaired(U, '2031-02-02T08:00:00Z', 'F-1', 'fixed')])
      .asOf('2031-02-05')
      .view();
    expect(view.status).toBe('expired');
    expect(entitlements(view, 'replacement')).toMatchObject([{ status: 'open', component: 'tank', faultId: 'F-1' }]);
  });

  it("the household air conditioner's spare parts, replaced free for life, are a replacement-only line too", () => {
    const history = [
      sold(U, '2025-01-01T09:00:00Z', 'household-ac-6y'),
      accepted(U, '2025-01-01T10:00:00Z'),
      fault(U, '2040-03-01T08:00:00Z', 'F-1', { component: 'parts', problemCode: 'remote-broken' }),
      repaired(U, '2040-03-02T08:00:00Z', 'F-1', 'fixed'),
    ];
    expect(exchanges(history, '2040-03-05')).toMatchObject([{ status: 'open', component: 'parts', faultId: 'F-1' }]);
  });

  it('a tank fault counts for repeated failure like any other fault', () => {
    const history = [
      ...base(),
      leak,
      repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'failed'),
      repaired(U, '2025-03-03T08:00:00Z', 'F-1', 'failed'),
    ];
    const view = given(history).asOf('2025-03-05').view();
    expect(failedRepairs(view, 'leak', 'tank')).toBe(2);
    expect(exchanges(history, '2025-03-05')).toHaveLength(1);
  });

  it('one exchange per fault: two tank faults owe two', () => {
    const second = fault(U, '2025-05-01T08:00:00Z', 'F-2', { component: 'tank', problemCode: 'leak' });
    const history = [
      ...base(),
      leak,
      repaired(U, '2025-03-02T08:00:00Z', 'F-1', 'fixed'),
      second,
      repaired(U, '2025-05-02T08:00:00Z', 'F-2', 'fixed'),
    ];
    expect(exchanges(history, '2025-05-05').map((e) => e.faultId)).toEqual(['F-1', 'F-2']);
  });
});
