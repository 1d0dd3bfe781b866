/**
 * Rulebook 9: covered causes (defect, workmanship), the excluded causes, undiagnosed = covered, the
 * latest diagnosis by the moment a rule fires. An excluded-cause fault counts for neither repeated
 * failure nor downtime, gets no part line, no loaner, and may be charged.
 */
import { describe, expect, it } from 'vitest';
import { COVERED_CAUSES, EXCLUDED_CAUSES } from '../../src/index.js';
import { accepted, diagnosed, fault, outage, repaired, restored, sold } from '../support/events.js';
import { failedRepairs, given, policyLike } from '../support/given.js';

const U = 'U-1';
const base = (policyId = 'standard-1y') => [
  sold(U, '2025-01-01T09:00:00Z', policyId),
  accepted(U, '2025-01-01T10:00:00Z'),
];
const failedAfter = (cause?: (typeof EXCLUDED_CAUSES)[number] | (typeof COVERED_CAUSES)[number]) => [
  ...base(),
  fault(U, '2025-02-01T08:00:00Z', 'F-1'),
  ...(cause ? [diagnosed(U, '2025-02-01T09:00:00Z', 'F-1', cause)] : []),
  repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed'),
];

describe('causes (rulebook 9)', () => {
  it('lists the eleven excluded causes of the rulebook', () => {
    expect([...EXCLUDED_CAUSES].sort()).toEqual(
      [
        'misuse',
        'accident',
        'natural-disaster',
        'war-or-unrest',
        'lightning',
        'power-failure',
        'improper-handling',
        'unauthorized-modification',
        'improper-tools',
        'environment',
        'software-environment',
      ].sort(),
    );
    expect([...COVERED_CAUSES].sort()).toEqual(['defect', 'workmanship']);
  });

  it.each(EXCLUDED_CAUSES)('%s: the failed repair is not counted', (cause) => {
    expect(given(failedAfter(cause)).asOf('2025-03-01').view().failedRepairs).toEqual([]);
  });

  it.each(COVERED_CAUSES)('%s: the failed repair is counted', (cause) => {
    expect(failedRepairs(given(failedAfter(cause)).asOf('2025-03-01').view(), 'no-power')).toBe(1);
  });

  it('undiagnosed: presumed covered', () => {
    expect(failedRepairs(given(failedAfter()).asOf('2025-03-01').view(), 'no-power')).toBe(1);
  });

  it('the latest diagnosis by the repair counts: misuse corrected to defect', () => {
    const history = [
      ...base(),
      fault(U, '2025-02-01T08:00:00Z', 'F-1'),
      diagnosed(U, '2025-02-01T09:00:00Z', 'F-1', 'misuse'),
      diagnosed(U, '2025-02-01T11:00:00Z', 'F-1', 'defect'),
      repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed'),
    ];
    expect(failedRepairs(given(history).asOf('2025-03-01').view(), 'no-power')).toBe(1);
  });

  it('the latest diagnosis by the repair counts: defect corrected to misuse', () => {
    const history = [
      ...base(),
      fault(U, '2025-02-01T08:00:00Z', 'F-1'),
      diagnosed(U, '2025-02-01T09:00:00Z', 'F-1', 'defect'),
      diagnosed(U, '2025-02-01T11:00:00Z', 'F-1', 'misuse'),
      repaired(U, '2025-02-02T08:00:00Z', 'F-1', 'failed'),
    ];
    expect(given(history).asOf('2025-03-01').view().failedRepairs).toEqual([]);
  });

  it('the exclusions are policy data: a policy that excludes nothing counts misuse', () => {
    const lenient = policyLike('standard-1y', { id: 'lenient', exclusions: [] });
    const history = failedAfter('misuse').map((e) =>
      e.type === 'UnitSold' ? { ...e, data: { ...e.data, policyId: 'lenient' } } : e,
    );
    expect(
      failedRepairs(
        given(history, { policies: [lenient] })
          .asOf('2025-03-01')
          .view(),
        'no-power',
      ),
    ).toBe(1);
  });
});

describe('an excluded-cause fault, all at once (household-ac-6y)', () => {
  // Out of service for 25 days (more than the 20-day downtime threshold and the 24-hour loaner mark),
  // a part replaced, parts charged at cost, the repair failed: none of it counts.
  const history = [
    ...base('household-ac-6y'),
    outage(U, '2025-02-01T00:00:00Z', 'F-1', { component: 'compressor' }),
    diagnosed(U, '2025-02-01T02:00:00Z', 'F-1', 'lightning'),
    repaired(U, '2025-02-20T00:00:00Z', 'F-1', 'failed', { parts: ['compressor'], charged: 800 }),
    restored(U, '2025-02-26T00:00:00Z', 'F-1'),
  ];
  const view = given(history).asOf('2025-03-01').view();

  it('counts for neither repeated failure nor downtime', () => {
    expect(view.failedRepairs).toEqual([]);
    expect(view.downtimeMinutes).toBe(0);
  });

  it('owes no loaner and no warranty restart', () => {
    expect(view.entitlements).toEqual([]);
  });

  it('gives the replaced part no line of its own and is charged without an anomaly', () => {
    expect(view.coverage.find((l) => l.component === 'compressor')).toEqual({
      component: 'compressor',
      start: '2025-01-02',
      end: '2031-01-01',
      active: true,
    });
    expect(view.anomalies).toEqual([]);
  });
});
