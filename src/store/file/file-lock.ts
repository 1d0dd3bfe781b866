/**
 * One writer per store file. The lock is a directory, `REAL.lock` beside the file's real path
 * (symlinks resolved), made with mkdir: atomic on every file system, and never empty, since a
 * directory that exists is the lock whatever it holds. Inside, `owner.json` names the holder (pid,
 * host, the file's device and inode, its stale age) for messages only. The holder refreshes the
 * directory's mtime every third of its stale age; a lock not refreshed for a stale age is stale and
 * taken back, whatever its pid: pids mean nothing across PID namespaces, and PID 1 is always alive.
 * This is proper-lockfile's design; docs/file-store.md says why it is not that library.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, open, readFile, realpath, rm, stat, utimes } from 'node:fs/promises';
import { LedgerError } from '../../errors.js';

/** A second writer tried to open a store file that another process holds. */
export class StoreLockedError extends LedgerError {
  override name = 'StoreLockedError' as const;
  constructor(
    readonly lockPath: string,
    readonly pid: number | undefined,
    readonly host: string | undefined,
    detail = 'a store file has one writer at a time; stop that process (a lock its holder stops refreshing, after a crash, is taken back by the next writer)',
  ) {
    super(
      `${lockPath} is held by ${pid === undefined ? 'another writer' : `process ${pid}${host ? ` on ${host}` : ''}`}: ${detail}`,
    );
  }
}

/** True for a StoreLockedError (matched by name too, as the other guards are, across copies of the library). */
export const isStoreLockedError = (error: unknown): error is StoreLockedError =>
  (error as { name?: unknown } | null)?.name === 'StoreLockedError';

/** What `owner.json` says about the holder. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly dev: number;
  readonly ino: number;
  /** The holder's promise: it refreshes the lock more often than this. */
  readonly staleMs: number;
  readonly token: string;
}

/** A lock taken back from a holder that stopped refreshing it. */
export interface StaleLock {
  readonly pid: number | undefined;
  readonly host: string | undefined;
  /** How long it had not been refreshed. */
  readonly idleMs: number;
}

/** A held lock: release it once, when the store closes. */
export interface FileLock {
  readonly lockPath: string;
  /** The stale lock taken back on acquire, if any. */
  readonly staleOwner: StaleLock | undefined;
  /** Throws when the lock is no longer this writer's (taken back while this process stalled, or removed). */
  check(): Promise<void>;
  release(): Promise<void>;
}

export interface FileLockOptions {
  /** A lock not refreshed for this long is stale (default 10 s); it is refreshed every third of it. */
  readonly staleMs?: number | undefined;
}

const DEFAULT_STALE_MS = 10_000;
const OWNER = 'owner.json';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

type Seen =
  | { readonly kind: 'gone' }
  | { readonly kind: 'legacy'; readonly pid?: number; readonly host?: string }
  | {
      readonly kind: 'held';
      readonly owner: LockOwner | undefined;
      readonly idleMs: number;
      readonly staleMs: number;
    };

async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  try {
    const value = JSON.parse(await readFile(`${lockPath}/${OWNER}`, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string')
      return value as LockOwner;
  } catch {
    // Not written yet (the holder is between mkdir and its write), or unreadable: judged by age alone.
  }
  return undefined;
}

/** What is at `lockPath` now; the holder's own stale age counts when it wrote one. */
async function inspect(lockPath: string, ownStaleMs: number): Promise<Seen> {
  const info = await stat(lockPath).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  });
  if (!info) return { kind: 'gone' };
  if (!info.isDirectory()) {
    // A lock file of an earlier version, which no one refreshes: never broken automatically.
    const value = (await readFile(lockPath, 'utf8')
      .then(JSON.parse)
      .catch(() => ({}))) as { pid?: unknown; host?: unknown };
    return {
      kind: 'legacy',
      ...(typeof value.pid === 'number' ? { pid: value.pid } : {}),
      ...(typeof value.host === 'string' ? { host: value.host } : {}),
    };
  }
  const owner = await readOwner(lockPath);
  const staleMs = owner && Number.isFinite(owner.staleMs) && owner.staleMs > 0 ? owner.staleMs : ownStaleMs;
  return { kind: 'held', owner, idleMs: Date.now() - info.mtimeMs, staleMs };
}

/** Makes the lock directory and writes its owner; on any failure (a full disk) nothing is left behind. */
async function create(lockPath: string, owner: LockOwner): Promise<boolean> {
  try {
    await mkdir(lockPath);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    const handle = await open(`${lockPath}/${OWNER}`, 'wx');
    try {
      await handle.writeFile(JSON.stringify(owner));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(lockPath, { recursive: true, force: true });
    throw error;
  }
  return true;
}

/**
 * Removes a stale lock under a short takeover lock (itself a directory, judged stale the same way),
 * so that two openers racing for one stale lock cannot both remove it: the second would otherwise
 * delete the lock the first has just made.
 */
async function takeBack(lockPath: string, seen: Seen & { kind: 'held' }, ownStaleMs: number): Promise<boolean> {
  const guard = `${lockPath}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if (codeOf(error) !== 'EEXIST') throw error;
    const info = await stat(guard).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > ownStaleMs) await rm(guard, { recursive: true, force: true });
    return false;
  }
  try {
    const now = await inspect(lockPath, ownStaleMs);
    if (now.kind !== 'held' || now.idleMs <= now.staleMs || now.owner?.token !== seen.owner?.token) return false;
    await rm(lockPath, { recursive: true, force: true });
    return true;
  } finally {
    await rm(guard, { recursive: true, force: true });
  }
}

function held(lockPath: string, token: string, staleMs: number, staleOwner: StaleLock | undefined): FileLock {
  let lost: LedgerError | undefined;
  let released = false;
  const isOurs = async () => (await readOwner(lockPath))?.token === token;
  const refresh = async () => {
    if (lost || released) return;
    try {
      if (!(await isOurs())) throw new Error('another writer holds it now');
      const now = new Date();
      await utimes(lockPath, now, now);
    } catch (error) {
      lost ??= new LedgerError(
        `${lockPath} is no longer this writer's lock (${codeOf(error) ?? (error as Error).message}): it was not refreshed for ${staleMs} ms and was taken back; reopen the store`,
      );
    }
  };
  const timer = setInterval(() => void refresh(), Math.max(1, Math.floor(staleMs / 3)));
  timer.unref();
  return {
    lockPath,
    staleOwner,
    async check() {
      if (!lost && !(await isOurs()))
        lost = new LedgerError(`${lockPath} is no longer this writer's lock: it was taken back; reopen the store`);
      if (lost) throw lost;
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      if (await isOurs()) await rm(lockPath, { recursive: true, force: true });
    },
  };
}

/** The real path of a store file and its identity; a file with a second name (a hard link) is refused, since its lock could not be found from both. */
async function identify(path: string): Promise<{ real: string; dev: number; ino: number }> {
  const real = await realpath(path);
  const info = await stat(real);
  if (info.nlink > 1) {
    throw new LedgerError(
      `${path} has ${info.nlink} names (hard links): a store file must have one, so that every writer finds its one lock; remove the other names`,
    );
  }
  return { real, dev: info.dev, ino: info.ino };
}

/**
 * Takes the writer's lock of an existing store file, or throws StoreLockedError naming the holder.
 * @example const lock = await acquireFileLock('ledger.jsonl'); try { ... } finally { await lock.release(); }
 */
export async function acquireFileLock(path: string, options: FileLockOptions = {}): Promise<FileLock> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  let staleOwner: StaleLock | undefined;
  let lockPath = `${path}.lock`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const file = await identify(path);
    lockPath = `${file.real}.lock`;
    const token = randomUUID();
    if (await create(lockPath, { pid: process.pid, host: hostname(), dev: file.dev, ino: file.ino, staleMs, token })) {
      const lock = held(lockPath, token, staleMs, staleOwner);
      const now = await identify(path).catch(() => undefined);
      if (now?.real === file.real && now.dev === file.dev && now.ino === file.ino) return lock;
      await lock.release(); // the name was moved to another file meanwhile: lock that one
      continue;
    }
    const seen = await inspect(lockPath, staleMs);
    if (seen.kind === 'gone') continue;
    if (seen.kind === 'legacy') {
      throw new StoreLockedError(
        lockPath,
        seen.pid,
        seen.host,
        'a lock file left by an earlier version of warranty-ledger, which never expires; delete it if that writer is gone',
      );
    }
    if (seen.idleMs <= seen.staleMs) throw new StoreLockedError(lockPath, seen.owner?.pid, seen.owner?.host);
    if (await takeBack(lockPath, seen, staleMs))
      staleOwner = { pid: seen.owner?.pid, host: seen.owner?.host, idleMs: Math.round(seen.idleMs) };
  }
  const seen = await inspect(lockPath, staleMs);
  throw new StoreLockedError(
    lockPath,
    seen.kind === 'held' ? seen.owner?.pid : undefined,
    seen.kind === 'held' ? seen.owner?.host : undefined,
  );
}
