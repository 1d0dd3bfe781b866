/**
 * The durable embedded store: one append-only JSONL file in the contract's interchange format (an
 * exported file and a store file are the same thing), fsynced before an append is acknowledged,
 * repaired on open after a crash, and written by one process at a time. Memory holds an offset
 * index of the file (stream-index.ts): events are read from the file when asked for.
 */
import { open } from 'node:fs/promises';
import type { EventStore, SubscribeOptions } from '../event-store.js';
import { createSubscriptionHub } from '../subscription-hub.js';
import { createAppendWriter } from './append-writer.js';
import { acquireFileLock } from './file-lock.js';
import { createStoreFile, loadStoreFile, type FileStoreRecovery } from './store-file.js';

export interface FileStoreOptions {
  /** Called once on open when something was repaired: a torn last line cut, a stale lock taken back. */
  readonly onRecover?: ((recovery: FileStoreRecovery) => void) | undefined;
  /**
   * How long the writer's lock may go without being refreshed before another writer takes it back
   * (default 10 s; the holder refreshes it every third of this). A writer whose process stalls longer
   * loses its lock and refuses further appends.
   */
  readonly lockStaleMs?: number | undefined;
}

/** A store backed by one JSONL file. */
export interface FileStore extends EventStore {
  readonly path: string;
  /** What opening the file repaired, or undefined when it was clean. */
  readonly recovery: FileStoreRecovery | undefined;
}

/**
 * Opens (creating when missing) a file store; a second writer on the same file, under any of its
 * names, gets StoreLockedError.
 * @example const store = await openFileStore('ledger.jsonl', { onRecover: (r) => console.warn(r) });
 */
export async function openFileStore(path: string, options: FileStoreOptions = {}): Promise<FileStore> {
  await createStoreFile(path);
  const lock = await acquireFileLock(path, { staleMs: options.lockStaleMs });
  let opened: {
    loaded: Awaited<ReturnType<typeof loadStoreFile>>;
    handle: Awaited<ReturnType<typeof open>>;
    size: number;
  };
  try {
    const loaded = await loadStoreFile(path);
    try {
      const handle = await open(path, 'a');
      opened = { loaded, handle, size: (await handle.stat()).size };
    } catch (error) {
      loaded.index.close();
      throw error;
    }
  } catch (error) {
    await lock.release();
    throw error;
  }
  const { loaded, handle, size } = opened;
  const { index } = loaded;
  const found: FileStoreRecovery = { ...loaded.recovery, ...(lock.staleOwner ? { staleLock: lock.staleOwner } : {}) };
  const recovery = Object.keys(found).length > 0 ? found : undefined;
  if (recovery) options.onRecover?.(recovery);

  const hub = createSubscriptionHub((after) => index.readFrom(after));
  const writer = createAppendWriter(
    path,
    handle,
    size,
    index,
    () => lock.check(),
    () => hub.notify(),
  );
  let closed: Promise<void> | null = null;

  return {
    path,
    recovery,
    append(streamId, events, appendOptions = {}) {
      return writer.append(streamId, events, appendOptions.expectedRevision ?? 'any');
    },
    async readStream(streamId) {
      return index.stream(streamId);
    },
    async *readAll(readOptions = {}) {
      yield* index.readFrom(readOptions.after);
    },
    subscribe(handler, subscribeOptions?: SubscribeOptions) {
      return hub.subscribe(handler, subscribeOptions);
    },
    close() {
      closed ??= (async () => {
        await writer.close();
        await hub.stopAll();
        await handle.close();
        index.close();
        await lock.release();
      })();
      return closed;
    },
  };
}
