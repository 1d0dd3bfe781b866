/**
 * The demo `npm run demo` runs: one air conditioner's first year on the in-memory store, told as a
 * story — three failed repairs of the same problem, then the replacement they entitle.
 */
import { createLedger, type UnitCommand, type UnitView } from 'warranty-ledger';

type Print = (line: string) => void;

const unitId = 'AC-1001';
let n = 0;
const at = (occurredAt: string) => ({ commandId: `demo-${++n}`, unitId, occurredAt });

/** The story as commands a service desk would issue. */
export const story: UnitCommand[] = [
  {
    type: 'RegisterSale',
    ...at('2025-01-05T09:00:00+08:00'),
    data: { serialNumber: 'SN-7731', brand: 'Acme', model: 'Breeze 2', customerId: 'C-88', policyId: 'standard-1y' },
  },
  { type: 'RecordAcceptance', ...at('2025-01-10T17:00:00+08:00'), data: {} },
  {
    type: 'ReportFault',
    ...at('2025-03-01T08:00:00+08:00'),
    data: { faultId: 'F-1', component: 'unit', problemCode: 'no-cooling', severity: 'general', outOfService: true },
  },
  { type: 'RecordResponse', ...at('2025-03-01T09:10:00+08:00'), data: { faultId: 'F-1' } },
  { type: 'RecordRepair', ...at('2025-03-02T10:00:00+08:00'), data: { faultId: 'F-1', outcome: 'fixed' } },
  { type: 'RestoreService', ...at('2025-03-02T10:00:00+08:00'), data: { faultId: 'F-1' } },
  {
    type: 'ReportFault',
    ...at('2025-04-01T08:00:00+08:00'),
    data: { faultId: 'F-2', component: 'unit', problemCode: 'no-cooling', severity: 'general', outOfService: false },
  },
  { type: 'RecordRepair', ...at('2025-04-02T08:00:00+08:00'), data: { faultId: 'F-2', outcome: 'failed' } },
  {
    type: 'RecordRepair',
    ...at('2025-04-05T08:00:00+08:00'),
    data: { faultId: 'F-2', outcome: 'fixed', partsReplaced: [{ component: 'fan-motor' }] },
  },
  {
    type: 'ReportFault',
    ...at('2025-06-01T08:00:00+08:00'),
    data: { faultId: 'F-3', component: 'unit', problemCode: 'no-cooling', severity: 'general', outOfService: false },
  },
  {
    type: 'ReplaceUnit',
    ...at('2025-06-10T09:00:00+08:00'),
    data: { newSerialNumber: 'SN-9902', reason: 'repeated-failure' },
  },
];

function summary(view: UnitView): string {
  const coverage = view.coverage.map((c) => `${c.component} ${c.start}..${c.end ?? 'lifetime'}`).join(', ');
  const counts = view.failedRepairs.map((f) => `${f.problemCode} x${f.count}`).join(', ') || 'none';
  const owed = view.entitlements.map(
    (e) => `${e.kind} (${e.status}) because ${e.because.map((b) => `${b.rule}: ${b.eventIds.join(' ')}`).join('; ')}`,
  );
  return [
    `status ${view.status}; coverage ${coverage}`,
    `failed repairs: ${counts}; downtime ${view.downtimeMinutes} min`,
    ...owed.map((o) => `owed: ${o}`),
  ].join('\n    ');
}

export async function main(print: Print = console.log): Promise<UnitView> {
  const ledger = createLedger({ now: () => new Date('2025-07-01T00:00:00Z') });
  print(`The story of ${unitId}, under policy standard-1y:`);
  for (const command of story) {
    await ledger.execute(command);
    const view = (await ledger.unit(unitId, { asOf: command.occurredAt }))!.view;
    print(`  ${command.occurredAt}  ${command.type}`);
    print(`    ${summary(view)}`);
  }
  const final = (await ledger.unit(unitId, { asOf: '2025-06-30' }))!.view;
  print(`As of 2025-06-30 (serial ${final.serialNumber}): ${summary(final)}`);
  return final;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
