/**
 * Embedding the ledger in a service desk: the desk issues commands through the library API, the
 * rules refuse what they forbid, a retried request is stored once, and the desk reads the view back.
 */
import { CommandRejected, createLedger, createPolicyBook, type UnitCommand } from 'warranty-ledger';

type Print = (line: string) => void;

export async function main(print: Print = console.log) {
  let clock = new Date('2025-05-01T08:00:00Z');
  const ledger = createLedger({ policies: createPolicyBook(), now: () => clock });
  const desk = async (command: UnitCommand) => {
    clock = new Date(Date.parse(command.occurredAt) + 60_000);
    try {
      const result = await ledger.execute(command);
      print(
        `${command.commandId} ${command.type}: ${result.repeated ? 'already recorded, nothing stored' : `recorded ${result.events.map((e) => e.id).join(', ')}`}`,
      );
    } catch (error) {
      if (!(error instanceof CommandRejected)) throw error;
      print(`${command.commandId} ${command.type}: refused by ${error.rule}: ${error.reason}`);
    }
  };
  const unitId = 'HVAC-17';
  await desk({
    type: 'RegisterSale',
    commandId: 'sd-1',
    unitId,
    occurredAt: '2025-03-01T09:00:00Z',
    data: { serialNumber: 'PX-17', brand: 'Acme', model: 'P3', customerId: 'ACME-FAB', policyId: 'project-3y' },
  });
  await desk({ type: 'RecordDelivery', commandId: 'sd-2', unitId, occurredAt: '2025-03-03T10:00:00Z', data: {} });
  await desk({
    type: 'ReportFault',
    commandId: 'sd-3',
    unitId,
    occurredAt: '2025-05-02T08:00:00Z',
    data: { faultId: 'F-1', component: 'unit', problemCode: 'down', severity: 'urgent', outOfService: true },
  });
  await desk({
    type: 'RecordResponse',
    commandId: 'sd-4',
    unitId,
    occurredAt: '2025-05-02T08:20:00Z',
    data: { faultId: 'F-1' },
  });
  // The reply to sd-4 was lost; the desk retries with the same command id.
  await desk({
    type: 'RecordResponse',
    commandId: 'sd-4',
    unitId,
    occurredAt: '2025-05-02T08:20:00Z',
    data: { faultId: 'F-1' },
  });
  await desk({
    type: 'RecordArrival',
    commandId: 'sd-5',
    unitId,
    occurredAt: '2025-05-02T09:00:00Z',
    data: { faultId: 'F-1' },
  });
  await desk({
    type: 'RecordRepair',
    commandId: 'sd-6',
    unitId,
    occurredAt: '2025-05-02T10:00:00Z',
    data: { faultId: 'F-1', outcome: 'fixed', charged: { amount: 300, currency: 'CNY' } },
  });
  await desk({
    type: 'RecordRepair',
    commandId: 'sd-7',
    unitId,
    occurredAt: '2025-05-02T10:00:00Z',
    data: { faultId: 'F-1', outcome: 'fixed' },
  });
  await desk({
    type: 'RestoreService',
    commandId: 'sd-8',
    unitId,
    occurredAt: '2025-05-02T10:30:00Z',
    data: { faultId: 'F-1' },
  });
  await desk({
    type: 'ReplaceUnit',
    commandId: 'sd-9',
    unitId,
    occurredAt: '2025-05-03T09:00:00Z',
    data: { newSerialNumber: 'PX-18', reason: 'repeated-failure' },
  });
  const view = (await ledger.unit(unitId, { asOf: '2025-05-10' }))!.view;
  print(`${unitId} as of 2025-05-10: ${view.status}, covered ${view.coverage[0]?.start}..${view.coverage[0]?.end}`);
  for (const b of view.slaBreaches)
    print(`  breach: ${b.faultId} ${b.measure} ${b.actualMinutes} min > ${b.limitMinutes} min`);
  return { view, events: await ledger.events() };
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
