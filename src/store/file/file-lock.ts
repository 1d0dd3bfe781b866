/**
 * One writer per store file: a lock file beside it, created with O_EXCL and holding the owner's
 * pid and host. A lock whose process is gone on this host is stale and is taken over (and reported);
 * a lock from a live process, another host or an unreadable lock is refused with StoreLockedError.
 */
import { hostname } from 'node:os';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { LedgerError } from '../../errors.js';

/** A second writer tried to open a store file that another process holds. */
export class StoreLockedError extends LedgerError {
  override name = 'StoreLockedError' as const;
  constructor(
    readonly lockPath: string,
    readonly pid: number | undefined,
    readonly host: string | undefined,
  ) {
    super(
      `${lockPath} is held by ${pid === undefined ? 'another writer' : `process ${pid}${host ? ` on ${host}` : ''}`}: ` +
        'a store file has one writer at a time; stop that process, or delete the lock file if you are sure it is gone',
    );
  }
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

/** A held lock: release it once, when the store closes. */
export interface FileLock {
  /** The owner of a stale lock that was taken over on acquire, if any. */
  readonly staleOwner: LockOwner | undefined;
  release(): Promise<void>;
}

/** An empty or half-written lock younger than this may be a writer between create and write. */
const UNREADABLE_GRACE_MS = 10_000;

async function createExclusive(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readOwner(path: string): Promise<LockOwner | 'gone' | 'unreadable'> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') return { pid: value.pid, host: value.host };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
  }
  return 'unreadable';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isStale(path: string, owner: LockOwner | 'unreadable'): Promise<boolean> {
  if (owner === 'unreadable') {
    const info = await stat(path).catch(() => undefined);
    return info === undefined || Date.now() - info.mtimeMs > UNREADABLE_GRACE_MS;
  }
  return owner.host === hostname() && !isRunning(owner.pid);
}

/**
 * Removes a stale lock under a short-lived takeover lock, so two openers racing for the same stale
 * lock cannot both remove it (the second would otherwise delete the first one's fresh lock).
 */
async function breakStale(path: string, seen: LockOwner | 'unreadable'): Promise<boolean> {
  const takeover = `${path}.takeover`;
  if (!(await createExclusive(takeover))) {
    const other = await readOwner(takeover);
    if (other === 'gone' || !(await isStale(takeover, other))) return false;
    await unlink(takeover).catch(() => undefined);
    return false;
  }
  try {
    const now = await readOwner(path);
    if (now === 'gone') return true;
    const same = now === 'unreadable' ? seen === 'unreadable' : seen !== 'unreadable' && now.pid === seen.pid && now.host === seen.host;
    if (!same || !(await isStale(path, now))) return false;
    await unlink(path);
    return true;
  } finally {
    await unlink(takeover).catch(() => undefined);
  }
}

/**
 * Takes the lock at `path` or throws StoreLockedError naming the holder.
 * @example const lock = await acquireFileLock('ledger.jsonl.lock'); try { ... } finally { await lock.release(); }
 */
export async function acquireFileLock(path: string): Promise<FileLock> {
  let staleOwner: LockOwner | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(path)) {
      let released = false;
      return {
        staleOwner,
        async release() {
          if (released) return;
          released = true;
          await unlink(path).catch(() => undefined);
        },
      };
    }
    const owner = await readOwner(path);
    if (owner === 'gone') continue;
    if (!(await isStale(path, owner))) {
      throw new StoreLockedError(path, owner === 'unreadable' ? undefined : owner.pid, owner === 'unreadable' ? undefined : owner.host);
    }
    if (await breakStale(path, owner)) staleOwner = owner === 'unreadable' ? { pid: -1, host: '' } : owner;
  }
  const owner = await readOwner(path);
  throw new StoreLockedError(path, typeof owner === 'object' ? owner.pid : undefined, typeof owner === 'object' ? owner.host : undefined);
}
