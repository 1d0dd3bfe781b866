/**
 * A ledger for embedding: a store (in memory by default), the policies and a clock, with commands
 * in and views out. This is the library's edge; the rules underneath are pure.
 */
import type { UnitEvent } from '../events/envelope.js';
import { createPolicyBook, type PolicyBook } from '../policy/resolve.js';
import { projectUnit, projectUnits, type ProjectionOptions, type UnitProjection } from '../projections/project.js';
import type { EventStore } from '../store/event-store.js';
import { withHashChain } from '../store/hash-chain.js';
import type { Sha256 } from '../store/sha256.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { timed } from '../unit/order.js';
import type { UnitCommand } from '../unit/command-schema.js';
import { handleCommand, type CommandResult } from './handle-command.js';

export interface LedgerOptions {
  readonly store?: EventStore;
  readonly policies?: PolicyBook;
  /** The clock for `recordedAt` and for views without `asOf` (default: the system clock). */
  readonly now?: () => Date;
  readonly maxRetries?: number;
  /**
   * How far a command's `occurredAt` may run ahead of `now` before it is refused as InvalidCommand
   * (default 5 minutes, DEFAULT_CLOCK_SKEW_MS): what has not happened yet cannot be recorded.
   */
  readonly clockSkewMs?: number;
  /** Seal every append into its stream's hash chain (default true; see withHashChain). */
  readonly hashChain?: boolean;
  /** The chain's SHA-256 (default the portable one, which runs anywhere; `nodeSha256` from `warranty-ledger/node` is faster on Node). */
  readonly hash?: Sha256;
}

type ViewOptions = Partial<Omit<ProjectionOptions, 'policies'>>;

export interface Ledger {
  readonly store: EventStore;
  readonly policies: PolicyBook;
  /** Records a command (see handleCommand); a value that is not a valid command is refused with InvalidCommand and stores nothing. */
  execute(command: UnitCommand): Promise<CommandResult>;
  /** One unit's projection as of a moment (now by default); undefined when it has no events by then. */
  unit(unitId: string, options?: ViewOptions): Promise<UnitProjection | undefined>;
  /** Every unit's projection. */
  units(options?: ViewOptions): Promise<Map<string, UnitProjection>>;
  /** Every stored event, in global order. */
  events(): Promise<UnitEvent[]>;
}

/**
 * Creates a ledger.
 * @example const ledger = createLedger(); await ledger.execute(command); (await ledger.unit('U-1'))?.view
 */
export function createLedger(options: LedgerOptions = {}): Ledger {
  const given = options.store ?? createMemoryStore();
  const store = options.hashChain === false ? given : withHashChain(given, options.hash ? { hash: options.hash } : {});
  const policies = options.policies ?? createPolicyBook();
  const now = options.now ?? (() => new Date());
  const projection = (o: ViewOptions): ProjectionOptions => ({ asOf: o.asOf ?? now(), knownAt: o.knownAt, policies });
  async function events(): Promise<UnitEvent[]> {
    const all: UnitEvent[] = [];
    for await (const r of store.readAll()) all.push(r.event);
    return all;
  }
  return {
    store,
    policies,
    execute: (command) =>
      handleCommand(store, command, {
        policies,
        now,
        maxRetries: options.maxRetries,
        clockSkewMs: options.clockSkewMs,
      }),
    async unit(unitId, o = {}) {
      const stream = await store.readStream(unitId);
      return projectUnit(
        stream.map((r, i) => timed(r.event, i)),
        projection(o),
      );
    },
    async units(o = {}) {
      return projectUnits(await events(), projection(o));
    },
    events,
  };
}
