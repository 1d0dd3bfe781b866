/**
 * Model-based tests at the command level: random sequences of commands across 3 to 5
 * units, run through the ledger on each store and through a model far simpler than the system
 * (support/model.ts). After every step the store's history (ids, order, no duplicates, intact hash
 * chains) and the ledger's view (sold, failed repairs per problem, replacements owed and given)
 * agree with the model. Commands are recorded, refused by the rule the model names, repeated
 * (nothing stored twice, the same events returned), and on the file store the store is reopened.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CommandRejected,
  createLedger,
  verifyChains,
  type EventStore,
  type Ledger,
  type UnitCommand,
} from '../../src/index.js';
import { fault, maintenance, repair, replace, sale, tickingClock } from './support/commands.js';
import {
  decideInModel,
  failedRepairsOf,
  initialModel,
  type Model,
  type ModelCommand,
  type ModelUnit,
} from './support/model.js';
import { esdbKind, fileKind, memoryKind, type StoreKind } from './support/stores.js';

interface Real {
  store: EventStore;
  ledger: Ledger;
  readonly kind: StoreKind;
  readonly now: () => Date;
  readonly unitIds: string[];
  /** Accepted commands, for repeats. */
  readonly sent: Map<string, UnitCommand>;
}

const PROBLEMS = ['noisy', 'leak'] as const;
const AS_OF = new Date('2025-06-01T00:00:00Z');
const tally = {
  sequences: 0,
  commands: 0,
  checks: 0,
  accepted: 0,
  rejected: 0,
  repeats: 0,
  reopens: 0,
  replacementsOwed: 0,
};
const esdb = esdbKind();

afterAll(async () => {
  await esdb.stop();
  console.log(
    `model-based: ${tally.sequences} sequences tried, ${tally.commands} commands (${tally.accepted} recorded, ${tally.rejected} refused, ${tally.repeats} repeats, ${tally.reopens} reopens; ` +
      `${tally.replacementsOwed} replacements owed), ${tally.checks} store/view/chain checks against the model, 0 disagreements`,
  );
});

type Spec =
  | { readonly type: 'sell' }
  | { readonly type: 'report'; readonly problem: number }
  | { readonly type: 'repair'; readonly pick: number; readonly outcome: 'fixed' | 'failed' }
  | { readonly type: 'replace'; readonly reason: 'repeated-failure' | 'goodwill' }
  | { readonly type: 'maintain' };

/** The generated spec made concrete against the model: fault ids come from what the unit has (or one it lacks). */
function resolve(spec: Spec, unit: ModelUnit): ModelCommand {
  switch (spec.type) {
    case 'report':
      return { type: 'report', faultId: `F-${unit.nextFault}`, problemCode: PROBLEMS[spec.problem % PROBLEMS.length]! };
    case 'repair': {
      const faults = [...unit.faults.keys()];
      return { type: 'repair', faultId: faults[spec.pick % (faults.length + 1)] ?? 'F-none', outcome: spec.outcome };
    }
    default:
      return spec;
  }
}

function toCommand(command: ModelCommand, unitId: string, commandId: string, minutes: number): UnitCommand {
  switch (command.type) {
    case 'sell':
      return sale(unitId, commandId, minutes);
    case 'report':
      return fault(unitId, commandId, command.faultId, command.problemCode, minutes);
    case 'repair':
      return repair(unitId, commandId, command.faultId, command.outcome, minutes);
    case 'replace':
      return replace(unitId, commandId, command.reason, minutes);
    case 'maintain':
      return maintenance(unitId, commandId, minutes);
  }
}

/** The store's history and the ledger's views against the model. */
async function agree(m: Model, r: Real): Promise<void> {
  tally.checks++;
  const streams = [];
  for (const [u, unit] of m.units.entries()) {
    // A unit the model says has no events is proven empty by the $all read below (reading a missing
    // stream costs the EventStoreDB test double an HTTP/2 stream reset: see support/stores.ts).
    if (unit.events.length === 0) continue;
    const unitId = r.unitIds[u]!;
    const events = (await r.store.readStream(unitId)).map((x) => x.event);
    expect(events.map((e) => e.id)).toEqual(unit.events);
    streams.push({ streamId: unitId, events });
    const view = (await r.ledger.unit(unitId, { asOf: AS_OF }))!.view;
    expect(view.status).toBe('active');
    expect([...view.failedRepairs].sort((a, b) => a.problemCode.localeCompare(b.problemCode))).toEqual(
      failedRepairsOf(unit),
    );
    const replacements = view.entitlements.filter((e) => e.kind === 'replacement');
    expect(replacements.filter((e) => e.status === 'open')).toHaveLength(unit.replacementsOpen);
    expect(replacements.filter((e) => e.status === 'fulfilled')).toHaveLength(unit.replacementsFulfilled);
  }
  const all: string[] = [];
  for await (const x of r.store.readAll()) all.push(x.event.id);
  expect(all).toEqual(m.all);
  const chains = verifyChains(streams);
  expect(chains.breaks).toEqual([]);
  expect(chains.sealed).toBe(m.all.length);
}

class Execute implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly unit: number,
    readonly spec: Spec,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    tally.commands++;
    const u = this.unit % m.units.length;
    const unit = m.units[u]!;
    const commandId = `c-${++m.step}`;
    const command = resolve(this.spec, unit);
    const outcome = decideInModel(unit, command);
    const sent = toCommand(command, r.unitIds[u]!, commandId, m.step * 30);
    const result = await r.ledger.execute(sent).catch((e: unknown) => e);
    if (outcome.kind === 'rejected') {
      expect(result).toBeInstanceOf(CommandRejected);
      expect(result).toMatchObject({ rule: outcome.rule });
      tally.rejected++;
    } else {
      if (result instanceof Error) throw result;
      const { events, repeated } = result as Awaited<ReturnType<Ledger['execute']>>;
      expect(repeated).toBe(false);
      expect(events.map((e) => e.id)).toEqual([commandId]);
      const owed = unit.replacementsOpen;
      outcome.apply();
      tally.accepted++;
      tally.replacementsOwed += Math.max(0, unit.replacementsOpen - owed);
      unit.events.push(commandId);
      m.all.push(commandId);
      m.accepted.set(commandId, { unit: u, events });
      m.acceptedIds.push(commandId);
      r.sent.set(commandId, sent);
    }
    await agree(m, r);
  }
  toString = () => `execute(U${this.unit}, ${JSON.stringify(this.spec)})`;
}

/** Sends an accepted command again (a retry after a lost reply): nothing is stored, the same events come back. */
class Repeat implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.acceptedIds.length > 0;
  async run(m: Model, r: Real): Promise<void> {
    tally.commands++;
    const commandId = m.acceptedIds[this.pick % m.acceptedIds.length]!;
    const result = await r.ledger.execute(r.sent.get(commandId)!);
    tally.repeats++;
    expect(result.repeated).toBe(true);
    expect(result.events).toEqual(m.accepted.get(commandId)!.events);
    await agree(m, r);
  }
  toString = () => `repeat(${this.pick})`;
}

/** Closes the store and opens it again (the file store reads its file back). */
class Reopen implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    tally.commands++;
    tally.reopens++;
    r.store = await r.kind.reopen(r.store);
    r.ledger = createLedger({ store: r.store, now: r.now });
    await agree(m, r);
  }
  toString = () => 'reopen';
}

// Low unit indexes come up more often, so some units get long enough histories to be owed a replacement.
const unitIndex = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat({ max: 4 }), weight: 2 });
const spec: fc.Arbitrary<Spec> = fc.oneof(
  { arbitrary: fc.constant({ type: 'sell' as const }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('report' as const), problem: fc.nat() }), weight: 3 },
  {
    arbitrary: fc.record({
      type: fc.constant('repair' as const),
      pick: fc.nat(),
      outcome: fc.constantFrom('fixed' as const, 'failed' as const, 'failed' as const),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      type: fc.constant('replace' as const),
      reason: fc.constantFrom('repeated-failure' as const, 'goodwill' as const),
    }),
    weight: 1,
  },
  { arbitrary: fc.constant({ type: 'maintain' as const }), weight: 1 },
);

function commandsFor(kind: StoreKind) {
  const execute = fc.tuple(unitIndex, spec).map(([u, s]) => new Execute(u, s));
  // fc.commands picks its arbitraries evenly: listing `execute` six times weighs it 6 to 1.
  const arbitraries: fc.Arbitrary<fc.AsyncCommand<Model, Real>>[] = [
    ...Array(6).fill(execute),
    fc.nat().map((pick) => new Repeat(pick)),
  ];
  if (kind.name !== 'memory') arbitraries.push(fc.constant(new Reopen()));
  return fc.commands(arbitraries, { maxCommands: 40, size: 'large' });
}

const RUNS: Record<StoreKind['name'], number> = { memory: 150, file: 50, esdb: 20 };

describe.each([memoryKind, fileKind, esdb] as StoreKind[])('model-based commands on $name', (kind) => {
  it('keeps the store history, the hash chains and the views in step with the model, after every command', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 3, max: 5 }), commandsFor(kind), async (unitCount, commands) => {
        tally.sequences++;
        const store = await kind.open();
        const now = tickingClock();
        const real: Real = {
          store,
          ledger: createLedger({ store, now }),
          kind,
          now,
          unitIds: Array.from({ length: unitCount }, (_, i) => `U-${i}`),
          sent: new Map(),
        };
        try {
          await fc.asyncModelRun(() => ({ model: initialModel(unitCount), real }), commands);
        } finally {
          await real.store.close();
        }
      }),
      { numRuns: RUNS[kind.name] },
    );
  });
});
