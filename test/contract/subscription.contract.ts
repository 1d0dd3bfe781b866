/**
 * The subscription half of the store contract: catch-up then live, resuming from a checkpoint,
 * handler failures, and at-least-once redelivery into a projection idempotent by position.
 */
import { expect, it } from 'vitest';
import { createMemoryCheckpointStore, type CheckpointStore } from '../../src/store/checkpoints.js';
import { runProjection } from '../../src/store/checkpoints-subscription.js';
import type { EventStore, RecordedEvent } from '../../src/store/event-store.js';
import { createUnitHistories } from '../../src/store/replay.js';
import { freshUnitId, idsOf, increasing, readAllOf, visit, visits, waitUntil } from './helpers.js';

export function describeSubscriptionContract(open: () => Promise<EventStore>): void {
  it('subscribes: stored events, then caught up, then live ones in order, one handler call at a time', async () => {
    const store = await open();
    const unit = freshUnitId();
    await store.append(unit, visits(unit, 0, 3));
    const seen: RecordedEvent[] = [];
    let caughtUpAt = -1;
    let running = 0;
    let overlapped = false;
    const subscription = store.subscribe(
      async (recorded) => {
        overlapped ||= ++running > 1;
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(recorded);
        running--;
      },
      { onCaughtUp: () => (caughtUpAt = seen.length) },
    );
    await waitUntil(() => caughtUpAt >= 0, 'caught up');
    expect(caughtUpAt).toBeGreaterThanOrEqual(3);
    await store.append(unit, [visit(unit, 3)]);
    await store.append(unit, [visit(unit, 4)]);
    await waitUntil(() => seen.length >= 5, 'live events');
    await subscription.stop();
    expect(idsOf(seen)).toEqual(visits(unit, 0, 5).map((e) => e.id));
    expect(increasing(seen)).toBe(true);
    expect(overlapped).toBe(false);
    await store.append(unit, [visit(unit, 5)]);
    expect((await store.readStream(unit)).length).toBe(6);
    expect(seen).toHaveLength(5);
  });

  it('subscribes from a checkpoint: only events after it', async () => {
    const store = await open();
    const unit = freshUnitId();
    await store.append(unit, visits(unit, 0, 4));
    const all = await readAllOf(store);
    const seen: string[] = [];
    let caughtUp = false;
    const subscription = store.subscribe((r) => void seen.push(r.event.id), {
      after: all[1]!.position,
      onCaughtUp: () => (caughtUp = true),
    });
    await waitUntil(() => caughtUp, 'caught up');
    await subscription.stop();
    expect(seen).toEqual(idsOf(all.slice(2)));
  });

  it('stops on a handler error and reports it', async () => {
    const store = await open();
    const unit = freshUnitId();
    await store.append(unit, visits(unit, 0, 3));
    const seen: string[] = [];
    let failure: unknown;
    const subscription = store.subscribe(
      (r) => {
        if (r.revision === 1) throw new Error('projection failed');
        seen.push(r.event.id);
      },
      { onError: (error) => (failure = error) },
    );
    await waitUntil(() => failure !== undefined, 'the error');
    await store.append(unit, [visit(unit, 3)]);
    await subscription.stop();
    expect((failure as Error).message).toBe('projection failed');
    expect(seen).toEqual([visit(unit, 0).id]);
  });

  it('runs a projection from its saved checkpoint after a restart', async () => {
    const store = await open();
    const unit = freshUnitId();
    const checkpoints = createMemoryCheckpointStore();
    await store.append(unit, visits(unit, 0, 2));
    const first = createUnitHistories('contract-resume');
    let caughtUp = false;
    const running = await runProjection(store, first, { checkpoints, onCaughtUp: () => (caughtUp = true) });
    await waitUntil(() => caughtUp, 'first run caught up');
    await running.stop();
    expect(await checkpoints.load('contract-resume')).toBe(first.position);
    await store.append(unit, visits(unit, 2, 2));
    const second = createUnitHistories('contract-resume');
    caughtUp = false;
    const resumed = await runProjection(store, second, { checkpoints, onCaughtUp: () => (caughtUp = true) });
    await waitUntil(() => caughtUp, 'second run caught up');
    await resumed.stop();
    expect(second.events().map((e) => e.id)).toEqual(visits(unit, 2, 2).map((e) => e.id));
    expect(await checkpoints.load('contract-resume')).toBe(second.position);
  });

  it('redelivers after a lost checkpoint (at least once); a projection idempotent by position applies each event once', async () => {
    const store = await open();
    const unit = freshUnitId();
    await store.append(unit, visits(unit, 0, 4));
    const durable = createMemoryCheckpointStore();
    let crashed = false;
    const crashing: CheckpointStore = {
      load: (name) => durable.load(name),
      save: async (name, position) => {
        if (crashed) return;
        await durable.save(name, position);
        crashed = true;
      },
    };
    const histories = createUnitHistories('contract-redelivery');
    const deliveries: string[] = [];
    const projection = {
      name: histories.name,
      apply: (r: RecordedEvent) => {
        deliveries.push(r.event.id);
        return histories.apply(r);
      },
    };
    let caughtUp = false;
    const first = await runProjection(store, projection, {
      checkpoints: crashing,
      checkpointEvery: 1,
      onCaughtUp: () => (caughtUp = true),
    });
    await waitUntil(() => caughtUp, 'first run caught up');
    await first.stop();
    caughtUp = false;
    const second = await runProjection(store, projection, {
      checkpoints: durable,
      onCaughtUp: () => (caughtUp = true),
    });
    await waitUntil(() => caughtUp, 'second run caught up');
    await second.stop();
    expect(deliveries.length).toBeGreaterThan(4);
    expect(deliveries.filter((id) => id === visit(unit, 1).id)).toHaveLength(2);
    expect(histories.events().map((e) => e.id)).toEqual(visits(unit, 0, 4).map((e) => e.id));
  });
}
