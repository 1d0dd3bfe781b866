/**
 * Schema evolution: `FaultReported` version 0 had no `severity`. Histories written in
 * that shape (unsealed, as written before hashing, and sealed over the old shape) are read and
 * upcast on load by every store, give the same views as the same histories in today's shape, are
 * never rewritten, and still verify: the chain is checked over the stored form.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import {
  createMemoryStore,
  InputError,
  parseEventLine,
  parseJsonl,
  projectUnits,
  serializeEvent,
  streamsOf,
  verifyChains,
  withHashChain,
  type EventStore,
  type UnitEvent,
} from '../../src/index.js';
import { openFileStore } from '../../src/node.js';
import { planSeal } from '../../src/store/hash-chain.js';
import { SEVERITY_BEFORE_V1, storedFormOf } from '../../src/events/upcasters.js';
import { connectEventStoreDb } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server/index.js';

const scenarios = join(__dirname, '..', 'scenarios');
const AS_OF = '2027-01-01';

/** Each public scenario's events, in today's shape and in the old one (faults of severity `general` written without it). */
const histories = readdirSync(scenarios, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => {
    const current = parseJsonl(readFileSync(join(scenarios, d.name, 'events.jsonl'), 'utf8')).events;
    const old = current.map((e) => {
      if (e.type !== 'FaultReported' || e.data.severity !== SEVERITY_BEFORE_V1) return e;
      const { severity: _, ...data } = e.data;
      return { ...e, data } as unknown as UnitEvent;
    });
    return { name: d.name, current, old };
  })
  .filter((h) => h.old.some((e, i) => e !== h.current[i]));

const views = (events: readonly UnitEvent[]) =>
  [...projectUnits([...events], { asOf: AS_OF })].map(([unitId, p]) => [unitId, p.view]);

/** Per unit, the events sealed over the shape they are given in (old events sealed by a writer of that time). */
function sealedOverGivenShape(events: readonly UnitEvent[]): UnitEvent[] {
  const streams = new Map<string, UnitEvent[]>();
  return events.map((e) => {
    const stream = streams.get(e.unitId) ?? [];
    const [sealed] = planSeal(e.unitId, stream, [e]).fresh;
    streams.set(e.unitId, [...stream, sealed!]);
    return sealed!;
  });
}

async function readBack(store: EventStore): Promise<UnitEvent[]> {
  const events: UnitEvent[] = [];
  for await (const r of store.readAll()) events.push(r.event);
  return events;
}

function expectChainsIntact(events: readonly UnitEvent[], sealed: number): void {
  const report = verifyChains(streamsOf(events));
  expect(report.breaks).toEqual([]);
  expect(report.sealed).toBe(sealed);
}

let server: EsdbTestServer | undefined;
afterAll(() => server?.stop());

it('has old-shape histories to test: faults without severity in several scenarios', () => {
  expect(histories.length).toBeGreaterThanOrEqual(4);
  expect(
    histories.flatMap((h) => h.old).filter((e) => e.type === 'FaultReported' && !('severity' in e.data)).length,
  ).toBeGreaterThanOrEqual(20);
});

describe('the parser', () => {
  it('upcasts a FaultReported without severity to severity general, and keeps the line as read for the chain', () => {
    const line = serializeEvent(histories[0]!.old.find((e) => e.type === 'FaultReported' && !('severity' in e.data))!);
    const event = parseEventLine(line, 1) as UnitEvent;
    expect(event).toMatchObject({ type: 'FaultReported', data: { severity: 'general' } });
    expect(storedFormOf(event)).toEqual(JSON.parse(line));
    const current = parseEventLine(serializeEvent(histories[0]!.current[0]!), 1) as UnitEvent;
    expect(storedFormOf(current)).toBe(current);
  });

  it('still refuses a severity that is present but wrong, with the same message', () => {
    const line = serializeEvent(histories[0]!.current.find((e) => e.type === 'FaultReported')!).replace(
      '"severity":"general"',
      '"severity":"severe"',
    );
    const error = parseEventLine(line, 2);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      'line 2: data.severity: expected general, serious or urgent, got "severe"',
    );
  });

  it('reads old and new histories as the same events, giving the same views', () => {
    for (const { old, current } of histories) {
      const read = parseJsonl(old.map(serializeEvent).join('\n')).events;
      expect(read).toEqual(current);
      expect(views(read)).toEqual(views(current));
    }
  });
});

describe.each(['unsealed', 'sealed over the old shape'] as const)('old histories (%s) on every store', (sealing) => {
  const stored = (events: readonly UnitEvent[]) =>
    sealing === 'unsealed' ? [...events] : sealedOverGivenShape(events);
  const sealedCount = (events: readonly UnitEvent[]) => (sealing === 'unsealed' ? 0 : events.length);

  it('the file store reads them upcast, never rewrites them, and they verify; a sealed append chains on', async () => {
    for (const { old, current } of histories) {
      const path = join(mkdtempSync(join(tmpdir(), 'wl-upcast-')), 'ledger.jsonl');
      const bytes = stored(old)
        .map((e) => `${serializeEvent(e)}\n`)
        .join('');
      writeFileSync(path, bytes);
      const store = withHashChain(await openFileStore(path));
      const read = await readBack(store);
      expect(views(read)).toEqual(views(current));
      expect(readFileSync(path, 'utf8')).toBe(bytes);
      expectChainsIntact(read, sealedCount(old));
      const unitId = current[0]!.unitId;
      await store.append(unitId, [
        {
          id: `${unitId}-later`,
          type: 'MaintenanceVisited',
          unitId,
          occurredAt: '2040-12-01T00:00:00Z',
          recordedAt: '2040-12-01T00:00:00Z',
          data: { kind: 'periodic' },
        },
      ]);
      await store.close();
      let stdout = '';
      const code = await run(['verify', path], {
        stdout: (t) => (stdout += t),
        stderr: () => {},
        now: () => new Date(),
        stderrIsTty: false,
      });
      expect(stdout).toContain('every chain intact');
      expect(code).toBe(0);
    }
  });

  it('EventStoreDB reads them upcast, and they verify over the stored form', async () => {
    server ??= await startEsdbTestServer();
    for (const [i, { old, current }] of histories.entries()) {
      // An older writer: the adapter without the chain writes the events in the shape it is given.
      const writer = connectEventStoreDb(server.connectionString, { streamPrefix: `old${sealing.length}_${i}-` });
      for (const e of stored(old)) await writer.append(e.unitId, [e]);
      await writer.close();
      const reader = withHashChain(
        connectEventStoreDb(server.connectionString, { streamPrefix: `old${sealing.length}_${i}-` }),
      );
      const read = await readBack(reader);
      expect(views(read)).toEqual(views(current));
      expectChainsIntact(read, sealedCount(old));
      const unitId = current[0]!.unitId;
      await reader.append(unitId, [
        {
          id: `${unitId}-later`,
          type: 'MaintenanceVisited',
          unitId,
          occurredAt: '2040-12-01T00:00:00Z',
          recordedAt: '2040-12-01T00:00:00Z',
          data: { kind: 'periodic' },
        },
      ]);
      expectChainsIntact(await readBack(reader), sealedCount(old) + 1);
      await reader.close();
    }
  });

  it('the in-memory store, loaded from an old export, gives the same views (an old seal is not carried over)', async () => {
    for (const { old, current } of histories) {
      const store = withHashChain(createMemoryStore());
      const exported = parseJsonl(stored(old).map(serializeEvent).join('\n')).events;
      if (sealing === 'unsealed') {
        for (const e of exported) await store.append(e.unitId, [e]);
        expect(views(await readBack(store))).toEqual(views(current));
        expectChainsIntact(await readBack(store), old.length);
        continue;
      }
      // The new store would hold the upcast shape, which the old seal does not cover: refused, never re-sealed silently.
      const upcast = exported.find((e) => storedFormOf(e) !== e)!;
      const before = exported.slice(0, exported.indexOf(upcast)).filter((e) => e.unitId === upcast.unitId);
      for (const e of before) await store.append(e.unitId, [e]);
      const error = await store.append(upcast.unitId, [upcast]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toContain(
        `event ${upcast.id} was sealed in an older shape and upcast on reading`,
      );
      const { prevHash: _p, hash: _h, ...resealable } = upcast;
      await store.append(upcast.unitId, [resealable as UnitEvent]);
      expectChainsIntact(await readBack(store), before.length + 1);
    }
  });
});
