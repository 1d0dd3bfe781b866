/**
 * The hash chain's SHA-256 (src/store/sha256.ts): the portable default (@noble/hashes) and
 * node:crypto's (`nodeSha256`, warranty-ledger/node) give the same digests, so a chain sealed
 * with one verifies with the other and seals stay byte-identical whichever a store uses. Also the
 * guards the entries gained: isInputErrors and isStoreLockedError.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createLedger,
  createMemoryStore,
  InputError,
  InputErrors,
  isInputErrors,
  streamsOf,
  verifyChains,
  withHashChain,
  type UnitEvent,
} from '../../src/index.js';
import { isStoreLockedError, nodeSha256, StoreLockedError } from '../../src/node.js';
import { portableSha256 } from '../../src/store/sha256.js';
import { visit } from '../contract/helpers.js';

const reference = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the portable SHA-256', () => {
  it('gives the FIPS 180-2 digests', () => {
    expect(portableSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(portableSha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it("equals node:crypto's on any string, non-ASCII and lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => portableSha256(text) === reference(text)),
      { numRuns: 500 },
    );
    for (const text of ['\ud800', 'a\udc00b', '保修 🔧', 'x'.repeat(200_000)])
      expect(portableSha256(text)).toBe(nodeSha256(text));
  });

  it('seals the same chain as node:crypto, and each verifies the other', async () => {
    const events = [visit('U-1', 0), visit('U-1', 1), visit('U-2', 0)];
    const sealedWith = async (hash?: typeof nodeSha256) => {
      const store = withHashChain(createMemoryStore(), hash ? { hash } : {});
      for (const e of events) await store.append(e.unitId, [e]);
      const all: UnitEvent[] = [];
      for await (const r of store.readAll()) all.push(r.event);
      return all;
    };
    const portable = await sealedWith();
    expect(portable.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true);
    expect(await sealedWith(nodeSha256)).toEqual(portable);
    expect(verifyChains(streamsOf(portable), { requireSeals: true, hash: nodeSha256 }).ok).toBe(true);
    expect(verifyChains(streamsOf(portable), { requireSeals: true }).ok).toBe(true);
  });

  it('is what a hash option replaces: a different hash breaks the chain it did not seal', async () => {
    const ledger = createLedger({
      hash: (text) => nodeSha256(`salt${text}`),
      now: () => new Date('2025-03-01T00:00:00Z'),
    });
    const data = { serialNumber: 'S', brand: 'B', model: 'M', customerId: 'C', policyId: 'standard-1y' };
    await ledger.execute({
      type: 'RegisterSale',
      commandId: 'c-1',
      unitId: 'U-1',
      occurredAt: '2025-01-10T09:00:00Z',
      data,
    });
    const report = verifyChains(streamsOf(await ledger.events()), { requireSeals: true });
    expect(report.ok).toBe(false);
    expect(report.breaks[0]).toMatchObject({ streamId: 'U-1', kind: 'changed' });
  });
});

describe('guards', () => {
  it('isInputErrors matches InputErrors, by class and by name', () => {
    const errors = new InputErrors([new InputError(2, 'data.severity', 'expected general, serious or urgent')]);
    expect(isInputErrors(errors)).toBe(true);
    expect(isInputErrors({ name: 'InputErrors', errors: [] })).toBe(true);
    expect(isInputErrors(errors.errors[0])).toBe(false);
    expect(isInputErrors(null)).toBe(false);
  });

  it('isStoreLockedError matches StoreLockedError, by class and by name', () => {
    expect(isStoreLockedError(new StoreLockedError('ledger.jsonl.lock', 42, 'host'))).toBe(true);
    expect(isStoreLockedError({ name: 'StoreLockedError' })).toBe(true);
    expect(isStoreLockedError(new InputError(1, 'x', 'y'))).toBe(false);
    expect(isStoreLockedError(undefined)).toBe(false);
  });
});
