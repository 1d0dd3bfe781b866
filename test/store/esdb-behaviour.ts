/**
 * The adapter's production promises, written once and run through each client package (one per
 * test file: a process holds one package's protocol): reading costs the ledger's own events,
 * category mode needs no `$all`, big appends are split under MaxAppendSize and resume, a command
 * reads its stream once and an import once per unit, and a command's causal ids are kept.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { serializeEvent } from '../../src/events/jsonl.js';
import { createLedger, createPolicyBook, handleCommand, withHashChain } from '../../src/index.js';
import { createMemoryCheckpointStore } from '../../src/store/checkpoints.js';
import { runProjection } from '../../src/store/checkpoints-subscription.js';
import type { RecordedEvent } from '../../src/store/event-store.js';
import { createEventStoreDbCheckpointStore } from '../../src/store/eventstoredb/checkpoint-store.js';
import { errorKind } from '../../src/store/eventstoredb/error-kind.js';
import { connectEventStoreDb, type EventStoreDbStore } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { createUnitHistories } from '../../src/store/replay.js';
import { freshUnitId, idsOf, readAllOf, visit, visits, waitUntil } from '../contract/helpers.js';
import {
  connectionStringFor,
  freshPrefix,
  testServerStores,
  type ClientKind,
} from '../support/esdb-test-server/stores.js';
import { maintenance, sale, tickingClock } from '../reliability/support/commands.js';

const metadataOf = (e: { customMetadata: Uint8Array }) =>
  JSON.parse(Buffer.from(e.customMetadata).toString()) as Record<string, unknown>;

/** Events of one unit whose append is over 1 MiB as the server counts it (about 320 bytes each). */
const BIG = 4_000;

export function describeEsdbBehaviour(client: ClientKind): void {
  const foreign = 5_000;
  const stores = testServerStores({ client, foreignEvents: foreign });
  const locked = testServerStores({ client, denyAllReads: true });
  const opened: EventStoreDbStore[] = [];
  afterEach(async () => void (await Promise.all(opened.splice(0).map((s) => s.close()))));
  afterAll(() => Promise.all([stores.stop(), locked.stop()]));
  const open = async (options = {}, on = stores) => {
    const store = await on.create({ retry: { backoffMs: 1 }, ...options });
    opened.push(store);
    return store;
  };

  describe(`EventStoreDB adapter (${client}) in production`, () => {
    it(`reads the ledger from $all at the cost of its own events, whatever else is there (${foreign} foreign events)`, async () => {
      const server = await stores.server();
      const store = await open();
      const unit = freshUnitId();
      await store.append(unit, visits(unit, 0, 3));
      const before = server.calls.eventsSent;
      expect(idsOf(await readAllOf(store))).toEqual(visits(unit, 0, 3).map((e) => e.id));
      const read = server.calls.eventsSent - before;
      const seen: RecordedEvent[] = [];
      let caughtUp = false;
      const subscription = store.subscribe((r) => void seen.push(r), { onCaughtUp: () => (caughtUp = true) });
      await waitUntil(() => caughtUp, 'caught up');
      await store.append(unit, [visit(unit, 3)]);
      await waitUntil(() => seen.length === 4, 'the live event');
      await subscription.stop();
      const subscribed = server.calls.eventsSent - before - read;
      expect(server.log.all.length).toBeGreaterThan(foreign);
      // A handful (the end of $all, the ledger's events, what a closing catch-up call still got), never the foreign ones.
      expect(read).toBeLessThan(20);
      expect(subscribed).toBeLessThan(20);
    });

    it('runs without read access to $all in category mode ($ce-<category>); mode all is refused there', async () => {
      const server = await locked.server();
      const store = await open({ mode: 'category' }, locked);
      const unit = freshUnitId();
      const ledger = createLedger({ store, now: tickingClock() });
      await ledger.execute(sale(unit, `${unit}-c1`, 0));
      expect([...(await ledger.units()).keys()]).toEqual([unit]);
      await store.append(unit, visits(unit, 0, 2));
      const ids = [`${unit}-c1`, ...visits(unit, 0, 2).map((e) => e.id)];
      expect(idsOf(await store.readStream(unit))).toEqual(ids);
      expect(idsOf(await readAllOf(store))).toEqual(ids);
      const histories = createUnitHistories('least-privilege');
      const checkpoints = createEventStoreDbCheckpointStore(store, {
        streamPrefix: `${store.streamPrefix.slice(0, -1)}_cp-`,
      });
      let caughtUp = false;
      const running = await runProjection(store, histories, { checkpoints, onCaughtUp: () => (caughtUp = true) });
      await waitUntil(() => caughtUp, 'caught up');
      await store.append(unit, [visit(unit, 2)]);
      await waitUntil(() => histories.events().length === 4, 'the live event');
      await running.stop();
      expect(await checkpoints.load('least-privilege')).toBe(3n);
      const all = await open({ streamPrefix: store.streamPrefix }, locked);
      const refused = await readAllOf(all).catch((e: unknown) => e);
      expect(refused).toMatchObject({ type: 'access-denied' });
      expect(errorKind(refused)).toBe('other');
      expect(server.log.stream(`$ce-${store.streamPrefix.slice(0, -1)}`)).toHaveLength(4);
    });

    it('the command line imports and reads in category mode (mode=category in the connection string) without $all', async () => {
      const server = await locked.server();
      const prefix = freshPrefix();
      const file = join(mkdtempSync(join(tmpdir(), 'wl-esdb-category-')), 'export.jsonl');
      const unit = 'U-cat';
      const ledger = createLedger({ now: tickingClock() });
      await ledger.execute(sale(unit, `${unit}-c1`, 0));
      const events = await ledger.events();
      writeFileSync(file, events.map((e) => `${serializeEvent(e)}\n`).join(''));
      const store = `${connectionStringFor(server.connectionString, client)}&streamPrefix=${prefix}&mode=category`;
      const io = (out: string[]) => ({
        stdout: (t: string) => void out.push(t),
        stderr: (t: string) => void out.push(t),
        now: () => new Date('2025-06-01T00:00:00Z'),
        stderrIsTty: false,
      });
      const imported: string[] = [];
      expect(await run(['import', file, '--store', store], io(imported))).toBe(0);
      const fromStore: string[] = [];
      expect(await run(['state', '--store', store, '--as-of', '2025-06-01', '--json'], io(fromStore))).toBe(0);
      const fromFile: string[] = [];
      expect(await run(['state', file, '--as-of', '2025-06-01', '--json'], io(fromFile))).toBe(0);
      expect(fromStore.join('')).toBe(fromFile.join(''));
      // The same store in mode all is refused by the server: $all is not readable here.
      const refused: string[] = [];
      expect(await run(['state', '--store', store.replace('&mode=category', '')], io(refused))).toBe(1);
      expect(refused.join('')).toMatch(/access|denied/i);
    });

    it('splits an append over the server MaxAppendSize (1 MiB) into parts chained by revision', async () => {
      const server = await stores.server();
      const store = await open();
      const unit = freshUnitId();
      const events = visits(unit, 0, BIG);
      expect(await store.append(unit, events, { expectedRevision: 'no-stream' })).toEqual({
        nextExpectedRevision: BIG - 1,
        written: BIG,
      });
      const stored = server.log.stream(`${store.streamPrefix}${unit}`)!;
      expect(stored.map((e) => metadataOf(e).ledgerEventId)).toEqual(events.map((e) => e.id));
      expect(new Set(stored.map((e) => e.commit)).size).toBeGreaterThan(1);
    });

    it('resumes a split append cut off after its first part: nothing lost, nothing stored twice', async () => {
      const server = await stores.server();
      const store = withHashChain(await open({ retry: { attempts: 2, backoffMs: 1 } }));
      const unit = freshUnitId();
      const events = visits(unit, 0, BIG);
      server.faults.refuseAppendsAfter(1, 2);
      const cut = await store.append(unit, events, { expectedRevision: 'any' }).catch((e: unknown) => e);
      expect(errorKind(cut)).toBe('transient');
      const part = server.log.stream(`${store.streamPrefix}${unit}`)!.length;
      expect(part).toBeGreaterThan(0);
      expect(part).toBeLessThan(BIG);
      const resumed = await store.append(unit, events, { expectedRevision: 'any' });
      expect(resumed).toMatchObject({ nextExpectedRevision: BIG - 1, written: BIG - part });
      const stored = server.log.stream(`${store.streamPrefix}${unit}`)!;
      expect(stored.map((e) => metadataOf(e).ledgerEventId)).toEqual(events.map((e) => e.id));
    });

    it('reads the stream once per command (shell, hash chain and adapter share the read), and keeps causal ids', async () => {
      const server = await stores.server();
      const store = withHashChain(await open());
      const unit = freshUnitId();
      const stream = `${store.streamPrefix}${unit}`;
      const options = { policies: createPolicyBook(), now: tickingClock() };
      await handleCommand(
        store,
        { ...sale(unit, `${unit}-c1`, 0), correlationId: 'conv-9', causationId: 'req-3' },
        options,
      );
      await handleCommand(store, maintenance(unit, `${unit}-c2`, 60), options);
      expect(server.calls.streamReads.get(stream)).toBe(2);
      const [first, second] = server.log.stream(stream)!.map(metadataOf);
      expect(first).toMatchObject({ $correlationId: 'conv-9', $causationId: 'req-3' });
      expect(second).toMatchObject({ $correlationId: `${unit}-c2`, $causationId: `${unit}-c2` });
    });

    it("reads each unit once on import, from the command line with the client's own scheme and the ledger's streamPrefix", async () => {
      const server = await stores.server();
      const prefix = freshPrefix();
      const units = Array.from({ length: 30 }, (_, u) => `U${u}`);
      const file = join(mkdtempSync(join(tmpdir(), 'wl-esdb-import-')), 'export.jsonl');
      writeFileSync(
        file,
        units
          .flatMap((u) => visits(u, 0, 3))
          .map((e) => `${serializeEvent(e)}\n`)
          .join(''),
      );
      // kurrentdb:// for kurrentdb's process (an esdb:// string would load db-client beside it).
      const connectionString = connectionStringFor(server.connectionString, client);
      let stderr = '';
      const code = await run(['import', file, '--store', `${connectionString}&streamPrefix=${prefix}`], {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        now: () => new Date('2025-06-01T00:00:00Z'),
        stderrIsTty: false,
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const reads = units.map((u) => server.calls.streamReads.get(`${prefix}${u}`));
      expect(reads).toEqual(units.map(() => 1));
      const reader = connectEventStoreDb(connectionString, { streamPrefix: prefix });
      opened.push(reader);
      expect(idsOf(await reader.readStream(units[0]!))).toEqual(visits(units[0]!, 0, 3).map((e) => e.id));
    });
  });

  it('batches projection checkpoints: every N events or T ms', async () => {
    const store = await open();
    const unit = freshUnitId();
    await store.append(unit, visits(unit, 0, 25));
    const durable = createMemoryCheckpointStore();
    const saved: (bigint | undefined)[] = [];
    const counting = {
      load: (name: string) => durable.load(name),
      save: async (name: string, position: bigint | undefined) => {
        saved.push(position);
        await durable.save(name, position);
      },
    };
    const histories = createUnitHistories('batched');
    let caughtUp = false;
    const running = await runProjection(store, histories, {
      checkpoints: counting,
      checkpointEvery: 10,
      checkpointEveryMs: 50,
      onCaughtUp: () => (caughtUp = true),
    });
    await waitUntil(() => caughtUp, 'caught up');
    const atCatchUp = saved.length;
    expect(atCatchUp).toBeLessThanOrEqual(3);
    await store.append(unit, [visit(unit, 25)]);
    await waitUntil(() => histories.events().length === 26, 'the live event');
    await waitUntil(() => saved.length > atCatchUp, 'a checkpoint after T ms');
    await running.stop();
    expect(await durable.load('batched')).toBe(histories.position);
  });
}
