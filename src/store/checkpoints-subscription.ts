/**
 * A projection kept up to date by a catch-up subscription that resumes from its saved checkpoint.
 * The checkpoint is saved after the events it covers were applied (at least once: after a crash
 * the events since the last save come again, and the projection skips their positions).
 */
import type { CheckpointStore } from './checkpoints.js';
import type { EventStore, Subscription } from './event-store.js';
import type { Projection } from './replay.js';

export interface RunProjectionOptions {
  readonly checkpoints: CheckpointStore;
  /**
   * Save the checkpoint every this many events (default 100), or `checkpointEveryMs` after the
   * first event not yet saved, whichever comes first; it is also saved on catching up and on stop.
   * A crash replays at most that many events (delivery is at least once either way).
   */
  readonly checkpointEvery?: number | undefined;
  /** Save the checkpoint at most this long (ms) after an event applied but not yet saved (default 1000). */
  readonly checkpointEveryMs?: number | undefined;
  /** Called once everything stored when the subscription started has been applied and checkpointed. */
  readonly onCaughtUp?: (() => void) | undefined;
  /** Called if the projection or the store fails; delivery has stopped. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/**
 * Runs a projection from its checkpoint, then live; stop() saves the last checkpoint.
 * @example const running = await runProjection(store, histories, { checkpoints: createFileCheckpointStore('checkpoints.json') });
 */
export async function runProjection(
  store: EventStore,
  projection: Projection,
  options: RunProjectionOptions,
): Promise<Subscription> {
  const every = Math.max(1, options.checkpointEvery ?? 100);
  const everyMs = Math.max(1, options.checkpointEveryMs ?? 1000);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancelTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const after = await options.checkpoints.load(projection.name);
  let applied = after;
  let saved = after;
  let saving: Promise<void> = Promise.resolve();

  function save(): Promise<void> {
    cancelTimer();
    const next = saving
      .catch(() => undefined)
      .then(async () => {
        const position = applied;
        if (position === undefined || position === saved) return;
        await options.checkpoints.save(projection.name, position);
        saved = position;
      });
    saving = next;
    return next;
  }

  let sinceSave = 0;
  const subscription = store.subscribe(
    async (recorded) => {
      await projection.apply(recorded);
      applied = recorded.position;
      if (++sinceSave >= every) {
        sinceSave = 0;
        await save();
      } else if (timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          sinceSave = 0;
          save().catch((error: unknown) => options.onError?.(error));
        }, everyMs);
      }
    },
    {
      after,
      onCaughtUp: () => {
        save().then(
          () => options.onCaughtUp?.(),
          (error: unknown) => options.onError?.(error),
        );
      },
      onError: options.onError,
    },
  );

  return {
    async stop() {
      await subscription.stop();
      cancelTimer();
      await save();
    },
  };
}
