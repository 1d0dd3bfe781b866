/**
 * The hostile-input suite's mutations, applied to commands and sent through `ledger.execute` on
 * the memory and file stores: a command whose event the reader would reject (or that breaks a
 * command's own rules) is refused with InvalidCommand and stores nothing; anything else is
 * recorded or refused with another LedgerError; and the store reopens with every event readable.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  COMMAND_EVENTS,
  createLedger,
  isInvalidCommand,
  isLedgerError,
  parseEvent,
  type EventStore,
  type UnitCommand,
} from '../../src/index.js';
import { storedFormOf } from '../../src/events/upcasters.js';
import type { FileStore } from '../../src/node.js';
import { commandOfLine, mutatedCommand, validLines } from './support/hostile.js';
import { fileKind, memoryKind, type StoreKind } from './support/stores.js';

const NOW = new Date('2040-01-01T00:00:00Z');
const COMMAND_KEYS = new Set(['type', 'commandId', 'unitId', 'occurredAt', 'data', 'correlationId', 'causationId']);
const tally = { tried: 0, invalid: 0, recorded: 0, rejected: 0 };

/**
 * The oracle, independent of parseCommand: malformed when the value is no command object, has a
 * field no command has, an unknown type, a command id with the derived-id separator, or records
 * an event the reader rejects (or would have to upcast).
 */
function malformed(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
  const c = value as Record<string, unknown>;
  if (Object.keys(c).some((k) => !COMMAND_KEYS.has(k))) return true;
  if (typeof c.type !== 'string' || !Object.hasOwn(COMMAND_EVENTS, c.type)) return true;
  if (typeof c.commandId !== 'string' || c.commandId.includes('#') || c.commandId.length > 190) return true;
  const type = COMMAND_EVENTS[c.type as keyof typeof COMMAND_EVENTS];
  const event = parseEvent({
    id: c.commandId,
    type,
    unitId: c.unitId,
    occurredAt: c.occurredAt,
    recordedAt: NOW.toISOString(),
    data: c.data,
  });
  return event instanceof Error || storedFormOf(event) !== event;
}

async function countOf(store: EventStore): Promise<number> {
  let n = 0;
  for await (const r of store.readAll()) {
    expect(parseEvent(JSON.parse(JSON.stringify(r.event)))).not.toBeInstanceOf(Error);
    n++;
  }
  return n;
}

afterAll(() => {
  console.log(
    `hostile commands: ${tally.tried} tried, ${tally.invalid} refused as InvalidCommand, ${tally.rejected} refused by the rules, ${tally.recorded} recorded`,
  );
});

describe.each([memoryKind, fileKind])('hostile commands through ledger.execute on $name', (kind: StoreKind) => {
  it('every malformed command is refused with InvalidCommand and stores nothing; the store reopens', async () => {
    let store = await kind.open();
    let ledger = createLedger({ store, now: () => NOW });
    // The scenarios' units sold first, so that valid commands meet the rules rather than "no sale".
    for (const line of validLines.filter((l) => l.includes('"UnitSold"')))
      await ledger.execute(commandOfLine(line) as UnitCommand).catch(() => undefined);
    let count = await countOf(store);
    expect(count).toBeGreaterThan(0);
    const bytes = () => (kind.name === 'file' ? readFileSync((store as FileStore).path) : undefined);
    await fc.assert(
      fc.asyncProperty(mutatedCommand, async (value) => {
        tally.tried++;
        const before = bytes();
        const outcome = await ledger.execute(value as UnitCommand).then(
          (r) => r,
          (e: unknown) => e,
        );
        if (isInvalidCommand(outcome) || malformed(value)) {
          expect(
            isInvalidCommand(outcome),
            `expected InvalidCommand for ${JSON.stringify(value).slice(0, 300)}, got ${String(outcome)}`,
          ).toBe(malformed(value));
          tally.invalid++;
          expect(bytes()).toEqual(before);
        } else if (outcome instanceof Error) {
          expect(isLedgerError(outcome), String(outcome)).toBe(true);
          tally.rejected++;
        } else if (!(outcome as { repeated: boolean }).repeated) {
          count++;
          tally.recorded++;
        }
        expect(await countOf(store)).toBe(count);
      }),
      { numRuns: kind.name === 'file' ? 300 : 600 },
    );
    store = await kind.reopen(store);
    ledger = createLedger({ store, now: () => NOW });
    expect(await countOf(store)).toBe(count);
    expect(tally.invalid).toBeGreaterThan(0);
    await store.close();
  });
});
