/**
 * A writer process of the soak test: `W` async writers in one process share one file store (the
 * file store's model: one process holds the lock, its writers share the handle and are group
 * committed) and send commands through the hash chain and the command shell to random units.
 * Each acknowledged command's event ids are printed (`A id ...`) only once its append resolved,
 * i.e. was fsynced; the test may kill this process at any moment.
 *
 * argv: PATH LABEL UNITS WRITERS COMMANDS (0: until killed) CLOCK_START_MS
 */
import {
  CommandRejected,
  ConcurrencyError,
  createPolicyBook,
  handleCommand,
  withHashChain,
  type UnitCommand,
} from '../../src/index.js';
import { openFileStore } from '../../src/node.js';

const [path, label, unitsArg, writersArg, commandsArg, clockArg] = process.argv.slice(2);
const units = Number(unitsArg);
const limit = Number(commandsArg);
const policies = createPolicyBook();
let clock = Number(clockArg);
const now = () => new Date((clock += 1_000));

// A short lock stale age, so that the test can reopen the store soon after killing this writer.
const store = withHashChain(
  await openFileStore(path!, { lockStaleMs: 500, onRecover: (r) => process.stdout.write(`R ${JSON.stringify(r)}\n`) }),
);
const sold = new Set<string>();
const faults = new Map<string, string[]>();
const counts = { issued: 0, acknowledged: 0, conflicts: 0, rejected: 0 };

/** mulberry32: a small seeded generator, one per writer. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function nextCommand(rand: () => number, id: string, step: number): UnitCommand {
  const unitId = `U-${Math.floor(rand() * units)}`;
  const occurredAt = new Date(Date.UTC(2025, 0, 1) + step * 60_000).toISOString();
  if (!sold.has(unitId)) {
    // Every writer and process sells a unit with the same command: the second one is a repeat.
    const data = {
      serialNumber: `SN-${unitId}`,
      brand: 'Acme',
      model: 'M1',
      customerId: `C-${unitId}`,
      policyId: 'standard-1y',
    };
    return { type: 'RegisterSale', commandId: `sale-${unitId}`, unitId, occurredAt: '2025-01-01T00:00:00.000Z', data };
  }
  const r = rand();
  const known = faults.get(unitId) ?? [];
  if (r < 0.4 || known.length === 0) {
    return {
      type: 'ReportFault',
      commandId: id,
      unitId,
      occurredAt,
      data: {
        faultId: `F-${id}`,
        component: 'unit',
        problemCode: r < 0.2 ? 'noisy' : 'leak',
        severity: 'general',
        outOfService: r < 0.1,
      },
    };
  }
  if (r < 0.85)
    return {
      type: 'RecordRepair',
      commandId: id,
      unitId,
      occurredAt,
      data: { faultId: known[Math.floor(rand() * known.length)]!, outcome: r < 0.6 ? 'failed' : 'fixed' },
    };
  return { type: 'RecordMaintenance', commandId: id, unitId, occurredAt, data: { kind: 'periodic' } };
}

async function writer(w: number): Promise<void> {
  const rand = random(w * 7_919 + label!.charCodeAt(0));
  for (let k = 0; limit === 0 || counts.issued < limit; k++) {
    counts.issued++;
    const command = nextCommand(rand, `${label}-w${w}-${k}`, counts.issued);
    try {
      const result = await handleCommand(store, command, { policies, now, maxRetries: 8 });
      process.stdout.write(`A ${result.events.map((e) => e.id).join(' ')}\n`);
      counts.acknowledged++;
      if (command.type === 'RegisterSale') sold.add(command.unitId);
      if (command.type === 'ReportFault')
        faults.set(command.unitId, [...(faults.get(command.unitId) ?? []), command.data.faultId]);
    } catch (error) {
      if (error instanceof ConcurrencyError) counts.conflicts++;
      else if (error instanceof CommandRejected) counts.rejected++;
      else throw error;
    }
  }
}

await Promise.all(Array.from({ length: Number(writersArg) }, (_, w) => writer(w)));
await store.close();
process.stdout.write(`S ${JSON.stringify(counts)}\n`);
