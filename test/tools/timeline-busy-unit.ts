/**
 * A busy unit for the page's browser test: many events within minutes of each other (faults,
 * diagnoses, visits, failed and fixed repairs, outages, loaners), a return requested and
 * rejected, an extension and an ownership transfer, with hostile text in ids and free text.
 */

export const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "'); DROP TABLE units; --"];

export function busyUnitJsonl(): string {
  const lines: object[] = [];
  let n = 0;
  const at = (day: number, minute: number) =>
    new Date(Date.UTC(2025, 0, 1 + day, 1, minute)).toISOString().replace('.000Z', 'Z');
  const add = (type: string, day: number, minute: number, data: object) =>
    lines.push({ id: `b-${++n}`, type, unitId: 'U-BUSY', occurredAt: at(day, minute), data });
  add('UnitSold', 0, 0, {
    serialNumber: 'SN-BUSY',
    brand: 'Acme',
    model: 'AC-9000',
    customerId: `C-${HOSTILE[1]}`,
    policyId: 'household-ac-6y',
  });
  add('UnitDelivered', 2, 0, {});
  add('InstallationCompleted', 2, 90, {});
  add('AcceptanceSigned', 2, 95, {});
  add('ReturnRequested', 5, 0, { returnId: 'R-1', reason: 'no-reason' });
  add('ReturnInspected', 5, 30, { returnId: 'R-1', intact: true, humanDamage: true });
  add('ReturnRejected', 5, 31, { returnId: 'R-1', reason: HOSTILE[0]! });
  for (let f = 1; f <= 12; f++) {
    const day = 10 + Math.floor(f / 3) * 9;
    const minute = (f % 3) * 7;
    const faultId = f === 4 ? `F-${HOSTILE[0]}` : `F-${f}`;
    const component = f % 4 === 0 ? 'compressor' : 'unit';
    add('FaultReported', day, minute, {
      faultId,
      component,
      problemCode: f % 2 ? 'no-cooling' : 'noise',
      severity: f % 3 === 0 ? 'urgent' : 'general',
      outOfService: f % 2 === 1,
    });
    add('ServiceResponded', day, minute + 2, { faultId });
    add('FaultDiagnosed', day, minute + 3, { faultId, cause: f === 7 ? 'misuse' : 'defect' });
    add('TechnicianArrived', day + (f % 2), minute + 40, { faultId });
    if (f % 2 === 1) add('LoanerProvided', day + 1, minute + 45, { faultId });
    add('RepairCompleted', day + 2, minute, { faultId, outcome: f % 5 === 0 ? 'failed' : 'fixed' });
    if (f % 2 === 1) add('ServiceRestored', day + 2, minute + 5, { faultId });
  }
  add('MaintenanceVisited', 130, 0, { kind: 'periodic' });
  add('FollowUpRecorded', 130, 10, { satisfaction: 2 });
  add('WarrantyExtended', 140, 0, { months: 12, reason: HOSTILE[2]! });
  add('OwnershipTransferred', 141, 0, { customerId: 'C-2' });
  add('TrainingProvided', 141, 1, { free: true });
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
}
