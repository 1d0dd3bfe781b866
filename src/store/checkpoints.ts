/**
 * Checkpoints: the global position a projection has applied up to, saved by name so a subscription
 * resumes after it. Saving after applying gives at-least-once delivery: a crash between the two
 * replays the events since the last save, so projections skip positions they have applied.
 */
import { open, readFile, rename } from 'node:fs/promises';
import { syncDirectoryOf } from './file/store-file.js';

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

async function readPositions(path: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

async function writeDurably(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  await syncDirectoryOf(path);
}

/**
 * Checkpoints in one JSON file (`{"name": "position"}`), replaced atomically (write, fsync, rename)
 * on every save, so a crash leaves the old or the new file, never half of one.
 * @example const checkpoints = createFileCheckpointStore('ledger.checkpoints.json');
 */
export function createFileCheckpointStore(path: string): CheckpointStore {
  let saving: Promise<void> = Promise.resolve();
  return {
    async load(name) {
      await saving;
      const text = (await readPositions(path))[name];
      return text === undefined ? undefined : BigInt(text);
    },
    save(name, position) {
      const next = saving.then(async () => {
        const positions = await readPositions(path);
        if (position === undefined) delete positions[name];
        else positions[name] = position.toString();
        await writeDurably(path, `${JSON.stringify(positions, null, 2)}\n`);
      });
      saving = next.catch(() => undefined);
      return next;
    },
  };
}
