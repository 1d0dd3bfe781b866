/**
 * Tenant isolation on a server shared by several ledgers: a ledger reads, and is told of, only its
 * own streams. Prefixes are categories, so one cannot extend another (`acme-` and `acme-eu-`);
 * `acme-` and `acme_eu-` are two tenants. Written once, run against the double and a live server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { RecordedEvent } from '../../src/store/event-store.js';
import type { EventStoreDbStore, EventStoreDbStoreOptions } from '../../src/store/eventstoredb/eventstoredb-store.js';
import { idsOf, readAllOf, visit, visits, waitUntil } from './helpers.js';

/** `open(options)` opens a store on the shared server; `category()` gives a category no one else uses. */
export function describeTenantContract(
  name: string,
  open: (options: EventStoreDbStoreOptions) => EventStoreDbStore | Promise<EventStoreDbStore>,
  category: () => string,
): void {
  describe(`tenant isolation: ${name}`, () => {
    const opened: EventStoreDbStore[] = [];
    const tenant = async (options: EventStoreDbStoreOptions) => {
      const store = await open(options);
      opened.push(store);
      return store;
    };
    afterEach(async () => void (await Promise.all(opened.splice(0).map((s) => s.close()))));

    it('refuses a stream prefix that is not one category (a nested prefix, no "-" at the end)', async () => {
      const acme = category();
      const opening = (streamPrefix: string) => Promise.resolve().then(() => open({ streamPrefix }));
      for (const streamPrefix of [`${acme}-eu-`, acme, `$${acme}-`, '-'])
        await expect(opening(streamPrefix)).rejects.toThrow(InputError);
      await expect(opening(`${acme}-eu-`)).rejects.toThrow(/streamPrefix/);
    });

    it('keeps acme- and acme_eu- apart: streams, $all reads and subscriptions, even for the same unit id', async () => {
      const acme = category();
      const outer = await tenant({ streamPrefix: `${acme}-` });
      const inner = await tenant({ streamPrefix: `${acme}_eu-` });
      await outer.append('U-1', visits('U-1', 0, 2));
      await inner.append('U-1', [visit('U-1', 5)]);
      await inner.append('eu-U-2', [visit('eu-U-2', 0)]);
      expect(idsOf(await outer.readStream('U-1'))).toEqual(['U-1-e0', 'U-1-e1']);
      expect(idsOf(await inner.readStream('U-1'))).toEqual(['U-1-e5']);
      expect(await outer.readStream('eu-U-2')).toEqual([]);
      expect(idsOf(await readAllOf(outer))).toEqual(['U-1-e0', 'U-1-e1']);
      expect(idsOf(await readAllOf(inner))).toEqual(['U-1-e5', 'eu-U-2-e0']);
      const seen: RecordedEvent[] = [];
      let caughtUp = false;
      const subscription = outer.subscribe((r) => void seen.push(r), { onCaughtUp: () => (caughtUp = true) });
      await waitUntil(() => caughtUp, 'caught up');
      await inner.append('U-3', [visit('U-3', 0)]);
      await outer.append('U-4', [visit('U-4', 0)]);
      await waitUntil(() => seen.length >= 3, 'the live event');
      await subscription.stop();
      expect(idsOf(seen)).toEqual(['U-1-e0', 'U-1-e1', 'U-4-e0']);
    });

    it('with legacy prefixes that nest (acme- and acme-eu-), the outer ledger takes none of the inner one’s events', async () => {
      const acme = category();
      const outer = await tenant({ streamPrefix: `${acme}-`, legacyStreamPrefix: true });
      const inner = await tenant({ streamPrefix: `${acme}-eu-`, legacyStreamPrefix: true });
      await inner.append('U-1', [visit('U-1', 0)]);
      await outer.append('U-2', [visit('U-2', 0)]);
      expect(idsOf(await readAllOf(outer))).toEqual(['U-2-e0']);
      expect(await outer.readStream('eu-U-1')).toEqual([]);
      expect(idsOf(await readAllOf(inner))).toEqual(['U-1-e0']);
    });
  });
}
