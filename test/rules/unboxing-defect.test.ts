/** Rulebook 8 [000, 004]: a problem found at unboxing owes a replacement with the same model, unconditionally. */
import { describe, expect, it } from 'vitest';
import { delivered, diagnosed, fault, replaced, sold } from '../support/events.js';
import { given, policyLike } from '../support/given.js';

const U = 'U-1';
const base = (policyId = 'standard-1y') => [
  sold(U, '2025-01-01T09:00:00Z', policyId),
  delivered(U, '2025-01-02T10:00:00Z'),
];
const dent = fault(U, '2025-01-02T11:00:00Z', 'F-1', { atUnboxing: true, problemCode: 'dent' });

describe('unboxing defect', () => {
  it('owes a replacement tied to the fault, naming the report', () => {
    expect(
      given([...base(), dent])
        .asOf('2025-01-02')
        .view().entitlements,
    ).toEqual([
      {
        kind: 'replacement',
        status: 'open',
        faultId: 'F-1',
        because: [{ rule: 'unboxing-defect', eventIds: [dent.id] }],
      },
    ]);
  });

  it('unconditionally: appearance damage diagnosed as an accident still owes it', () => {
    const view = given([...base(), dent, diagnosed(U, '2025-01-02T12:00:00Z', 'F-1', 'accident')])
      .asOf('2025-01-05')
      .view();
    expect(view.entitlements).toMatchObject([{ kind: 'replacement', status: 'open', faultId: 'F-1' }]);
  });

  it('a fault not found at unboxing owes nothing', () => {
    expect(
      given([...base(), fault(U, '2025-01-02T11:00:00Z', 'F-1', { atUnboxing: false })])
        .asOf('2025-01-05')
        .view().entitlements,
    ).toEqual([]);
  });

  it('the replacement fulfils it, with no anomaly', () => {
    const swap = replaced(U, '2025-01-03T10:00:00Z', 'unboxing-defect');
    const view = given([...base(), dent, swap])
      .asOf('2025-01-05')
      .view();
    expect(view.entitlements).toMatchObject([
      { kind: 'replacement', status: 'fulfilled', faultId: 'F-1', fulfilledBy: swap.id },
    ]);
    expect(view.anomalies).toEqual([]);
  });

  it('a policy may turn the rule off', () => {
    const off = policyLike('standard-1y', { id: 'no-unboxing', unboxingDefect: null });
    expect(
      given([...base('no-unboxing'), dent], { policies: [off] })
        .asOf('2025-01-05')
        .view().entitlements,
    ).toEqual([]);
  });
});
