/**
 * Event ids that cannot collide: command ids may not contain the separator
 * of derived ids, so no command's event ids are another command's, and the shell never takes a
 * stored event whose id merely starts with a command id for that command's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMAND_ID_SEPARATOR,
  createLedger,
  createMemoryStore,
  eventIdFor,
  InvalidCommand,
  parseCommand,
  type UnitCommand,
  type UnitEvent,
} from '../../src/index.js';
import { sale } from '../reliability/support/commands.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const visit = (commandId: string): UnitCommand => ({
  type: 'RecordMaintenance',
  commandId,
  unitId: 'U-1',
  occurredAt: '2025-03-01T10:00:00Z',
  data: { kind: 'periodic' },
});

/** An event as an import stores it, with the content the command `visit(...)` records. */
const imported: UnitEvent = {
  id: '',
  type: 'MaintenanceVisited',
  unitId: 'U-1',
  occurredAt: '2025-03-01T10:00:00Z',
  recordedAt: '2025-06-01T00:00:00Z',
  data: { kind: 'periodic' },
};

/** Command ids as callers write them, the separator and digits among their characters. */
const anyId = fc.string({ unit: fc.constantFrom('a', 'b', '1', '0', '#', '-', 'é'), minLength: 1, maxLength: 8 });
const accepted = (commandId: string): boolean => {
  try {
    parseCommand(visit(commandId));
    return true;
  } catch (error) {
    if (!(error instanceof InvalidCommand)) throw error;
    return false;
  }
};

describe('event ids derived from command ids', () => {
  it('parseCommand refuses exactly the ids that contain the separator', () => {
    fc.assert(
      fc.property(anyId, (id) => accepted(id) === !id.includes(COMMAND_ID_SEPARATOR)),
      { numRuns: 2_000 },
    );
  });

  it('two different accepted command ids never derive the same event id', () => {
    fc.assert(
      fc.property(anyId, anyId, fc.nat({ max: 12 }), fc.nat({ max: 12 }), (a, b, i, j) => {
        fc.pre(a !== b && accepted(a) && accepted(b));
        expect(eventIdFor(a, i)).not.toBe(eventIdFor(b, j));
      }),
      { numRuns: 2_000 },
    );
  });

  it('a command is recorded whatever other ids the stream holds, its derived ids included, unless its own id is stored', async () => {
    const stored = fc.uniqueArray(
      fc.oneof(
        anyId,
        anyId.map((id) => eventIdFor(id, 3)),
      ),
      { maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(anyId.filter(accepted), stored, async (commandId, ids) => {
        fc.pre(!ids.includes(commandId) && !ids.includes('s-1'));
        const ledger = createLedger({ now: () => NOW });
        await ledger.execute(sale('U-1', 's-1', 0));
        await ledger.store.append(
          'U-1',
          ids.map((id) => ({ ...imported, id })),
        );
        const result = await ledger.execute(visit(commandId));
        expect(result.repeated).toBe(false);
        expect(result.events.map((e) => e.id)).toEqual([commandId]);
        expect((await ledger.execute(visit(commandId))).repeated).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('an imported event "call#7" does not make the command "call" a repeat, and "visit#2" is refused as a command id', async () => {
    const store = createMemoryStore();
    const ledger = createLedger({ store, now: () => NOW });
    await ledger.execute(sale('U-1', 's-1', 0));
    await ledger.store.append('U-1', [{ ...imported, id: 'call#7' }]);
    const result = await ledger.execute(visit('call'));
    expect(result.repeated).toBe(false);
    expect(result.events.map((e) => e.id)).toEqual(['call']);
    await expect(ledger.execute(visit('visit#2'))).rejects.toBeInstanceOf(InvalidCommand);
    expect((await ledger.execute(visit('visit'))).repeated).toBe(false);
    expect((await store.readStream('U-1')).map((r) => r.event.id)).toEqual(['s-1', 'call#7', 'call', 'visit']);
  });
});
