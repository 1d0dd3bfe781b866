/**
 * The memory store owns what it holds: an event appended is copied and frozen, so neither the
 * caller's object, nor a command's result, nor an event read back can rewrite its history.
 */
import { describe, expect, it } from 'vitest';
import { createLedger, createMemoryStore, type UnitEvent } from '../../src/index.js';
import { visit } from '../contract/helpers.js';

const allOf = async (store: ReturnType<typeof createMemoryStore>) => {
  const events: UnitEvent[] = [];
  for await (const r of store.readAll()) events.push(r.event);
  return events;
};

describe('the memory store', () => {
  it('keeps its own copy: changing the appended object afterwards changes nothing stored', async () => {
    const store = createMemoryStore();
    const event = visit('U-1', 0);
    const before = structuredClone(event);
    await store.append('U-1', [event]);
    (event as { occurredAt: string }).occurredAt = '2030-01-01T00:00:00Z';
    (event.data as Record<string, unknown>).kind = 'changed';
    expect(await allOf(store)).toEqual([before]);
  });

  it('hands out frozen events: a change to one read back throws and the history stays', async () => {
    const store = createMemoryStore();
    await store.append('U-1', [visit('U-1', 0)]);
    const [read] = await store.readStream('U-1');
    expect(() => {
      (read!.event.data as Record<string, unknown>).kind = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (read as { revision: number }).revision = 7;
    }).toThrow(TypeError);
    expect((await allOf(store))[0]).toEqual(visit('U-1', 0));
  });

  it("behind createLedger: changing a command's result leaves the ledger's events as recorded", async () => {
    const ledger = createLedger({ now: () => new Date('2025-03-01T00:00:00Z') });
    const data = { serialNumber: 'S', brand: 'B', model: 'M', customerId: 'C', policyId: 'standard-1y' };
    const result = await ledger.execute({
      type: 'RegisterSale',
      commandId: 'c-1',
      unitId: 'U-1',
      occurredAt: '2025-01-10T09:00:00Z',
      data,
    });
    const recorded = structuredClone(await ledger.events());
    try {
      (result.events[0]!.data as Record<string, unknown>).brand = 'changed';
    } catch {
      // A frozen result refuses the change, which is as good.
    }
    expect(await ledger.events()).toEqual(recorded);
    expect(recorded[0]!.data).toMatchObject({ brand: 'B' });
  });
});
