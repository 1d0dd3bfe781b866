import { describe, expect, it } from 'vitest';
import { careUnits, type UnitEvent } from '../../src/index.js';
import { cli, scenarioFile } from './support.js';

let n = 0;
const ev = (type: string, occurredAt: string, data: Record<string, unknown> = {}, unitId = 'C-1') =>
  ({ id: `c-${++n}`, type, unitId, occurredAt, recordedAt: occurredAt, data }) as UnitEvent;
const sold = (policyId: string, unitId = 'C-1') =>
  ev(
    'UnitSold',
    '2025-01-01T09:00:00Z',
    { serialNumber: 'S', brand: 'Acme', model: 'M', customerId: 'C', policyId },
    unitId,
  );

describe('care (rulebook 12)', () => {
  // household-ac-6y: a visit every 3 months, a follow-up within 7 days of each installation and repair.
  const history = [
    sold('household-ac-6y'),
    ev('InstallationCompleted', '2025-01-05T10:00:00Z'),
    ev('AcceptanceSigned', '2025-01-05T16:00:00Z'), // coverage from 2025-01-06
    ev('FollowUpRecorded', '2025-01-09T10:00:00Z'), // installation followed up within 7 days
    ev('MaintenanceVisited', '2025-04-01T10:00:00Z', { kind: 'periodic' }), // due 2025-04-06: done
    ev('MaintenanceVisited', '2025-07-10T10:00:00Z', { kind: 'periodic' }), // due 2025-07-01: 9 days late
    ev('FaultReported', '2025-08-01T08:00:00Z', {
      faultId: 'F-1',
      component: 'unit',
      problemCode: 'noisy',
      severity: 'general',
      outOfService: false,
    }),
    ev('RepairCompleted', '2025-08-02T08:00:00Z', { faultId: 'F-1', outcome: 'fixed' }),
    ev('FollowUpRecorded', '2025-08-20T08:00:00Z', { faultId: 'F-1' }), // 18 days after: late
    ev('FaultReported', '2025-09-01T08:00:00Z', {
      faultId: 'F-2',
      component: 'unit',
      problemCode: 'leak',
      severity: 'general',
      outOfService: false,
    }),
    ev('RepairCompleted', '2025-09-02T08:00:00Z', { faultId: 'F-2', outcome: 'fixed' }), // never followed up
  ];

  it('maintenance rolls from the coverage start and each visit; the next one is overdue after its date', () => {
    const [care] = careUnits(history, { asOf: '2025-12-20' });
    expect(care!.coverage).toEqual({ start: '2025-01-06', end: '2031-01-05' });
    expect(care!.maintenance.slots).toEqual([
      { due: '2025-04-06', status: 'done', visitedOn: '2025-04-01', eventId: 'c-5' },
      { due: '2025-07-01', status: 'late', visitedOn: '2025-07-10', eventId: 'c-6', daysLate: 9 },
      { due: '2025-10-10', status: 'overdue', missedSince: 0 }, // 3 months after the last visit
    ]);
    expect(careUnits(history, { asOf: '2026-01-20' })[0]!.maintenance.slots.at(-1)).toEqual({
      due: '2025-10-10',
      status: 'overdue',
      missedSince: 1,
    });
    expect(careUnits(history, { asOf: '2025-10-10' })[0]!.maintenance.slots.at(-1)).toEqual({
      due: '2025-10-10',
      status: 'due',
    });
  });

  it('every installation and repair under coverage needs a follow-up within the policy delay', () => {
    const [care] = careUnits(history, { asOf: '2025-09-05' });
    expect(care!.followUps.withinDays).toBe(7);
    expect(care!.followUps.items).toEqual([
      {
        kind: 'installation',
        eventId: 'c-2',
        on: '2025-01-05',
        due: '2025-01-12',
        status: 'done',
        followUpId: 'c-4',
        followedUpOn: '2025-01-09',
      },
      {
        kind: 'repair',
        eventId: 'c-8',
        faultId: 'F-1',
        on: '2025-08-02',
        due: '2025-08-09',
        status: 'late',
        followUpId: 'c-9',
        followedUpOn: '2025-08-20',
      },
      { kind: 'repair', eventId: 'c-11', faultId: 'F-2', on: '2025-09-02', due: '2025-09-09', status: 'pending' },
    ]);
    const later = careUnits(history, { asOf: '2025-09-10' })[0]!;
    expect(later.followUps.items[2]!.status).toBe('missing');
    expect(later.summary).toMatchObject({ followUpsMissing: 1, followUpsPending: 0 });
  });

  it('standard-1y asks for follow-ups but no maintenance; nothing is due before coverage starts', () => {
    const [care] = careUnits([sold('standard-1y', 'S-1')], { asOf: '2025-06-01' });
    expect(care!.maintenance).toEqual({ everyMonths: null, slots: [] });
    expect(care!.followUps).toEqual({ withinDays: 7, items: [] });
  });

  it('the command prints the units that need attention, or JSON', async () => {
    const file = scenarioFile('04-downtime-restart');
    const table = await cli(['care', file, '--as-of', '2025-12-30']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/maintenance +due 2025-08-05: OVERDUE/);
    const json = JSON.parse((await cli(['care', file, '--as-of', '2025-12-30', '--json'])).stdout);
    expect(json.units[0].summary.maintenanceOverdue).toBe(1);
  });
});
