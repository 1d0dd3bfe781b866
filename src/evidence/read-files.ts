/**
 * Reading a bundle's files as a verifier must: only plain files inside the folder, never through a
 * link, a FIFO or a device, and never more than a bound, so a hostile bundle can neither point the
 * check elsewhere nor hang it nor fill memory.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

/** The largest bundle file read (events of one unit, its explanation): 256 MiB. */
export const MAX_BUNDLE_FILE_BYTES = 256 * 1024 * 1024;

export type BundleRead = { readonly bytes: Buffer } | { readonly problem: string };

/** Reads `name` (a plain name, no folder in it) from `dir`, or says why it will not. */
export function readBundleFile(dir: string, name: string, maxBytes = MAX_BUNDLE_FILE_BYTES): BundleRead {
  if (name === '' || name === '.' || name === '..' || /[\\/\0]/.test(name))
    return { problem: `${name}: not a plain file name` };
  const path = join(dir, name);
  let fd: number;
  try {
    if (!lstatSync(path).isFile())
      return { problem: `${name}: not a plain file (a link, a folder, a FIFO or a device)` };
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      problem: code === 'ENOENT' ? `${name}: missing` : `${name}: cannot be read (${code ?? (error as Error).message})`,
    };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: `${name}: not a plain file (a link, a folder, a FIFO or a device)` };
    if (stat.size > maxBytes)
      return { problem: `${name}: ${stat.size} bytes, more than a bundle file may hold (${maxBytes})` };
    const bytes = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const got = readSync(fd, bytes, filled, bytes.length - filled, null);
      if (got === 0) break;
      filled += got;
    }
    return { bytes: bytes.subarray(0, filled) };
  } finally {
    closeSync(fd);
  }
}
