/**
 * The EventStoreDB adapter's own promises, checked through the real client against the protocol
 * test double: which protocol path is used, the stream and metadata layout, event ids, positions,
 * filtering of other applications' events, refusal of unreadable events, and checkpoints.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, InputError } from '../../src/errors.js';
import { canonicalJson } from '../../src/events/canonical.js';
import { decodePosition, eventUuid } from '../../src/store/eventstoredb/codec.js';
import { createEventStoreDbCheckpointStore } from '../../src/store/eventstoredb/checkpoint-store.js';
import { connectEventStoreDb, type EventStoreDbStore } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { freshPrefix, testServerStores } from '../support/esdb-test-server/stores.js';
import { freshUnitId, increasing, readAllOf, visit, visits } from '../contract/helpers.js';

const batch = testServerStores({ batchAppend: true });
const plain = testServerStores({ batchAppend: false });
const opened: EventStoreDbStore[] = [];
afterEach(async () => void (await Promise.all(opened.splice(0).map((s) => s.close()))));
afterAll(() => Promise.all([batch.stop(), plain.stop()]));

async function open(stores = batch): Promise<EventStoreDbStore> {
  const store = await stores.create();
  opened.push(store);
  return store;
}

describe('EventStoreDB adapter', () => {
  it('appends through BatchAppend when the server offers it, and through Append when not', async () => {
    for (const [stores, path] of [
      [batch, 'batchAppend'],
      [plain, 'append'],
    ] as const) {
      const server = await stores.server();
      const before = { ...server.calls };
      const unit = freshUnitId();
      await (await open(stores)).append(unit, visits(unit, 0, 2));
      expect(server.calls[path] - before[path]).toBeGreaterThan(0);
      expect(server.calls[path === 'append' ? 'batchAppend' : 'append']).toBe(0);
    }
  });

  it('writes one stream per unit: contract type, JSON data, ledger metadata, a UUID derived from the ledger id and content', async () => {
    const store = await open();
    const unit = freshUnitId();
    await store.append(unit, [visit(unit, 0)], { causationId: 'cmd-7', correlationId: 'conv-1' });
    await store.append(unit, [visit(unit, 1)]);
    const stored = (await batch.server()).log.stream(`${store.streamPrefix}${unit}`)!;
    expect(stored.map((e) => [e.type, e.contentType, JSON.parse(Buffer.from(e.data).toString())])).toEqual([
      ['MaintenanceVisited', 'application/json', { kind: 'periodic' }],
      ['MaintenanceVisited', 'application/json', { kind: 'periodic' }],
    ]);
    expect(stored.map((e) => e.id)).toEqual(
      [0, 1].map((n) => eventUuid(visit(unit, n).id, canonicalJson(visit(unit, n)))),
    );
    const metadata = stored.map((e) => JSON.parse(Buffer.from(e.customMetadata).toString()) as Record<string, unknown>);
    expect(metadata[0]).toEqual({
      ledgerEventId: visit(unit, 0).id,
      unitId: unit,
      occurredAt: visit(unit, 0).occurredAt,
      recordedAt: visit(unit, 0).recordedAt,
      schemaVersion: 1,
      $correlationId: 'conv-1',
      $causationId: 'cmd-7',
    });
    expect(metadata[1]).toMatchObject({ $correlationId: visit(unit, 1).id, $causationId: visit(unit, 1).id });
  });

  it('derives stable, version 8 UUIDs from ledger ids', () => {
    expect(eventUuid('e-17')).toBe(eventUuid('e-17'));
    expect(eventUuid('e-17')).not.toBe(eventUuid('e-18'));
    expect(eventUuid('e-17')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('orders the events of one append, which share a commit position, by their prepare positions', async () => {
    const store = await open();
    const unit = freshUnitId();
    await store.append(unit, visits(unit, 0, 3));
    const all = await readAllOf(store);
    expect(all.map((r) => r.revision)).toEqual([0, 1, 2]);
    expect(new Set(all.map((r) => decodePosition(r.position).commit)).size).toBe(1);
    expect(increasing(all)).toBe(true);
  });

  it('gives each append a commit position at or after every prepare position in it, as the server does', async () => {
    const store = await open();
    const unit = freshUnitId();
    await store.append(unit, visits(unit, 0, 3));
    await store.append(unit, [visit(unit, 3)]);
    const positions = (await readAllOf(store)).map((r) => decodePosition(r.position));
    expect(positions.every((p) => p.commit >= p.prepare)).toBe(true);
    const raw = (await batch.server()).log.all;
    expect(raw.every((e) => e.commit >= e.prepare)).toBe(true);
  });

  it("refuses an event in a unit's stream that names another unit (an event filed in the wrong stream)", async () => {
    const store = await open();
    const unit = freshUnitId();
    const other = freshUnitId();
    await store.append(other, [visit(other, 0)]);
    const server = await batch.server();
    const [stored] = server.log.stream(`${store.streamPrefix}${other}`)!;
    server.log.append(`${store.streamPrefix}${unit}`, { kind: 'any' }, [{ ...stored!, id: randomUUID() }]);
    for (const read of [() => store.readStream(unit), () => readAllOf(store)]) {
      const error = await read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ field: 'metadata.unitId', source: `EventStoreDB ${store.streamPrefix}${unit}@0` });
    }
  });

  it("reads only the ledger's streams from $all: not system events, not other applications", async () => {
    const store = await open();
    const server = await batch.server();
    const unit = freshUnitId();
    server.appendForeign('another-app-2', 'SomethingElse');
    await store.append(unit, [visit(unit, 0)]);
    expect(server.log.all.some((e) => e.type.startsWith('$'))).toBe(true);
    expect((await readAllOf(store)).map((r) => r.streamId)).toEqual([unit]);
  });

  it('reports a stored event it cannot read as a ledger event instead of skipping it', async () => {
    const store = await open();
    const unit = freshUnitId();
    await store.append(unit, [visit(unit, 0)]);
    (await batch.server()).appendForeign(`${store.streamPrefix}${unit}`, 'MaintenanceVisited');
    const error = await store.readStream(unit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      field: 'metadata.schemaVersion',
      source: `EventStoreDB ${store.streamPrefix}${unit}@1`,
    });
  });

  it('reports conflicts correctly even from a client made with throwOnAppendFailure=false', async () => {
    for (const stores of [batch, plain]) {
      const server = await stores.server();
      const store = connectEventStoreDb(`${server.connectionString}&throwOnAppendFailure=false`, {
        streamPrefix: freshPrefix(),
      });
      opened.push(store);
      const unit = freshUnitId();
      await store.append(unit, visits(unit, 0, 3));
      const error = await store.append(unit, [visit(unit, 3)], { expectedRevision: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ expectedRevision: 0, actualRevision: 2 });
      expect(await store.append(unit, [visit(unit, 3)])).toEqual({ nextExpectedRevision: 3, written: 1 });
    }
  });

  it('keeps checkpoints in EventStoreDB: missing, saved, replaced, cleared', async () => {
    const store = await open();
    const checkpoints = createEventStoreDbCheckpointStore(store, {
      streamPrefix: `${store.streamPrefix.slice(0, -1)}_cp-`,
    });
    expect(await checkpoints.load('fleet')).toBeUndefined();
    await checkpoints.save('fleet', 2n ** 70n + 5n);
    await checkpoints.save('fleet', 2n ** 71n);
    expect(await checkpoints.load('fleet')).toBe(2n ** 71n);
    await checkpoints.save('fleet', undefined);
    expect(await checkpoints.load('fleet')).toBeUndefined();
    const meta = (await batch.server()).log.stream(`$$${store.streamPrefix.slice(0, -1)}_cp-fleet`)!;
    expect(JSON.parse(Buffer.from(meta[0]!.data).toString())).toEqual({ $maxCount: 10 });
  });
});
