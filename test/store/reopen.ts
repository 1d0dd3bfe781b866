/** Reopening a file store whose writer was killed: its lock is taken back once its stale age has passed. */
import { StoreLockedError } from '../../src/store/file/file-lock.js';
import { openFileStore, type FileStore, type FileStoreOptions } from '../../src/store/file/file-store.js';

/** Opens the store, retrying while a killed writer's lock is not stale yet (up to `timeoutMs`). */
export async function reopenAfterCrash(
  path: string,
  options: FileStoreOptions = {},
  timeoutMs = 15_000,
): Promise<FileStore> {
  for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    try {
      return await openFileStore(path, options);
    } catch (error) {
      if (!(error instanceof StoreLockedError) || Date.now() - started > timeoutMs) throw error;
    }
  }
}
