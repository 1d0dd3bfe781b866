/**
 * A Merkle tree over a log, built one leaf at a time in O(log n) memory, with the shape of
 * Certificate Transparency's (RFC 6962 §2.1): leaves hashed as SHA-256(0x00 || data), nodes as
 * SHA-256(0x01 || left || right), a tree of n leaves split at the largest power of two below n.
 * The root of the first k leaves of a longer log is the root of a log of k leaves: an anchor's
 * root can be checked against any later state of an append-only store.
 */
import { createHash } from 'node:crypto';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (data: string | Uint8Array): Buffer => createHash('sha256').update(LEAF).update(data).digest();
const nodeHash = (left: Buffer, right: Buffer): Buffer =>
  createHash('sha256').update(NODE).update(left).update(right).digest();

/** The root of an empty tree: SHA-256 of nothing (RFC 6962). */
export const EMPTY_ROOT = createHash('sha256').digest('hex');

/** An incremental tree: `add` leaves in log order, `root()` at any point. */
export interface MerkleLog {
  add(leaf: Buffer): void;
  readonly size: number;
  /** The hex root of the leaves added so far. */
  root(): string;
}

export function createMerkleLog(): MerkleLog {
  // The roots of the perfect subtrees the leaves so far make, largest (leftmost) first, with their sizes.
  const roots: Buffer[] = [];
  const sizes: number[] = [];
  let size = 0;
  return {
    add(leaf) {
      let hash = leaf;
      let width = 1;
      while (sizes.length > 0 && sizes[sizes.length - 1] === width) {
        hash = nodeHash(roots.pop()!, hash);
        sizes.pop();
        width *= 2;
      }
      roots.push(hash);
      sizes.push(width);
      size++;
    },
    get size() {
      return size;
    },
    root() {
      if (roots.length === 0) return EMPTY_ROOT;
      let hash = roots[roots.length - 1]!;
      for (let i = roots.length - 2; i >= 0; i--) hash = nodeHash(roots[i]!, hash);
      return hash.toString('hex');
    },
  };
}

/** The root of a list of leaves at once (for tests and small logs). */
export function merkleRoot(leaves: readonly Buffer[]): string {
  const log = createMerkleLog();
  for (const leaf of leaves) log.add(leaf);
  return log.root();
}
