/**
 * decide and the fold judge a command by one predicate: for a charge, a replacement, a completed
 * return and an extension recorded after a generated history, decide refuses it with rule R exactly
 * when folding the event it would record flags that event under R (an anomaly or a note).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPolicyBook,
  decide,
  fold,
  isCommandRejected,
  type UnitCommand,
  type UnitEvent,
} from '../../src/index.js';
import { unitHistory } from '../support/arbitraries.js';

const policies = createPolicyBook();
const COMPONENTS = ['unit', 'compressor', 'tank', 'parts', 'fan-motor', 'pump'];

/** What decide says: the rule it refuses with, or null when it records the command. */
function refusal(command: UnitCommand, history: readonly UnitEvent[]): string | null {
  const policy = policies.resolve((history[0] as Extract<UnitEvent, { type: 'UnitSold' }>).data.policyId);
  try {
    decide(command, fold(history, policy), policy);
    return null;
  } catch (error) {
    if (isCommandRejected(error)) return error.rule;
    throw error;
  }
}

/** What the fold says of the same command's event: the rules that flag it. */
function flags(command: UnitCommand, history: readonly UnitEvent[], rules: readonly string[]): string[] {
  const policy = policies.resolve((history[0] as Extract<UnitEvent, { type: 'UnitSold' }>).data.policyId);
  const type = {
    RecordRepair: 'RepairCompleted',
    ReplaceUnit: 'UnitReplaced',
    CompleteReturn: 'ReturnCompleted',
    ExtendWarranty: 'WarrantyExtended',
  }[command.type as string]!;
  const event = {
    id: command.commandId,
    type,
    unitId: command.unitId,
    occurredAt: command.occurredAt,
    recordedAt: command.occurredAt,
    data: command.data,
  } as UnitEvent;
  const before = fold(history, policy);
  const after = fold([...history, event], policy);
  const found = [
    ...after.anomalies
      .slice(before.anomalies.length)
      .filter((a) => a.eventIds.includes(event.id))
      .map((a) => a.rule),
    ...after.notes
      .slice(before.notes.length)
      .filter((n) => n.eventId === event.id)
      .map((n) => n.rule),
  ];
  return found.filter((rule) => rules.includes(rule));
}

const later = (history: readonly UnitEvent[], days: number) =>
  new Date(Math.max(...history.map((e) => Date.parse(e.occurredAt))) + days * 86_400_000 + 60_000).toISOString();

const candidate = fc.record({
  kind: fc.nat(3),
  pick: fc.nat(),
  days: fc.integer({ min: 0, max: 400 }),
  reason: fc.constantFrom('repeated-failure', 'downtime', 'unboxing-defect', 'goodwill'),
});

function commandOf(
  history: readonly UnitEvent[],
  c: { kind: number; pick: number; days: number; reason: string },
): { command: UnitCommand; rules: string[] } | undefined {
  const faults = history.flatMap((e) => (e.type === 'FaultReported' ? [e.data.faultId] : []));
  const returns = history.flatMap((e) => (e.type === 'ReturnRequested' ? [e.data.returnId] : []));
  const base = { commandId: 'probe', unitId: 'U-1', occurredAt: later(history, c.days) };
  switch (c.kind) {
    case 0:
      if (faults.length === 0) return undefined;
      return {
        command: {
          ...base,
          type: 'RecordRepair',
          data: {
            faultId: faults[c.pick % faults.length]!,
            outcome: 'fixed',
            charged: { amount: 120, currency: 'CNY' },
          },
        },
        rules: ['charged-while-covered'],
      };
    case 1:
      return {
        command: { ...base, type: 'ReplaceUnit', data: { newSerialNumber: 'SN-NEW', reason: c.reason as 'goodwill' } },
        rules: ['replacement-without-entitlement'],
      };
    case 2:
      if (returns.length === 0) return undefined;
      return {
        command: {
          ...base,
          type: 'CompleteReturn',
          data: { returnId: returns[c.pick % returns.length]!, refund: { amount: 3000, currency: 'CNY' } },
        },
        rules: ['refund-outside-window', 'refund-without-entitlement'],
      };
    default:
      return {
        command: {
          ...base,
          type: 'ExtendWarranty',
          data: { months: 6, component: COMPONENTS[c.pick % COMPONENTS.length]!, reason: 'purchased' },
        },
        rules: ['warranty-extension'],
      };
  }
}

describe('decide refuses what the fold flags, by the same predicates', () => {
  it('for charges, replacements, completed returns and extensions after any recorded history', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(unitHistory('U-1', { maxSteps: 25 }), candidate, (history, c) => {
        if (history[0]?.type !== 'UnitSold' || history.some((e) => e.type === 'ReturnCompleted')) return;
        const probe = commandOf(history, c);
        if (!probe) return;
        const refused = refusal(probe.command, history);
        const flagged = flags(probe.command, history, probe.rules);
        expect(flagged.length).toBeLessThanOrEqual(1);
        expect(refused, `${probe.command.type} ${JSON.stringify(probe.command.data)}`).toBe(flagged[0] ?? null);
        seen.add(`${probe.command.type}:${refused === null ? 'recorded' : refused}`);
      }),
      { numRuns: 400 },
    );
    // Both answers occur for every command kind, so the property compares something each time.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'ExtendWarranty:recorded',
        'ExtendWarranty:warranty-extension',
        'RecordRepair:charged-while-covered',
        'RecordRepair:recorded',
        'ReplaceUnit:recorded',
        'ReplaceUnit:replacement-without-entitlement',
        'CompleteReturn:refund-without-entitlement',
      ]),
    );
  });
});
