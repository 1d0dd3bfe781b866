/**
 * Every store refuses to write what its reader would reject: malformed events appended
 * directly, with `store.append`, to the memory store, the file store and the EventStoreDB adapter
 * (over the protocol test double), bare and under the hash chain, are refused with an InputError
 * naming the event and field; nothing is written, and the store reopens with everything readable.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, parseEvent, withHashChain, type EventStore, type UnitEvent } from '../../src/index.js';
import type { FileStore } from '../../src/node.js';
import { esdbKind, fileKind, memoryKind, type StoreKind } from '../reliability/support/stores.js';

const esdb = esdbKind();
afterAll(() => esdb.stop());

const at = '2025-03-01T10:00:00Z';
const good = (id: string): UnitEvent => ({
  id,
  type: 'MaintenanceVisited',
  unitId: 'U-1',
  occurredAt: at,
  recordedAt: at,
  data: { kind: 'periodic' },
});
const fault = { faultId: 'F-1', component: 'unit', problemCode: 'noisy', severity: 'general', outOfService: false };

/** Events a caller could hand to `append` (JSON from elsewhere, a bug), and the field each is refused for. */
const MALFORMED: [string, unknown, string][] = [
  ['a date without a time', { ...good('m-1'), occurredAt: '2025-03-01' }, 'occurredAt'],
  ['an impossible recordedAt', { ...good('m-2'), recordedAt: '2025-02-30T00:00:00Z' }, 'recordedAt'],
  [
    'a severity not in the catalogue',
    { ...good('m-3'), type: 'FaultReported', data: { ...fault, severity: 'minor' } },
    'data.severity',
  ],
  [
    'outOfService as text',
    { ...good('m-4'), type: 'FaultReported', data: { ...fault, outOfService: 'yes' } },
    'data.outOfService',
  ],
  [
    'a sale with only its policy',
    { ...good('m-5'), type: 'UnitSold', data: { policyId: 'standard-1y' } },
    'data.serialNumber',
  ],
  ['an unknown type', { ...good('m-6'), type: 'UnitExploded' }, 'type'],
  ['no id', { ...good('m-7'), id: undefined }, 'id'],
  ['no recordedAt', { ...good('m-8'), recordedAt: undefined }, 'recordedAt'],
  ['an id too long to read back', good('x'.repeat(201)), 'id'],
  ['half a seal', { ...good('m-9'), hash: 'a'.repeat(64) }, 'prevHash'],
  ['an unknown field', { ...good('m-10'), note: 'hi' }, 'note'],
  [
    'a prototype key',
    JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(good('m-11')).slice(1)}`),
    '__proto__',
  ],
  ['no event at all', null, ''],
];

async function readAll(store: EventStore): Promise<UnitEvent[]> {
  const out: UnitEvent[] = [];
  for await (const r of store.readAll()) out.push(r.event);
  return out;
}

describe.each([memoryKind, fileKind, esdb])('append checks on $name', (kind: StoreKind) => {
  it.each([false, true])(
    'refuses every malformed event with an InputError and writes nothing (hash chain: %s); the store reopens',
    async (chained) => {
      const raw = await kind.open();
      const store = chained ? withHashChain(raw) : raw;
      await store.append('U-1', [good('g-1')]);
      const bytes = () => (kind.name === 'file' ? readFileSync((raw as FileStore).path) : undefined);
      const before = bytes();
      for (const [what, event, field] of MALFORMED) {
        // A good event first: the append is refused whole.
        const error = await store.append('U-1', [good('g-2'), event as UnitEvent]).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, what).toBeInstanceOf(InputError);
        expect((error as InputError).field, what).toBe(field);
        expect((error as InputError).message, what).toMatch(/^append to stream "U-1", event 2/);
      }
      expect(bytes()).toEqual(before);
      await expect(store.append('U-2', [good('g-3')])).rejects.toMatchObject({ field: 'unitId' });
      const reopened = await kind.reopen(raw);
      const events = await readAll(reopened);
      expect(events.map((e) => e.id)).toEqual(['g-1']);
      for (const e of events) expect(parseEvent(JSON.parse(JSON.stringify(e)))).not.toBeInstanceOf(InputError);
      await reopened.append('U-1', [good('g-2')]);
      expect((await readAll(reopened)).map((e) => e.id)).toEqual(['g-1', 'g-2']);
      await reopened.close();
    },
  );
});
