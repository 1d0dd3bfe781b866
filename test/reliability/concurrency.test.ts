/**
 * Concurrent writers: several writers run their commands through the
 * command shell at once, on the same units, while fast-check's scheduler decides the order in
 * which every store read and append starts. Whatever the interleaving: every command a writer
 * was told is recorded is stored exactly once and as returned, nothing is stored that no writer
 * was told about, every failure is a typed error (ConcurrencyError once retries ran out,
 * CommandRejected), and every hash chain holds.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CommandRejected,
  ConcurrencyError,
  createPolicyBook,
  handleCommand,
  isConcurrencyError,
  verifyChains,
  withHashChain,
  type CommandResult,
  type EventStore,
  type UnitCommand,
  type UnitEvent,
} from '../../src/index.js';
import { fault, maintenance, repair, sale, tickingClock } from './support/commands.js';
import { esdbKind, fileKind, memoryKind, type StoreKind } from './support/stores.js';

const UNITS = ['U-0', 'U-1'];
const policies = createPolicyBook();
const tally = {
  interleavings: 0,
  writers: 0,
  commands: 0,
  conflicts: 0,
  surfaced: 0,
  repeats: 0,
  rejected: 0,
  acknowledged: 0,
};
const esdb = esdbKind();

afterAll(async () => {
  await esdb.stop();
  console.log(
    `concurrent writers: ${tally.interleavings} interleavings, ${tally.writers} writers, ${tally.commands} commands; ${tally.conflicts} conflicts met ` +
      `(${tally.surfaced} surfaced as ConcurrencyError after retries), ${tally.repeats} repeats, ${tally.rejected} refused; ` +
      `${tally.acknowledged} acknowledged events, 0 lost, 0 stored twice, 0 stored unacknowledged`,
  );
});

/** Every store call waits for the scheduler before it starts: the scheduler picks the interleaving. */
function scheduled(s: fc.Scheduler, store: EventStore): EventStore {
  const gate = (label: string) => s.schedule(Promise.resolve(), label);
  return {
    ...store,
    async readStream(streamId) {
      await gate(`read ${streamId}`);
      return store.readStream(streamId);
    },
    async append(streamId, events, options) {
      await gate(`append ${streamId} ${events.map((e) => e.id).join(',')}`);
      try {
        return await store.append(streamId, events, options);
      } catch (error) {
        if (isConcurrencyError(error)) tally.conflicts++;
        throw error;
      }
    },
  };
}

type Op = { readonly unit: number; readonly kind: 'report' | 'maintain' | 'shared' | 'repeat' | 'repair' };
const op: fc.Arbitrary<Op> = fc.record({
  unit: fc.nat({ max: UNITS.length - 1 }),
  kind: fc.constantFrom('report', 'maintain', 'shared', 'shared', 'repeat', 'repair'),
});

interface Sent {
  readonly command: UnitCommand;
  readonly outcome: CommandResult | Error;
}

/** One writer: its commands one after another, each outcome kept. */
async function runWriter(
  store: EventStore,
  w: number,
  ops: readonly Op[],
  maxRetries: number,
  now: () => Date,
): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (const [i, { unit, kind }] of ops.entries()) {
    const unitId = UNITS[unit]!;
    const minutes = 60 + i;
    const own = `w${w}-${i}`;
    const reported = sent.filter((x) => x.command.type === 'ReportFault' && !(x.outcome instanceof Error));
    const command: UnitCommand =
      kind === 'report'
        ? fault(unitId, own, `F-${own}`, 'noisy', minutes)
        : kind === 'maintain'
          ? maintenance(unitId, own, minutes)
          : // The same command (id and content) sent by several writers at once.
            kind === 'shared'
            ? maintenance(unitId, `shared-${unitId}-${i}`, 60)
            : kind === 'repeat' && sent.length > 0
              ? sent[sent.length - 1]!.command
              : kind === 'repair' && reported.length > 0
                ? repair(
                    reported[0]!.command.unitId,
                    own,
                    (reported[0]!.command.data as { faultId: string }).faultId,
                    'failed',
                    minutes,
                  )
                : repair(unitId, own, 'F-none', 'failed', minutes);
    const outcome = await handleCommand(store, command, { policies, now, maxRetries }).catch(
      (e: unknown) => e as Error,
    );
    sent.push({ command, outcome });
  }
  return sent;
}

/** Runs the scheduler until `done` settles; between scheduled steps, real I/O (file, network) may still be in flight. */
async function drive(s: fc.Scheduler, done: Promise<unknown>): Promise<void> {
  let settled = false;
  void done.finally(() => (settled = true)).catch(() => undefined);
  while (!settled) {
    if (s.count() > 0) await s.waitNext(1);
    else await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function check(sent: readonly Sent[], stored: readonly UnitEvent[]): void {
  const storedById = new Map<string, UnitEvent[]>();
  for (const e of stored) storedById.set(e.id, [...(storedById.get(e.id) ?? []), e]);
  for (const [id, copies] of storedById) expect(copies, `event ${id} stored once`).toHaveLength(1);
  const acknowledged = new Set<string>(UNITS.map((u) => `sale-${u}`));
  for (const { command, outcome } of sent) {
    tally.commands++;
    if (outcome instanceof ConcurrencyError) {
      tally.surfaced++;
      continue;
    }
    if (outcome instanceof CommandRejected) {
      tally.rejected++;
      expect(outcome.rule).toBe('fault');
      continue;
    }
    if (outcome instanceof Error) throw outcome;
    if (outcome.repeated) tally.repeats++;
    expect(outcome.events.map((e) => e.id)).toEqual([command.commandId]);
    for (const event of outcome.events) {
      acknowledged.add(event.id);
      expect(storedById.get(event.id)?.[0], `acknowledged event ${event.id} is stored as returned`).toEqual(event);
    }
  }
  tally.acknowledged += acknowledged.size;
  // Nothing is stored that no writer was told about: a failed command wrote nothing.
  expect([...storedById.keys()].sort()).toEqual([...acknowledged].sort());
}

const RUNS: Record<StoreKind['name'], number> = { memory: 120, file: 40, esdb: 15 };

describe.each([memoryKind, fileKind, esdb] as StoreKind[])('concurrent writers on $name', (kind) => {
  it('lose no acknowledged event and swallow no conflict, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.array(op, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(0, 1, 3),
        async (s, writers, maxRetries) => {
          tally.interleavings++;
          tally.writers += writers.length;
          const raw = await kind.open();
          try {
            const now = tickingClock();
            for (const unitId of UNITS)
              await handleCommand(withHashChain(raw), sale(unitId, `sale-${unitId}`, 0), { policies, now });
            const store = withHashChain(scheduled(s, raw));
            const running = Promise.all(writers.map((ops, w) => runWriter(store, w, ops, maxRetries, now)));
            await drive(s, running);
            const sent = (await running).flat();
            const stored: UnitEvent[] = [];
            for await (const r of raw.readAll()) stored.push(r.event);
            check(sent, stored);
            const chains = verifyChains(
              await Promise.all(
                UNITS.map(async (streamId) => ({
                  streamId,
                  events: (await raw.readStream(streamId)).map((r) => r.event),
                })),
              ),
            );
            expect(chains.breaks).toEqual([]);
            expect(chains.sealed).toBe(stored.length);
          } finally {
            await raw.close();
          }
        },
      ),
      { numRuns: RUNS[kind.name] },
    );
  });
});
