/**
 * Rulebook 5 and fine print 3: a part replaced under coverage gets a line of its own: `extend`
 * (months from the repair date) or `restart` (a full unit term from the restoration); never ending
 * before the line that covered it; none after an excluded-cause fault.
 */
import { describe, expect, it } from 'vitest';
import { accepted, diagnosed, extended, fault, outage, repaired, replaced, restored, sold } from '../support/events.js';
import { given, line } from '../support/given.js';

const U = 'U-1';
/** Coverage starts 2 Jan 2025. */
const base = (policyId: string) => [sold(U, '2025-01-01T09:00:00Z', policyId), accepted(U, '2025-01-01T10:00:00Z')];

describe('extend (standard-1y: 12 months from the repair date)', () => {
  const history = [
    ...base('standard-1y'),
    fault(U, '2025-11-01T08:00:00Z', 'F-1'),
    repaired(U, '2025-11-03T08:00:00Z', 'F-1', 'fixed', { parts: ['fan-motor'] }),
  ];

  it('repaired 3 Nov 2025: the last covered day is 2 Nov 2026', () => {
    const view = given(history).asOf('2026-03-01').view();
    expect(view.status).toBe('expired');
    expect(view.coverage).toEqual([
      { component: 'unit', start: '2025-01-02', end: '2026-01-01', active: false },
      { component: 'fan-motor', start: '2025-11-03', end: '2026-11-02', active: true },
    ]);
  });

  it('inclusive: active on 2 Nov 2026, not on 3 Nov', () => {
    expect(line(given(history).asOf('2026-11-02').view(), 'fan-motor').active).toBe(true);
    expect(line(given(history).asOf('2026-11-03').view(), 'fan-motor').active).toBe(false);
  });

  it('a second replacement of the same component moves its one line (fine print 3)', () => {
    const twice = [
      ...base('standard-1y'),
      fault(U, '2025-02-28T08:00:00Z', 'F-1'),
      repaired(U, '2025-03-01T08:00:00Z', 'F-1', 'fixed', { parts: ['fan-motor'] }),
      fault(U, '2025-11-01T08:00:00Z', 'F-2'),
      repaired(U, '2025-11-03T08:00:00Z', 'F-2', 'fixed', { parts: ['fan-motor'] }),
    ];
    const view = given(twice).asOf('2025-12-01').view();
    expect(view.coverage.filter((l) => l.component === 'fan-motor')).toEqual([
      { component: 'fan-motor', start: '2025-11-03', end: '2026-11-02', active: true },
    ]);
  });
});

describe('extending a part line (rulebook 4, fine print 3, 4)', () => {
  const first = [
    ...base('standard-1y'),
    fault(U, '2025-02-28T08:00:00Z', 'F-1'),
    repaired(U, '2025-03-01T08:00:00Z', 'F-1', 'fixed', { parts: ['fan-motor'] }),
    extended(U, '2025-04-01T08:00:00Z', 12, 'fan-motor'),
  ];

  it("adds its months to the part's own term", () => {
    // 1 Mar 2025 + (12 + 12) months = 1 Mar 2027.
    expect(line(given(first).asOf('2025-05-01').view(), 'fan-motor')).toMatchObject({
      start: '2025-03-01',
      end: '2027-02-28',
    });
  });

  it('the months stay part of the term when a second replacement moves the line', () => {
    const moved = [
      ...first,
      fault(U, '2025-11-01T08:00:00Z', 'F-2'),
      repaired(U, '2025-11-03T08:00:00Z', 'F-2', 'fixed', { parts: ['fan-motor'] }),
    ];
    // 3 Nov 2025 + 24 months = 3 Nov 2027.
    expect(line(given(moved).asOf('2025-12-01').view(), 'fan-motor')).toMatchObject({
      start: '2025-11-03',
      end: '2027-11-02',
    });
  });
});

describe('never shorter than the line that covered it', () => {
  // water-heater-5y: extend 12 months; the unit line runs 2025-01-02 to 2030-01-01.
  const history = [
    ...base('water-heater-5y'),
    fault(U, '2025-03-09T08:00:00Z', 'F-1'),
    repaired(U, '2025-03-10T08:00:00Z', 'F-1', 'fixed', { parts: ['fan'] }),
  ];

  it('its own 12 months would end 9 Mar 2026; the unit line ends later, so that end counts', () => {
    expect(line(given(history).asOf('2025-04-01').view(), 'fan')).toEqual({
      component: 'fan',
      start: '2025-03-10',
      end: '2030-01-01',
      active: true,
    });
  });

  it('follows the covering line when it moves later (fine print 3)', () => {
    const more = [...history, extended(U, '2025-06-01T08:00:00Z', 12)];
    expect(line(given(more).asOf('2025-06-01').view(), 'fan').end).toBe('2031-01-01');
  });

  it('a part with a policy line of its own is measured against that line (the tank, 96 months)', () => {
    const tank = [
      ...base('water-heater-5y'),
      fault(U, '2025-03-09T08:00:00Z', 'F-1', { component: 'tank' }),
      repaired(U, '2025-03-10T08:00:00Z', 'F-1', 'fixed', { parts: ['tank'] }),
    ];
    expect(line(given(tank).asOf('2025-04-01').view(), 'tank')).toMatchObject({
      start: '2025-03-10',
      end: '2033-01-01',
    });
  });
});

describe('restart (project-3y: a full unit term from the restoration)', () => {
  it('out of service: the term runs from the ServiceRestored date, not the repair date', () => {
    const history = [
      ...base('project-3y'),
      outage(U, '2027-06-01T08:00:00Z', 'F-1'),
      repaired(U, '2027-06-02T08:00:00Z', 'F-1', 'fixed', { parts: ['pump'] }),
      restored(U, '2027-06-03T12:00:00Z', 'F-1'),
    ];
    // 3 Jun 2027 + 36 months = 3 Jun 2030.
    expect(line(given(history).asOf('2028-06-01').view(), 'pump')).toEqual({
      component: 'pump',
      start: '2027-06-03',
      end: '2030-06-02',
      active: true,
    });
  });

  it('not out of service: a fixed repair resolves the fault, so the term runs from the repair date', () => {
    const history = [
      ...base('project-3y'),
      fault(U, '2026-03-01T08:00:00Z', 'F-1'),
      repaired(U, '2026-03-02T08:00:00Z', 'F-1', 'fixed', { parts: ['valve'] }),
    ];
    expect(line(given(history).asOf('2026-04-01').view(), 'valve')).toMatchObject({
      start: '2026-03-02',
      end: '2029-03-01',
    });
  });

  it('a component with its own line restarts that line (household-ac-6y compressor: 72 months)', () => {
    const history = [
      ...base('household-ac-6y'),
      outage(U, '2026-05-01T08:00:00Z', 'F-1', { component: 'compressor' }),
      repaired(U, '2026-05-02T08:00:00Z', 'F-1', 'fixed', { parts: ['compressor'] }),
      restored(U, '2026-05-03T08:00:00Z', 'F-1'),
    ];
    const view = given(history).asOf('2026-06-01').view();
    expect(line(view, 'compressor')).toMatchObject({ start: '2026-05-03', end: '2032-05-02' });
    expect(line(view)).toMatchObject({ start: '2025-01-02', end: '2031-01-01' });
  });

  it('an excluded cause diagnosed before the restoration: no line of its own', () => {
    const history = [
      ...base('project-3y'),
      outage(U, '2027-06-01T08:00:00Z', 'F-1'),
      repaired(U, '2027-06-02T08:00:00Z', 'F-1', 'fixed', { parts: ['pump'] }),
      diagnosed(U, '2027-06-02T10:00:00Z', 'F-1', 'power-failure'),
      restored(U, '2027-06-03T12:00:00Z', 'F-1'),
    ];
    expect(
      given(history)
        .asOf('2028-06-01')
        .view()
        .coverage.map((l) => l.component),
    ).toEqual(['unit']);
  });
});

describe('no line of its own', () => {
  it('after an excluded-cause fault: the line that covered it before still does', () => {
    const history = [
      ...base('standard-1y'),
      fault(U, '2025-11-01T08:00:00Z', 'F-1'),
      diagnosed(U, '2025-11-01T12:00:00Z', 'F-1', 'misuse'),
      repaired(U, '2025-11-03T08:00:00Z', 'F-1', 'fixed', { parts: ['fan-motor'] }),
    ];
    expect(given(history).asOf('2026-03-01').view().coverage).toEqual([
      { component: 'unit', start: '2025-01-02', end: '2026-01-01', active: false },
    ]);
  });

  it('for a fault reported after coverage ended (fine print 2)', () => {
    const history = [
      ...base('standard-1y'),
      fault(U, '2026-02-01T08:00:00Z', 'F-1'),
      repaired(U, '2026-02-03T08:00:00Z', 'F-1', 'fixed', { parts: ['fan-motor'] }),
    ];
    expect(
      given(history)
        .asOf('2026-03-01')
        .view()
        .coverage.map((l) => l.component),
    ).toEqual(['unit']);
  });

  it('once the unit is replaced: its part lines are dropped (fine print 4)', () => {
    const history = [
      ...base('standard-1y'),
      fault(U, '2025-11-01T08:00:00Z', 'F-1'),
      repaired(U, '2025-11-03T08:00:00Z', 'F-1', 'fixed', { parts: ['fan-motor'] }),
      replaced(U, '2025-12-01T08:00:00Z', 'goodwill'),
    ];
    expect(given(history).asOf('2025-12-05').view().coverage).toEqual([
      { component: 'unit', start: '2025-12-01', end: '2026-11-30', active: true },
    ]);
  });
});
