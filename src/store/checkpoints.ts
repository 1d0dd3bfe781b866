/**
 * Checkpoints: the global position a projection has applied up to, saved by name so a subscription
 * resumes after it. Saving after applying gives at-least-once delivery: a crash between the two
 * replays the events since the last save, so projections skip positions they have applied.
 * The file-backed store, createFileCheckpointStore, is in file/file-checkpoints.ts (warranty-ledger/node).
 */

/** Where checkpoints live: a position per projection name; `undefined` means "from the beginning". */
export interface CheckpointStore {
  load(name: string): Promise<bigint | undefined>;
  /** Saves a position (or clears it with `undefined`, to rebuild from the beginning). */
  save(name: string, position: bigint | undefined): Promise<void>;
}

/**
 * Checkpoints held in memory, for tests and for projections rebuilt on every start.
 * @example const checkpoints = createMemoryCheckpointStore();
 */
export function createMemoryCheckpointStore(): CheckpointStore {
  const positions = new Map<string, bigint>();
  return {
    async load(name) {
      return positions.get(name);
    },
    async save(name, position) {
      if (position === undefined) positions.delete(name);
      else positions.set(name, position);
    },
  };
}
