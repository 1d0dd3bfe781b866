/**
 * `warranty-ledger import FILE.jsonl --store SPEC [--policy FILE.json]...`: loads an interchange
 * file into a store. The file is validated whole first, then checked against what the store holds
 * (an id stored with other content stops the import before anything is written), then each unit's
 * events are appended in one atomic append, in the order they were recorded; events already stored are skipped, so importing the
 * same file again writes nothing.
 */
import type { UnitEvent } from '../../events/envelope.js';
import { checkIdsAcrossStreams } from '../../store/append-checks.js';
import type { EventStore } from '../../store/event-store.js';
import { planSeal } from '../../store/hash-chain.js';
import { nodeSha256 } from '../../node/sha256.js';
import { parseInstant } from '../../time/instant.js';
import { parse } from '../args.js';
import { loadEvents, loadPolicyBook } from '../input.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { createProgress, wantsProgress } from '../progress.js';
import { STORE_OPTION, describeStore, openStore, parseStoreSpec, withStore } from '../store-option.js';

export const usage = 'warranty-ledger import FILE.jsonl --store file:PATH|esdb://HOST:PORT?tls=false [--policy FILE.json]...';

const OPTIONS = { ...STORE_OPTION, policy: { type: 'string', multiple: true } } as const;

/** Appends in flight at once: enough for the file store's group commit and EventStoreDB's pipelining. */
const IN_FLIGHT = 16;

async function eachUnit(units: readonly [string, UnitEvent[]][], work: (unitId: string, events: UnitEvent[]) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < units.length) {
      const [unitId, events] = units[next++]!;
      await work(unitId, events).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, units.length) }, worker));
}

/** Each unit's events in the order they were recorded (stable), as a store must keep them (what was known cannot change later). */
function byUnit(events: readonly UnitEvent[]): [string, UnitEvent[]][] {
  const units = new Map<string, { event: UnitEvent; ms: number }[]>();
  for (const event of events) {
    const item = { event, ms: parseInstant(event.recordedAt)! };
    const list = units.get(event.unitId);
    if (list) list.push(item);
    else units.set(event.unitId, [item]);
  }
  return [...units].map(([unitId, list]) => [unitId, list.sort((a, b) => a.ms - b.ms).map((i) => i.event)]);
}

/**
 * Checks every unit against the store first, as the append will: an id stored with different
 * content (in the unit's stream or any other), or a sealed event that does not chain where it
 * would land, throws before anything is written.
 */
async function checkAgainstStore(store: EventStore, events: readonly UnitEvent[], units: readonly [string, UnitEvent[]][]): Promise<void> {
  await checkIdsAcrossStreams(store, events);
  await eachUnit(units, async (unitId, events) => {
    planSeal(unitId, (await store.readStream(unitId)).map((r) => r.event), events, nodeSha256);
  });
}

/** Runs `import`; see the file comment. */
export async function importCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  if (positionals.length !== 1 || values.store === undefined) throw new UsageError(`expected one events file and --store\nusage: ${usage}`);
  const spec = parseStoreSpec(values.store);
  const file = positionals[0]!;
  const { events } = loadEvents(file, loadPolicyBook(values.policy ?? []));
  const units = byUnit(events);
  const progress = createProgress(io, `import into ${describeStore(spec)}`, wantsProgress(io, file, false));
  const store = await openStore(spec, io);
  let done = 0;
  let written = 0;
  try {
    await withStore(spec, async () => {
      await checkAgainstStore(store, events, units);
      await eachUnit(units, async (unitId, unitEvents) => {
        const result = await store.append(unitId, unitEvents, { expectedRevision: 'any' });
        written += result.written;
        done += unitEvents.length;
        progress.tick(done, units.length);
      });
    });
  } finally {
    await store.close();
  }
  progress.done(done, units.length);
  io.stdout(`imported ${file} into ${describeStore(spec)}: read ${events.length} events (${units.length} units), wrote ${written}, skipped ${events.length - written} already stored\n`);
  return 0;
}
