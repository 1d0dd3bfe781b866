/**
 * Checkpoints in a JSON file (`warranty-ledger/node`): see CheckpointStore in ../checkpoints.ts.
 */
import { open, readFile, rename } from 'node:fs/promises';
import type { CheckpointStore } from '../checkpoints.js';
import { syncDirectoryOf } from './store-file.js';

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
