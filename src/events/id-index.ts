/**
 * Which position holds an event id, for a million ids without a million-entry Map: an
 * open-addressing table of positions and id hashes in typed arrays, each match checked against
 * the id itself. It holds no references, so the garbage collector never scans it.
 */
export interface IdIndex {
  /** The position stored for `id`; when there is none, stores `position` (0 or more) and returns -1. */
  getOrAdd(id: string, position: number): number;
  /** The position stored for `id`, or -1. */
  get(id: string): number;
}

/** FNV-1a over UTF-16 code units, then a final mix. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}

/** An IdIndex whose `idAt(position)` gives back the id stored at a position. */
export function createIdIndex(idAt: (position: number) => string): IdIndex {
  let positions = new Int32Array(1 << 16); // position + 1; 0 is empty
  let hashes = new Uint32Array(positions.length);
  let size = 0;

  const grow = () => {
    const biggerPositions = new Int32Array(positions.length * 2);
    const biggerHashes = new Uint32Array(biggerPositions.length);
    const mask = biggerPositions.length - 1;
    for (let j = 0; j < positions.length; j++) {
      if (positions[j] === 0) continue;
      let i = hashes[j]! & mask;
      while (biggerPositions[i] !== 0) i = (i + 1) & mask;
      biggerPositions[i] = positions[j]!;
      biggerHashes[i] = hashes[j]!;
    }
    positions = biggerPositions;
    hashes = biggerHashes;
  };

  return {
    getOrAdd(id, position) {
      if ((size + 1) * 2 > positions.length) grow();
      const hash = hashOf(id);
      const mask = positions.length - 1;
      let i = hash & mask;
      for (; positions[i] !== 0; i = (i + 1) & mask) {
        if (hashes[i] === hash && idAt(positions[i]! - 1) === id) return positions[i]! - 1;
      }
      positions[i] = position + 1;
      hashes[i] = hash;
      size++;
      return -1;
    },
    get(id) {
      const hash = hashOf(id);
      const mask = positions.length - 1;
      for (let i = hash & mask; positions[i] !== 0; i = (i + 1) & mask) {
        if (hashes[i] === hash && idAt(positions[i]! - 1) === id) return positions[i]! - 1;
      }
      return -1;
    },
  };
}
