/**
 * The law beside the seller's terms (docs/statutes.md): one air conditioner's first weeks judged
 * under the seller's preset `household-ac-6y` and under the statute `cn-sanbao-1995`. Two failed
 * repairs of two different problems owe the seller nothing yet; the statute owes the buyer the
 * choice of exchange or refund (三包 Art 11), and the fault in the first week still owes refund,
 * exchange or repair (Art 9).
 */
import { projectUnits, type UnitEvent, type UnitView } from 'warranty-ledger';

type Print = (line: string) => void;

const unitId = 'AC-2002';

/** The unit's history, its sale naming `policyId`. */
export function history(policyId: string): UnitEvent[] {
  let n = 0;
  const event = (type: UnitEvent['type'], occurredAt: string, data: object) =>
    ({ id: `floor-${++n}`, type, unitId, occurredAt, recordedAt: occurredAt, data }) as UnitEvent;
  const fault = (faultId: string, problemCode: string) => ({
    faultId,
    component: 'unit',
    problemCode,
    severity: 'general',
    outOfService: false,
  });
  return [
    event('UnitSold', '2025-03-01T10:00:00+08:00', {
      serialNumber: 'SN-5521',
      brand: 'Acme',
      model: 'Breeze 3',
      customerId: 'C-12',
      policyId,
    }),
    event('FaultReported', '2025-03-05T09:00:00+08:00', fault('F-1', 'noise')),
    event('RepairCompleted', '2025-03-06T09:00:00+08:00', { faultId: 'F-1', outcome: 'failed' }),
    event('FaultReported', '2025-04-01T09:00:00+08:00', fault('F-2', 'leak')),
    event('RepairCompleted', '2025-04-02T09:00:00+08:00', { faultId: 'F-2', outcome: 'failed' }),
  ];
}

function owed(view: UnitView): string[] {
  if (view.entitlements.length === 0) return ['  nothing owed'];
  return view.entitlements.map(
    (e) =>
      `  ${e.kind} (${e.status})${e.choices ? `, the buyer's choice of ${e.choices.join(' / ')}` : ''} because ${e.because.map((b) => `${b.rule}: ${b.eventIds.join(' ')}`).join('; ')}`,
  );
}

/** Prints what each policy owes as of 3 April 2025; returns both views. */
export function main(print: Print = console.log): { seller: UnitView; statute: UnitView } {
  const judge = (policyId: string) => projectUnits(history(policyId), { asOf: '2025-04-03' }).get(unitId)!.view;
  const seller = judge('household-ac-6y');
  const statute = judge('cn-sanbao-1995');
  print(`${unitId} as of 2025-04-03`);
  print("under the seller's terms (household-ac-6y):");
  for (const line of owed(seller)) print(line);
  print('under the statute (cn-sanbao-1995):');
  for (const line of owed(statute)) print(line);
  return { seller, statute };
}

if (import.meta.url === `file://${process.argv[1]}`) main();
