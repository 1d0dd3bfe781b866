/**
 * Rulebook 11 [003] and fine print 9: a covered fault out of service and not restored within
 * 24 h (restored more than 1,440 whole minutes after the report, or still out past that mark) owes
 * a loaner; any LoanerProvided for the fault fulfils it. Policy household-ac-6y (loaner on).
 */
import { describe, expect, it } from 'vitest';
import { accepted, diagnosed, fault, loanerProvided, maintained, outage, restored, sold } from '../support/events.js';
import { entitlements, given } from '../support/given.js';

const U = 'U-1';
const base = (policyId = 'household-ac-6y') => [
  sold(U, '2025-01-01T09:00:00Z', policyId),
  accepted(U, '2025-01-01T10:00:00Z'),
];
const f1 = outage(U, '2025-03-01T08:00:00Z', 'F-1');
const loaners = (history: Parameters<typeof given>[0], asOf: string) =>
  entitlements(given(history).asOf(asOf).view(), 'loaner');

describe('the 24-hour mark', () => {
  it('restored at exactly 1,440 minutes: no loaner', () => {
    expect(loaners([...base(), f1, restored(U, '2025-03-02T08:00:00Z', 'F-1')], '2025-03-10')).toEqual([]);
  });

  it('restored at 1,440 minutes and 59 seconds (1,440 whole minutes): no loaner', () => {
    expect(loaners([...base(), f1, restored(U, '2025-03-02T08:00:59Z', 'F-1')], '2025-03-10')).toEqual([]);
  });

  it('restored at 1,441 minutes: a loaner is owed for the fault', () => {
    expect(loaners([...base(), f1, restored(U, '2025-03-02T08:01:00Z', 'F-1')], '2025-03-10')).toEqual([
      { kind: 'loaner', status: 'open', faultId: 'F-1', because: [{ rule: 'loaner', eventIds: [f1.id] }] },
    ]);
  });

  it('still out: owed from the 1,441st minute on, as of a timestamp', () => {
    const history = [...base(), f1];
    expect(loaners(history, '2025-03-02T08:00:00Z')).toEqual([]);
    expect(loaners(history, '2025-03-02T08:00:59Z')).toEqual([]);
    expect(loaners(history, '2025-03-02T08:01:00Z')).toMatchObject([
      { kind: 'loaner', status: 'open', faultId: 'F-1' },
    ]);
  });

  it('still out, with later events folded past the mark: owed once', () => {
    expect(loaners([...base(), f1, maintained(U, '2025-03-05T08:00:00Z')], '2025-03-10')).toMatchObject([
      { status: 'open', faultId: 'F-1' },
    ]);
  });
});

describe('fulfilment (fine print 9)', () => {
  it('a loaner provided before the mark fulfils it', () => {
    const given_ = loanerProvided(U, '2025-03-01T12:00:00Z', 'F-1');
    expect(loaners([...base(), f1, given_, restored(U, '2025-03-03T08:00:00Z', 'F-1')], '2025-03-10')).toMatchObject([
      { status: 'fulfilled', faultId: 'F-1', fulfilledBy: given_.id },
    ]);
  });

  it('a loaner provided after the mark fulfils it; open until then', () => {
    const history = [
      ...base(),
      f1,
      loanerProvided(U, '2025-03-02T12:00:00Z', 'F-1'),
      restored(U, '2025-03-03T08:00:00Z', 'F-1'),
    ];
    expect(loaners(history, '2025-03-02T10:00:00Z')).toMatchObject([{ status: 'open' }]);
    expect(loaners(history, '2025-03-10')).toMatchObject([{ status: 'fulfilled' }]);
  });

  it('a loaner for another fault does not fulfil it', () => {
    const history = [
      ...base(),
      f1,
      fault(U, '2025-03-01T09:00:00Z', 'F-2'),
      loanerProvided(U, '2025-03-01T12:00:00Z', 'F-2'),
      restored(U, '2025-03-03T08:00:00Z', 'F-1'),
    ];
    expect(loaners(history, '2025-03-10')).toMatchObject([{ status: 'open', faultId: 'F-1' }]);
  });
});

describe('which faults owe one', () => {
  it('an excluded cause diagnosed before the mark: none', () => {
    expect(
      loaners(
        [
          ...base(),
          f1,
          diagnosed(U, '2025-03-01T10:00:00Z', 'F-1', 'misuse'),
          restored(U, '2025-03-03T08:00:00Z', 'F-1'),
        ],
        '2025-03-10',
      ),
    ).toEqual([]);
  });

  it('an excluded cause diagnosed after the mark: still owed (judged at the mark, which came first)', () => {
    expect(
      loaners(
        [
          ...base(),
          f1,
          diagnosed(U, '2025-03-02T12:00:00Z', 'F-1', 'misuse'),
          restored(U, '2025-03-03T08:00:00Z', 'F-1'),
        ],
        '2025-03-10',
      ),
    ).toHaveLength(1);
  });

  it('a fault that did not put the unit out of service: none', () => {
    expect(loaners([...base(), fault(U, '2025-03-01T08:00:00Z', 'F-1')], '2025-03-10')).toEqual([]);
  });

  it('water-heater-5y has the loaner option too', () => {
    expect(
      loaners([...base('water-heater-5y'), f1, restored(U, '2025-03-02T08:01:00Z', 'F-1')], '2025-03-10'),
    ).toMatchObject([{ kind: 'loaner', status: 'open', faultId: 'F-1' }]);
  });

  it('a policy without the loaner option (standard-1y): none', () => {
    expect(loaners([...base('standard-1y'), f1, restored(U, '2025-03-03T08:00:00Z', 'F-1')], '2025-03-10')).toEqual([]);
  });

  it('a fault reported after coverage ended: none', () => {
    // Covered 2018-01-02 to 2024-01-01 (72 months).
    const history = [
      sold(U, '2018-01-01T09:00:00Z', 'household-ac-6y'),
      accepted(U, '2018-01-01T10:00:00Z'),
      outage(U, '2024-06-01T08:00:00Z', 'F-1'),
      restored(U, '2024-06-05T08:00:00Z', 'F-1'),
    ];
    expect(loaners(history, '2024-07-01')).toEqual([]);
  });
});
