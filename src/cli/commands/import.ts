/**
 * `warranty-ledger import FILE.jsonl --store SPEC [--policy FILE.json]...`: loads an interchange
 * file into a store. The file is validated whole first, then checked against what the store holds
 * (an id stored with other content stops the import before anything is written), then each unit's
 * events are appended in one append (on EventStoreDB, in parts under the server's MaxAppendSize, chained by
 * expected revision), in the order they were recorded; events already stored
 * are skipped, so importing the same file again writes nothing. The file is held as an offset index
 * (each unit's events read from it in their turn), not as events: memory does not grow with its text.
 */
import type { UnitEvent } from '../../events/envelope.js';
import type { JsonlHistory } from '../../events/jsonl-history.js';
import { checkIdsAcrossStreams } from '../../store/append-checks.js';
import type { EventStore } from '../../store/event-store.js';
import { planSeal } from '../../store/hash-chain.js';
import { nodeSha256 } from '../../node/sha256.js';
import { parseInstant } from '../../time/instant.js';
import { HISTORY_OPTIONS, langOf, parse } from '../args.js';
import { loadPolicyBook, openHistoryFile } from '../input.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { createProgress, wantsProgress } from '../progress.js';
import { STORE_OPTION, describeStore, openStore, parseStoreSpec, withStore } from '../store-option.js';
import { catalogueOf } from '../width.js';

export const usage =
  'warranty-ledger import FILE.jsonl --store file:PATH|postgres://…|esdb://HOST:PORT?tls=false [--policy FILE.json]... [--lang en|zh-CN]';

const OPTIONS = { ...STORE_OPTION, policy: { type: 'string', multiple: true }, lang: HISTORY_OPTIONS.lang } as const;

/** Stored events kept from the check to the append (beyond them, a unit's stream is read again to append). */
const KEPT_STORED_EVENTS = 200_000;

/** Appends in flight at once: enough for the file store's group commit and EventStoreDB's pipelining. */
const IN_FLIGHT = 16;

async function eachUnit(unitIds: readonly string[], work: (unitId: string) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < unitIds.length) {
      await work(unitIds[next++]!).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, unitIds.length) }, worker));
}

/** A unit's events in the order they were recorded (stable), as a store must keep them (what was known cannot change later), read from the input for its turn. */
function eventsOf(history: JsonlHistory, unitId: string): UnitEvent[] {
  const items: { event: UnitEvent; ms: number }[] = [];
  history.forEachEventOf(unitId, (event) => items.push({ event, ms: parseInstant(event.recordedAt)! }));
  return items.sort((a, b) => a.ms - b.ms).map((i) => i.event);
}

/**
 * Checks every unit against the store first, as the append will: an id stored with different
 * content (in the unit's stream or any other), or a sealed event that does not chain where it
 * would land, throws before anything is written. One unit's events are held at a time.
 */
async function checkAgainstStore(store: EventStore, history: JsonlHistory): Promise<Map<string, UnitEvent[]>> {
  await checkIdsAcrossStreams(store, (id) => {
    const position = history.positionOf(id);
    return position < 0 ? undefined : history.eventAt(position).unitId;
  });
  // Each unit's stream as read here is handed to its append (one read per unit), up to a budget.
  const read = new Map<string, UnitEvent[]>();
  let kept = 0;
  await eachUnit(history.unitIds, async (unitId) => {
    const stored = (await store.readStream(unitId)).map((r) => r.event);
    planSeal(unitId, stored, eventsOf(history, unitId), nodeSha256);
    if (kept + stored.length <= KEPT_STORED_EVENTS) {
      kept += stored.length;
      read.set(unitId, stored);
    }
  });
  return read;
}

/** Runs `import`; see the file comment. */
export async function importCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  if (positionals.length !== 1 || values.store === undefined)
    throw new UsageError(`expected one events file and --store\nusage: ${usage}`);
  const spec = parseStoreSpec(values.store);
  const file = positionals[0]!;
  const input = openHistoryFile(file, loadPolicyBook(values.policy ?? []));
  const { history } = input;
  const units = history.unitIds.length;
  let done = 0;
  let written = 0;
  try {
    const progress = createProgress(io, `import into ${describeStore(spec)}`, wantsProgress(io, file, false));
    const store = await openStore(spec, io);
    try {
      await withStore(spec, async () => {
        const read = await checkAgainstStore(store, history);
        await eachUnit(history.unitIds, async (unitId) => {
          const unitEvents = eventsOf(history, unitId);
          const current = read.get(unitId);
          read.delete(unitId);
          const result = await store.append(unitId, unitEvents, { expectedRevision: 'any', current });
          written += result.written;
          done += unitEvents.length;
          progress.tick(done, units);
        });
      });
    } finally {
      await store.close();
    }
    progress.done(done, units);
  } finally {
    input.close();
  }
  const m = catalogueOf(langOf(values.lang, io));
  io.stdout(
    `${m['import.done'](file, describeStore(spec), history.eventCount, units, written, history.eventCount - written)}\n`,
  );
  return 0;
}
