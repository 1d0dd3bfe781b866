/**
 * Every file the CLI writes (a report page, an evidence bundle, an anchor) goes through here: into
 * a new temporary file in the target folder (created exclusively, so never through a symlink),
 * fsynced, then renamed over the target, which replaces a link itself rather than its target. A
 * failure removes what it wrote: no empty or half-written file is left behind. Node-only; the edge.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LedgerError } from '../errors.js';

/** An output path that cannot be written: `path` and why, in one line. */
export class OutputError extends LedgerError {
  override name = 'OutputError' as const;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot write ${path}: ${reason}`);
  }
}

const WHY: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
};

/** The OutputError for a failed file-system call (an errno code), or the error itself when it is not one. */
function outputError(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return error;
  return new OutputError(path, WHY[code] ? `${WHY[code]} (${code})` : code);
}

const lstat = (path: string): Stats | undefined => {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw outputError(path, error);
  }
};

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** A target that may be replaced: absent or a regular file; a folder, a link or a device is refused. */
function checkTarget(path: string): void {
  const stats = lstat(path);
  if (!stats || stats.isFile()) return;
  if (stats.isSymbolicLink())
    throw new OutputError(path, 'it is a symbolic link, which is not followed: remove it, or choose another path');
  throw new OutputError(path, stats.isDirectory() ? 'it is a folder' : 'it is not a regular file');
}

/** Writes `text` into a new temporary file in `dir`, fsynced and closed; returns its path. */
function writeTemporary(dir: string, name: string, text: string | Uint8Array): string {
  const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, 'wx', 0o666);
  } catch (error) {
    throw outputError(join(dir, name), error);
  }
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeQuietly(temporary);
    throw outputError(join(dir, name), error);
  }
  closeSync(fd);
  return temporary;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never made.
  }
}

/** Makes a rename durable; a file system that cannot fsync a folder is left as it is. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms refuse to open or fsync a folder; the files themselves are synced.
  }
}

/** Renames every temporary file onto its target; on a failure, removes the temporaries not yet renamed. */
function publish(dir: string, temporaries: readonly [string, string][]): void {
  for (let i = 0; i < temporaries.length; i++) {
    const [name, temporary] = temporaries[i]!;
    try {
      renameSync(temporary, join(dir, name));
    } catch (error) {
      for (const [, left] of temporaries.slice(i)) removeQuietly(left);
      throw outputError(join(dir, name), error);
    }
  }
  syncFolder(dir);
}

/**
 * Writes one file safely: its folder must exist; a folder, symlink or device at `path` is refused.
 * @example writeFileSafely('page.html', html);
 */
export function writeFileSafely(path: string, text: string | Uint8Array): void {
  const dir = dirname(path);
  if (!lstat(dir)) throw new OutputError(path, `its folder ${dir} does not exist`);
  if (!isFolder(dir)) throw new OutputError(path, `${dir} is not a folder`);
  checkTarget(path);
  publish(dir, [[basename(path), writeTemporary(dir, basename(path), text)]]);
}

export interface FolderOptions {
  /** Replace the files already in the folder; every one of them must be among `replaceable`. */
  force?: boolean;
  /** The names `force` may replace (a bundle's own files). */
  replaceable?: readonly string[];
}

/** The folder to write into: created (its parent must exist) when absent; true when created here. */
function prepareFolder(dir: string, names: readonly string[], options: FolderOptions): boolean {
  const stats = lstat(dir);
  if (!stats) {
    try {
      mkdirSync(dir);
    } catch (error) {
      throw (error as NodeJS.ErrnoException).code === 'ENOENT' && !lstat(dirname(dir))
        ? new OutputError(dir, `its parent folder ${dirname(dir)} does not exist`)
        : outputError(dir, error);
    }
    return true;
  }
  if (!isFolder(dir)) throw new OutputError(dir, 'it is a file, not a folder');
  let present: string[];
  try {
    present = readdirSync(dir).sort();
  } catch (error) {
    throw outputError(dir, error);
  }
  if (present.length === 0) return false;
  if (!options.force)
    throw new OutputError(
      dir,
      `the folder is not empty (it holds ${present.slice(0, 5).join(', ')}${present.length > 5 ? ', ...' : ''}): choose a new folder, or pass --force to replace the bundle in it`,
    );
  const foreign = present.filter((name) => !(options.replaceable ?? names).includes(name));
  if (foreign.length > 0)
    throw new OutputError(
      dir,
      `--force replaces a bundle, but the folder also holds ${foreign.slice(0, 5).join(', ')}: choose a new folder`,
    );
  for (const name of present) checkTarget(join(dir, name));
  return false;
}

/**
 * Writes several files into `dir` safely, all or none: every file is written to a temporary first,
 * and only when all are written are they renamed into place. A folder created here is removed again
 * when writing fails. An existing non-empty folder is refused unless `force`.
 */
export function writeFilesSafely(dir: string, files: ReadonlyMap<string, string>, options: FolderOptions = {}): void {
  const names = [...files.keys()];
  const created = prepareFolder(dir, names, options);
  const temporaries: [string, string][] = [];
  try {
    for (const [name, text] of files) temporaries.push([name, writeTemporary(dir, name, text)]);
  } catch (error) {
    for (const [, temporary] of temporaries) removeQuietly(temporary);
    if (created) {
      try {
        rmdirSync(dir);
      } catch {
        // Left as an empty folder: nothing in it was written.
      }
    }
    throw error;
  }
  publish(dir, temporaries);
}
