/**
 * Projections fed from a store, and replay: every unit's events read from the store, in global
 * order, into one or more projections, with progress reports along the way.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { CheckpointStore } from './checkpoints.js';
import type { EventStore, RecordedEvent } from './event-store.js';

/** A read model fed from a store in global order. */
export interface Projection {
  /** Names the projection's checkpoint. */
  readonly name: string;
  /** Applies one event; delivery is at least once, so skip a position already applied. */
  apply(recorded: RecordedEvent): void | Promise<void>;
}

/** A projection that keeps every unit's events: the input of `projectUnits`. */
export interface UnitHistories extends Projection {
  /** Each unit's events, in store order. */
  readonly units: ReadonlyMap<string, readonly UnitEvent[]>;
  /** The position of the last event applied, undefined before the first. */
  readonly position: bigint | undefined;
  /** Every event applied, in store order. */
  events(): UnitEvent[];
}

/**
 * Collects each unit's events, idempotent by position (an event delivered again is skipped).
 * @example const histories = createUnitHistories(); await replayAll(store, [histories]); projectUnits(histories.events(), { asOf });
 */
export function createUnitHistories(name = 'unit-histories'): UnitHistories {
  const units = new Map<string, UnitEvent[]>();
  const all: UnitEvent[] = [];
  let position: bigint | undefined;
  return {
    name,
    units,
    get position() {
      return position;
    },
    apply(recorded) {
      if (position !== undefined && recorded.position <= position) return;
      const list = units.get(recorded.streamId);
      if (list) list.push(recorded.event);
      else units.set(recorded.streamId, [recorded.event]);
      all.push(recorded.event);
      position = recorded.position;
    },
    events: () => [...all],
  };
}

/** How far a replay has come: events and distinct units read, and the last position. */
export interface ReplayProgress {
  readonly events: number;
  readonly units: number;
  readonly position: bigint | undefined;
  /** True on the last report, once everything stored has been applied. */
  readonly done: boolean;
}

export interface ReplayOptions {
  /** Called every `progressEvery` events (default 1000) and once at the end. */
  readonly onProgress?: ((progress: ReplayProgress) => void) | undefined;
  readonly progressEvery?: number | undefined;
  /** When given, each projection's checkpoint is saved at the end, so `runProjection` resumes after the replay. */
  readonly checkpoints?: CheckpointStore | undefined;
}

/**
 * Replays every unit from the store into the projections (from the beginning: this is how a
 * projection is rebuilt), reporting progress.
 * @example await replayAll(store, [histories], { onProgress: (p) => console.error(`${p.events} events, ${p.units} units`) });
 */
export async function replayAll(
  store: EventStore,
  projections: readonly Projection[],
  options: ReplayOptions = {},
): Promise<ReplayProgress> {
  const every = Math.max(1, options.progressEvery ?? 1000);
  const units = new Set<string>();
  let events = 0;
  let position: bigint | undefined;
  for await (const recorded of store.readAll()) {
    for (const projection of projections) await projection.apply(recorded);
    units.add(recorded.streamId);
    position = recorded.position;
    if (++events % every === 0) options.onProgress?.({ events, units: units.size, position, done: false });
  }
  const progress = { events, units: units.size, position, done: true };
  if (options.checkpoints) {
    for (const projection of projections) await options.checkpoints.save(projection.name, position);
  }
  options.onProgress?.(progress);
  return progress;
}
