/**
 * What the ledger knew cannot change later (issue: history an auditor can trust, finding 5): an
 * append that records an event before the stream's latest `recordedAt` is refused on every path
 * (a direct sealed append, `import`), `import` appends each unit's events in the order they were
 * recorded, and the command shell never stamps a time behind what its stream already holds.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import {
  createLedger,
  createMemoryStore,
  InputError,
  serializeEvent,
  withHashChain,
  type UnitEvent,
} from '../../src/index.js';
import { chainHash, unsealed } from '../../src/store/hash-chain.js';
import { openFileStore } from '../../src/node.js';
import { planSeal } from '../../src/store/hash-chain.js';
import { accepted, extended, sold } from '../support/events.js';

const dir = () => mkdtempSync(join(tmpdir(), 'wl-recorded-'));
const lines = (events: readonly UnitEvent[]) => events.map((e) => `${serializeEvent(e)}\n`).join('');
const recorded = <E extends UnitEvent>(e: E, recordedAt: string): E => ({ ...e, recordedAt });

const cli = (argv: string[]) => runCli(argv, '2026-06-01T00:00:00Z');

const sale = recorded(sold('U-1', '2025-01-01T09:00:00Z', 'standard-1y'), '2025-01-01T09:00:00Z');
const acceptance = recorded(accepted('U-1', '2025-01-01T10:00:00Z'), '2025-03-01T00:00:00Z');
/** A purchased extension backdated to before what the ledger already knew. */
const backdated = recorded(extended('U-1', '2025-02-01T00:00:00Z', 1_200), '2025-02-01T00:00:00Z');

describe('appends may not record an event before the stream already knew more', () => {
  it('a direct sealed append is refused with an InputError naming both events, and nothing is written', async () => {
    const store = withHashChain(createMemoryStore());
    await store.append('U-1', [sale, acceptance]);
    const error = await store.append('U-1', [backdated]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      `recordedAt: event ${backdated.id} was recorded at 2025-02-01T00:00:00Z, before ${acceptance.id} (2025-03-01T00:00:00Z), the latest event of stream U-1: an append may not change what was known at a moment already past`,
    );
    expect((await store.readStream('U-1')).map((r) => r.event.id)).toEqual([sale.id, acceptance.id]);
  });

  it('an event recorded at the same instant as the latest is an append like any other', async () => {
    const store = withHashChain(createMemoryStore());
    await store.append('U-1', [sale, acceptance]);
    const same = recorded(extended('U-1', '2025-02-01T00:00:00Z', 12), acceptance.recordedAt);
    expect((await store.append('U-1', [same])).written).toBe(1);
  });

  it('import refuses a backdated event for a unit the store holds, before writing anything, and known-at views stay as they were', async () => {
    const d = dir();
    const storePath = join(d, 'ledger.jsonl');
    const store = await openFileStore(storePath);
    await withHashChain(store).append('U-1', [sale, acceptance]);
    await store.close();
    const before = readFileSync(storePath, 'utf8');
    const knownBefore = await cli([
      'state',
      '--store',
      `file:${storePath}`,
      '--as-of',
      '2030-01-01',
      '--known-at',
      '2025-04-01T00:00:00Z',
      '--json',
    ]);
    writeFileSync(join(d, 'late.jsonl'), lines([backdated]));
    const result = await cli(['import', join(d, 'late.jsonl'), '--store', `file:${storePath}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `event ${backdated.id} was recorded at 2025-02-01T00:00:00Z, before ${acceptance.id}`,
    );
    expect(readFileSync(storePath, 'utf8')).toBe(before);
    const knownAfter = await cli([
      'state',
      '--store',
      `file:${storePath}`,
      '--as-of',
      '2030-01-01',
      '--known-at',
      '2025-04-01T00:00:00Z',
      '--json',
    ]);
    expect(knownAfter.stdout).toBe(knownBefore.stdout);
  });

  it("import appends each unit's events in the order they were recorded, whatever the file's order", async () => {
    const d = dir();
    writeFileSync(join(d, 'history.jsonl'), lines([acceptance, sale]));
    const storePath = join(d, 'ledger.jsonl');
    expect((await cli(['import', join(d, 'history.jsonl'), '--store', `file:${storePath}`])).code).toBe(0);
    const store = await openFileStore(storePath);
    expect((await store.readStream('U-1')).map((r) => r.event.id)).toEqual([sale.id, acceptance.id]);
    await store.close();
  });

  it('the command shell never stamps a time behind the stream: a slow clock records at the latest time known', async () => {
    const store = withHashChain(createMemoryStore());
    await store.append('U-1', [sale, acceptance]);
    const ledger = createLedger({ store, now: () => new Date('2025-02-15T00:00:00Z') });
    const result = await ledger.execute({
      type: 'RecordDelivery',
      commandId: 'c-1',
      unitId: 'U-1',
      occurredAt: '2025-01-01T11:00:00Z',
      data: {},
    });
    expect(result.events[0]!.recordedAt).toBe('2025-03-01T00:00:00.000Z');
  });
});

describe('verify names a backdated sealed append', () => {
  it('a sealed event recorded before an earlier one in its stream is a break of kind backdated', async () => {
    const [s, a] = planSeal('U-1', [], [sale, acceptance]).fresh;
    // Sealed by hand onto the head, as a writer that skipped the check would have done.
    const body = unsealed(backdated) as UnitEvent;
    const forged = { ...body, prevHash: a!.hash, hash: chainHash(a!.hash!, body) } as UnitEvent;
    const d = dir();
    writeFileSync(join(d, 'store.jsonl'), lines([s!, a!, forged]));
    const result = await cli(['verify', join(d, 'store.jsonl')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `U-1: line 3, revision 2, event "${backdated.id}": backdated: recorded at 2025-02-01T00:00:00Z, before the event at line 2, revision 1 (2025-03-01T00:00:00Z)`,
    );
  });

  it('unsealed interchange lines in any order are not judged for it', async () => {
    const d = dir();
    writeFileSync(join(d, 'history.jsonl'), lines([sale, acceptance, backdated]));
    expect((await cli(['verify', join(d, 'history.jsonl')])).code).toBe(0);
  });
});
