/**
 * Commands at the boundary: a command that is not one, typed or not,
 * is refused with InvalidCommand before anything is read or stored, and the store stays readable;
 * a command may not occur later than the recording clock plus its skew.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createLedger,
  InvalidCommand,
  isInvalidCommand,
  isLedgerError,
  parseCommand,
  parseEvent,
  type EventStore,
  type UnitCommand,
} from '../../src/index.js';
import type { FileStore } from '../../src/node.js';
import { sale, tickingClock } from './support/commands.js';
import { fileKind, memoryKind, type StoreKind } from './support/stores.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const clock = () => NOW;

const fault = (occurredAt: string, data: Record<string, unknown> = {}): UnitCommand =>
  ({
    type: 'ReportFault',
    commandId: 'f-1',
    unitId: 'U-1',
    occurredAt,
    data: {
      faultId: 'F-1',
      component: 'unit',
      problemCode: 'noisy',
      severity: 'general',
      outOfService: false,
      ...data,
    },
  }) as UnitCommand;

async function refusal(work: Promise<unknown>): Promise<InvalidCommand> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidCommand);
  return error as InvalidCommand;
}

async function eventsOf(store: EventStore): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of store.readAll()) out.push(r.event);
  return out;
}

const opened: EventStore[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
});

describe.each([memoryKind, fileKind])('commands at the boundary on $name', (kind: StoreKind) => {
  async function sold(): Promise<{ store: EventStore; ledger: ReturnType<typeof createLedger> }> {
    const store = await kind.open();
    opened.push(store);
    const ledger = createLedger({ store, now: clock });
    await ledger.execute(sale('U-1', 's-1', 0));
    return { store, ledger };
  }

  it('refuses a typed command whose occurredAt is a date without a time, stores nothing, and the unit stays usable', async () => {
    const { store, ledger } = await sold();
    const before = kind.name === 'file' ? readFileSync((store as FileStore).path) : undefined;
    const error = await refusal(ledger.execute(fault('2025-03-01')));
    expect(error.issues).toEqual([
      { field: 'occurredAt', reason: 'expected an ISO 8601 timestamp with an offset, such as 2025-03-01T09:00:00Z' },
    ]);
    expect(error.commandId).toBe('f-1');
    expect(isLedgerError(error) && isInvalidCommand(error)).toBe(true);
    expect(await eventsOf(store)).toHaveLength(1);
    if (before) expect(readFileSync((store as FileStore).path)).toEqual(before);
    const reopened = await kind.reopen(store);
    opened.push(reopened);
    const again = createLedger({ store: reopened, now: clock });
    await again.execute(fault('2025-03-01T10:00:00Z'));
    expect((await again.unit('U-1'))!.view.status).toBe('active');
  });

  it('refuses untyped values (JSON from a request) with every issue as field: why', async () => {
    const { store, ledger } = await sold();
    const bad = await refusal(
      ledger.execute(fault('2025-03-01T10:00:00Z', { severity: 'minor', outOfService: 'yes' })),
    );
    expect(bad.issues).toEqual([
      { field: 'data.severity', reason: 'expected general, serious or urgent, got "minor"' },
      { field: 'data.outOfService', reason: 'expected boolean, got "yes"' },
    ]);
    expect(bad.message).toBe(
      'invalid command "f-1": data.severity: expected general, serious or urgent, got "minor"; data.outOfService: expected boolean, got "yes"',
    );
    const lacking = {
      type: 'RegisterSale',
      commandId: 's-2',
      unitId: 'U-2',
      occurredAt: '2025-03-01T10:00:00Z',
      data: { policyId: 'standard-1y' },
    } as unknown as UnitCommand;
    expect((await refusal(ledger.execute(lacking))).issues.map((i) => i.field)).toEqual([
      'data.serialNumber',
      'data.brand',
      'data.model',
      'data.customerId',
    ]);
    for (const value of [
      null,
      'ReportFault',
      [],
      { type: 'Explode', commandId: 'x', unitId: 'U-1', occurredAt: '2025-03-01T10:00:00Z', data: {} },
    ]) {
      await refusal(ledger.execute(value as unknown as UnitCommand));
    }
    expect(await eventsOf(store)).toHaveLength(1);
  });

  it('refuses a command that occurs later than the clock plus the skew (5 minutes by default, an option)', async () => {
    const { store, ledger } = await sold();
    const future = await refusal(ledger.execute(fault('2099-03-01T00:00:00Z')));
    expect(future.issues[0]).toMatchObject({ field: 'occurredAt' });
    expect(future.issues[0]!.reason).toMatch(
      /^2099-03-01T00:00:00Z is later than the recording clock \(2025-06-01T00:00:00\.000Z\) by more than 5 minutes/,
    );
    const strict = createLedger({ store, now: clock, clockSkewMs: 0 });
    await refusal(strict.execute(fault('2025-06-01T00:00:01Z')));
    expect(await eventsOf(store)).toHaveLength(1);
    const result = await ledger.execute(fault('2025-06-01T00:04:59+00:00'));
    expect(result.repeated).toBe(false);
    expect(await eventsOf(store)).toHaveLength(2);
  });
});

describe('parseCommand', () => {
  it('returns a fresh copy the caller cannot change afterwards, and checks the clock only when given one', () => {
    const command = sale('U-9', 'c-9', 0);
    const parsed = parseCommand(command);
    expect(parsed).toEqual(command);
    expect(parsed).not.toBe(command);
    expect(parsed.data).not.toBe(command.data);
    const later = { ...command, occurredAt: '2099-01-01T00:00:00Z' };
    expect(parseCommand(later).occurredAt).toBe('2099-01-01T00:00:00Z');
    expect(() => parseCommand(later, { now: tickingClock()() })).toThrow(InvalidCommand);
  });

  it('accepts exactly the commands whose event the reader accepts (a valid command always records a readable event)', () => {
    const event = (c: UnitCommand) =>
      parseEvent({
        id: c.commandId,
        type: 'FaultReported',
        unitId: c.unitId,
        occurredAt: c.occurredAt,
        recordedAt: c.occurredAt,
        data: c.data,
      });
    for (const occurredAt of [
      '2025-03-01T10:00:00Z',
      '2025-03-01T10:00+08:00',
      '2025-03-01T10:00:00.123456789-05:00',
      '2025-02-29T00:00:00Z',
      '2025-03-01T24:00:00Z',
      '2025-03-01T10:00:00',
      'now',
    ]) {
      const command = fault(occurredAt);
      const readable = !(event(command) instanceof Error);
      let outcome: unknown;
      try {
        outcome = parseCommand(command);
      } catch (error) {
        outcome = error;
      }
      expect(readable ? outcome : isInvalidCommand(outcome), occurredAt).toEqual(readable ? command : true);
    }
  });
});
