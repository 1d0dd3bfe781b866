/**
 * Rulebook 11 and fine print 10: limits per severity on response, arrival and resolution; a limit
 * is breached when the whole minutes exceed it; a missing step past its limit is an open breach
 * measured to the as-of moment; resolution implies the earlier steps. Policy project-3y: general
 * respond 120 / resolve 480; serious on site 60 / resolve 240; urgent respond 10 / resolve 120 after arrival.
 */
import { describe, expect, it } from 'vitest';
import {
  accepted,
  arrived,
  diagnosed,
  fault,
  outage,
  plusMinutes,
  repaired,
  replaced,
  responded,
  restored,
  sold,
} from '../support/events.js';
import { given } from '../support/given.js';

const U = 'U-1';
const base = (policyId = 'project-3y') => [
  sold(U, '2025-01-01T09:00:00Z', policyId),
  accepted(U, '2025-01-01T10:00:00Z'),
];
const T0 = '2025-05-01T08:00:00.000Z';
const at = (minutes: number, seconds = 0) => plusMinutes(T0, minutes + seconds / 60);
const breaches = (history: Parameters<typeof given>[0], asOf: string) => given(history).asOf(asOf).view().slaBreaches;
const LATER = '2025-06-30';

describe('exactly at the limit is no breach; one minute over is', () => {
  const general = fault(U, T0, 'F-1');

  it('response at 120 minutes: none', () => {
    expect(
      breaches([...base(), general, responded(U, at(120), 'F-1'), repaired(U, at(200), 'F-1', 'fixed')], LATER),
    ).toEqual([]);
  });

  it('response at 120 minutes 59 seconds (120 whole minutes): none', () => {
    expect(
      breaches([...base(), general, responded(U, at(120, 59), 'F-1'), repaired(U, at(200), 'F-1', 'fixed')], LATER),
    ).toEqual([]);
  });

  it('response at 121 minutes: a response breach of 121', () => {
    expect(
      breaches([...base(), general, responded(U, at(121), 'F-1'), repaired(U, at(200), 'F-1', 'fixed')], LATER),
    ).toEqual([{ faultId: 'F-1', measure: 'response', limitMinutes: 120, actualMinutes: 121 }]);
  });

  it('resolution at 480 minutes: none; at 481: a resolution breach of 481', () => {
    expect(
      breaches([...base(), general, responded(U, at(30), 'F-1'), repaired(U, at(480), 'F-1', 'fixed')], LATER),
    ).toEqual([]);
    expect(
      breaches([...base(), general, responded(U, at(30), 'F-1'), repaired(U, at(481), 'F-1', 'fixed')], LATER),
    ).toEqual([{ faultId: 'F-1', measure: 'resolution', limitMinutes: 480, actualMinutes: 481 }]);
  });

  it('serious, on site at 60 minutes: none; at 61: an arrival breach of 61', () => {
    const serious = outage(U, T0, 'F-1', { severity: 'serious' });
    expect(breaches([...base(), serious, arrived(U, at(60), 'F-1'), restored(U, at(200), 'F-1')], LATER)).toEqual([]);
    expect(breaches([...base(), serious, arrived(U, at(61), 'F-1'), restored(U, at(200), 'F-1')], LATER)).toEqual([
      { faultId: 'F-1', measure: 'arrival', limitMinutes: 60, actualMinutes: 61 },
    ]);
  });

  it('standard-1y: respond within 720 minutes, on site within 2,880', () => {
    const history = [
      ...base('standard-1y'),
      fault(U, T0, 'F-1'),
      responded(U, at(721), 'F-1'),
      arrived(U, at(2_880), 'F-1'),
      repaired(U, at(3_000), 'F-1', 'fixed'),
    ];
    expect(breaches(history, LATER)).toEqual([
      { faultId: 'F-1', measure: 'response', limitMinutes: 720, actualMinutes: 721 },
    ]);
  });
});

describe('household-ac-6y and water-heater-5y: respond 1 h, on site 2 h, resolved 24 h', () => {
  it.each(['household-ac-6y', 'water-heater-5y'])('%s: each limit one minute over is a breach', (policyId) => {
    const history = [
      ...base(policyId),
      outage(U, T0, 'F-1'),
      responded(U, at(61), 'F-1'),
      arrived(U, at(121), 'F-1'),
      restored(U, at(1_441), 'F-1'),
    ];
    expect(breaches(history, LATER)).toEqual([
      { faultId: 'F-1', measure: 'response', limitMinutes: 60, actualMinutes: 61 },
      { faultId: 'F-1', measure: 'arrival', limitMinutes: 120, actualMinutes: 121 },
      { faultId: 'F-1', measure: 'resolution', limitMinutes: 1_440, actualMinutes: 1_441 },
    ]);
  });

  it.each(['household-ac-6y', 'water-heater-5y'])('%s: each limit met exactly is none', (policyId) => {
    const history = [
      ...base(policyId),
      outage(U, T0, 'F-1'),
      responded(U, at(60), 'F-1'),
      arrived(U, at(120), 'F-1'),
      restored(U, at(1_440), 'F-1'),
    ];
    expect(breaches(history, LATER)).toEqual([]);
  });
});

describe('urgent: resolution counts from arrival', () => {
  const urgent = outage(U, T0, 'F-1', { severity: 'urgent' });
  const start = [...base(), urgent, responded(U, at(5), 'F-1'), arrived(U, at(30), 'F-1')];

  it('restored 120 minutes after arrival: none', () => {
    expect(breaches([...start, restored(U, at(150), 'F-1')], LATER)).toEqual([]);
  });

  it('restored 121 minutes after arrival: a resolution breach of 121', () => {
    expect(breaches([...start, restored(U, at(151), 'F-1')], LATER)).toEqual([
      { faultId: 'F-1', measure: 'resolution', limitMinutes: 120, actualMinutes: 121 },
    ]);
  });

  it('no arrival yet: the resolution clock has not started; the missing response is breached', () => {
    expect(breaches([...base(), urgent], at(1_000))).toEqual([
      { faultId: 'F-1', measure: 'response', limitMinutes: 10, actualMinutes: 1_000 },
    ]);
  });
});

describe('missing steps', () => {
  const general = fault(U, T0, 'F-1');

  it('still missing at the as-of moment: no breach up to the limit, then the minutes so far', () => {
    expect(breaches([...base(), general], at(120))).toEqual([]);
    expect(breaches([...base(), general], at(121))).toEqual([
      { faultId: 'F-1', measure: 'response', limitMinutes: 120, actualMinutes: 121 },
    ]);
    expect(breaches([...base(), general], at(481))).toEqual([
      { faultId: 'F-1', measure: 'response', limitMinutes: 120, actualMinutes: 481 },
      { faultId: 'F-1', measure: 'resolution', limitMinutes: 480, actualMinutes: 481 },
    ]);
  });

  it('resolved with no response: the response is taken at the resolution and stops growing', () => {
    const history = [...base(), outage(U, T0, 'F-1'), restored(U, at(300), 'F-1')];
    expect(breaches(history, LATER)).toEqual([
      { faultId: 'F-1', measure: 'response', limitMinutes: 120, actualMinutes: 300 },
    ]);
    expect(breaches(history, '2026-06-30')).toEqual([
      { faultId: 'F-1', measure: 'response', limitMinutes: 120, actualMinutes: 300 },
    ]);
  });

  it('a response recorded after the resolution changes nothing', () => {
    const history = [...base(), outage(U, T0, 'F-1'), restored(U, at(300), 'F-1'), responded(U, at(400), 'F-1')];
    expect(breaches(history, LATER)).toEqual([
      { faultId: 'F-1', measure: 'response', limitMinutes: 120, actualMinutes: 300 },
    ]);
  });

  it('a failed repair does not resolve the fault', () => {
    const history = [...base(), general, responded(U, at(10), 'F-1'), repaired(U, at(60), 'F-1', 'failed')];
    expect(breaches(history, at(481))).toEqual([
      { faultId: 'F-1', measure: 'resolution', limitMinutes: 480, actualMinutes: 481 },
    ]);
  });

  it('a fixed repair does not resolve a fault that put the unit out of service; its ServiceRestored does', () => {
    const history = [...base(), outage(U, T0, 'F-1'), responded(U, at(10), 'F-1'), repaired(U, at(60), 'F-1', 'fixed')];
    expect(breaches(history, at(481))).toEqual([
      { faultId: 'F-1', measure: 'resolution', limitMinutes: 480, actualMinutes: 481 },
    ]);
    expect(breaches([...history, restored(U, at(70), 'F-1')], at(481))).toEqual([]);
  });

  it('UnitReplaced resolves every open fault', () => {
    const history = [
      ...base(),
      general,
      fault(U, at(5), 'F-2', { outOfService: true }),
      replaced(U, at(100), 'goodwill'),
    ];
    expect(breaches(history, LATER)).toEqual([]);
  });
});

describe('every fault, covered or not (fine print 10)', () => {
  it('an excluded-cause fault is breached too', () => {
    const history = [
      ...base(),
      fault(U, T0, 'F-1'),
      diagnosed(U, at(30), 'F-1', 'misuse'),
      responded(U, at(200), 'F-1'),
      repaired(U, at(210), 'F-1', 'fixed'),
    ];
    expect(breaches(history, LATER)).toEqual([
      { faultId: 'F-1', measure: 'response', limitMinutes: 120, actualMinutes: 200 },
    ]);
  });

  it('a fault after coverage ended is breached too', () => {
    // Covered 2025-01-02 to 2028-01-01.
    const late = '2028-06-01T08:00:00.000Z';
    const history = [
      ...base(),
      fault(U, late, 'F-1'),
      responded(U, plusMinutes(late, 130), 'F-1'),
      repaired(U, plusMinutes(late, 140), 'F-1', 'fixed'),
    ];
    expect(breaches(history, '2028-07-01')).toEqual([
      { faultId: 'F-1', measure: 'response', limitMinutes: 120, actualMinutes: 130 },
    ]);
  });
});
