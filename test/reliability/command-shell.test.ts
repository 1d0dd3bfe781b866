/**
 * The command shell under conflicts and repeats, on every store: a competing writer
 * injected before appends, retries that run out into a typed ConcurrencyError naming the
 * revisions, repeated commands (after a lost reply, or sent twice at once) that store nothing twice
 * and return the same events, and a command id reused for another command refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  CommandRejected,
  ConcurrencyError,
  createLedger,
  createPolicyBook,
  DuplicateEventError,
  handleCommand,
  verifyChains,
  withHashChain,
  type EventStore,
  type UnitEvent,
} from '../../src/index.js';
import { faultOf } from '../../src/unit/state.js';
import { fault, maintenance, sale, tickingClock } from './support/commands.js';
import { esdbKind, fileKind, memoryKind, type StoreKind } from './support/stores.js';

const esdb = esdbKind();
const figures = { conflictsInjected: 0, lostReplies: 0 };
afterAll(async () => {
  await esdb.stop();
  console.log(
    `command shell: ${figures.conflictsInjected} conflicts injected, ${figures.lostReplies} replies lost, 0 events lost or stored twice`,
  );
});

/** Before each of its first `conflicts` appends, another writer appends to the same stream first. */
function withCompetingWriter(store: EventStore, conflicts: number): EventStore & { injected: () => number } {
  let injected = 0;
  return {
    ...store,
    injected: () => injected,
    async append(streamId, events, options) {
      if (injected < conflicts) {
        injected++;
        figures.conflictsInjected++;
        await store.append(streamId, [rival(streamId, figures.conflictsInjected)], { expectedRevision: 'any' });
      }
      return store.append(streamId, events, options);
    },
  };
}

/** Recorded by a writer whose clock runs ahead of the shell's (its events come after every command's). */
function rival(unitId: string, n: number): UnitEvent {
  const at = new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString();
  const recordedAt = new Date(Date.UTC(2027, 0, 1, 0, 0, n)).toISOString();
  return {
    id: `rival-${unitId}-${n}`,
    type: 'MaintenanceVisited',
    unitId,
    occurredAt: at,
    recordedAt,
    data: { kind: 'inspection' },
  };
}

/** Every append is stored, but its reply is lost on the way back (a dropped connection). */
function withLostReplies(store: EventStore): EventStore {
  return {
    ...store,
    async append(streamId, events, options) {
      await store.append(streamId, events, options);
      figures.lostReplies++;
      throw Object.assign(new Error('connection reset by peer'), { code: 'ECONNRESET' });
    },
  };
}

const ids = async (store: EventStore, unitId: string) => (await store.readStream(unitId)).map((r) => r.event.id);
const policies = createPolicyBook();

async function chainsHold(store: EventStore, unitIds: string[]): Promise<void> {
  const streams = await Promise.all(
    unitIds.map(async (streamId) => ({ streamId, events: (await store.readStream(streamId)).map((r) => r.event) })),
  );
  const report = verifyChains(streams);
  expect(report.breaks).toEqual([]);
  expect(report.unsealed).toBe(0);
}

describe.each([memoryKind, fileKind, esdb] as StoreKind[])('command shell on $name', (kind) => {
  it('retries injected conflicts, re-deciding on the history it reads again, and stores the command once', async () => {
    const raw = await kind.open();
    const sealed = withHashChain(raw);
    await handleCommand(sealed, sale('U-1', 'c-1', 0), { policies, now: tickingClock() });
    const competing = withCompetingWriter(sealed, 3);
    const result = await handleCommand(competing, fault('U-1', 'c-2', 'F-1', 'noisy', 10), {
      policies,
      now: tickingClock(),
      maxRetries: 3,
    });
    expect(competing.injected()).toBe(3);
    expect(result.repeated).toBe(false);
    expect((await ids(raw, 'U-1')).map((id) => id.replace(/^(rival-U-1)-\d+$/, '$1'))).toEqual([
      'c-1',
      'rival-U-1',
      'rival-U-1',
      'rival-U-1',
      'c-2',
    ]);
    expect((await raw.readStream('U-1')).at(-1)!.event).toEqual(result.events[0]);
    expect(faultOf(result.state, 'F-1')).toBeDefined();
    await chainsHold(raw, ['U-1']);
    await raw.close();
  });

  it('gives up after maxRetries with a ConcurrencyError naming both revisions, having written nothing of the command', async () => {
    const raw = await kind.open();
    const sealed = withHashChain(raw);
    await handleCommand(sealed, sale('U-2', 'c-1', 0), { policies, now: tickingClock() });
    for (const maxRetries of [0, 2]) {
      const competing = withCompetingWriter(sealed, maxRetries + 1);
      const before = (await raw.readStream('U-2')).length;
      const error = await handleCommand(competing, maintenance('U-2', `m-${maxRetries}`, 10), {
        policies,
        now: tickingClock(),
        maxRetries,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      // The last attempt read revision before + maxRetries - 1 and lost to the rival appended on top of it.
      expect(error).toMatchObject({
        streamId: 'U-2',
        expectedRevision: before + maxRetries - 1,
        actualRevision: before + maxRetries,
      });
      expect(competing.injected()).toBe(maxRetries + 1);
      expect(await ids(raw, 'U-2')).not.toContain(`m-${maxRetries}`);
    }
    await chainsHold(raw, ['U-2']);
    await raw.close();
  });

  it('repeating a command returns the same events and state and appends nothing', async () => {
    const raw = await kind.open();
    const ledger = createLedger({ store: raw, now: tickingClock() });
    await ledger.execute(sale('U-3', 'c-1', 0));
    const first = await ledger.execute(fault('U-3', 'c-2', 'F-1', 'leak', 10));
    const again = await ledger.execute(fault('U-3', 'c-2', 'F-1', 'leak', 10));
    expect(first.repeated).toBe(false);
    expect(again.repeated).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(again.state).toEqual(first.state);
    expect(first.events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await ids(raw, 'U-3')).toEqual(['c-1', 'c-2']);
    await raw.close();
  });

  it('a retry after a lost reply stores nothing twice and returns the events stored the first time', async () => {
    const raw = await kind.open();
    const now = tickingClock();
    await handleCommand(withHashChain(raw), sale('U-4', 'c-1', 0), { policies, now });
    const lost = await handleCommand(withHashChain(withLostReplies(raw)), maintenance('U-4', 'c-2', 10), {
      policies,
      now,
    }).catch((e: unknown) => e);
    expect(lost).toMatchObject({ code: 'ECONNRESET' });
    const retried = await handleCommand(withHashChain(raw), maintenance('U-4', 'c-2', 10), { policies, now });
    expect(retried.repeated).toBe(true);
    const stored = (await raw.readStream('U-4')).map((r) => r.event);
    expect(stored.map((e) => e.id)).toEqual(['c-1', 'c-2']);
    expect(retried.events).toEqual([stored[1]]);
    await chainsHold(raw, ['U-4']);
    await raw.close();
  });

  it('the same command sent twice at once is recorded once; both callers get its stored events', async () => {
    const raw = await kind.open();
    const ledger = createLedger({ store: raw, now: tickingClock() });
    await ledger.execute(sale('U-5', 'c-1', 0));
    const results = await Promise.all([1, 2, 3].map(() => ledger.execute(maintenance('U-5', 'c-2', 10))));
    expect(results.filter((r) => !r.repeated)).toHaveLength(1);
    const stored = (await raw.readStream('U-5')).map((r) => r.event);
    expect(stored.map((e) => e.id)).toEqual(['c-1', 'c-2']);
    for (const r of results) expect(r.events).toEqual([stored[1]]);
    await raw.close();
  });

  it('refuses a command id reused for a different command, and never retries a rejection', async () => {
    const raw = await kind.open();
    const ledger = createLedger({ store: raw, now: tickingClock() });
    await ledger.execute(sale('U-6', 'c-1', 0));
    await ledger.execute(fault('U-6', 'c-2', 'F-1', 'noisy', 10));
    const reused = await ledger.execute(fault('U-6', 'c-2', 'F-1', 'leak', 10)).catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(DuplicateEventError);
    expect(reused).toMatchObject({ eventId: 'c-2' });
    const competing = withCompetingWriter(ledger.store, 5);
    const rejected = await handleCommand(competing, fault('U-6', 'c-3', 'F-1', 'noisy', 20), {
      policies,
      now: tickingClock(),
    }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(CommandRejected);
    expect(rejected).toMatchObject({ rule: 'fault' });
    expect(competing.injected()).toBe(0);
    expect(await ids(raw, 'U-6')).toEqual(['c-1', 'c-2']);
    await raw.close();
  });
});
