/**
 * Faults by id in O(1): an open-addressing table of positions in `faults`. Slots hold position + 1
 * (0 is empty); the table stays at most half full and is rebuilt at twice the size when it would
 * not be. It is kept in blocks of 64 slots (plain arrays of numbers) because an Immer draft copies
 * and freezes what an event writes: a new fault then costs one block and the list of blocks, where
 * a keyed record would cost a key at a time and one flat array all of its slots (each of those made
 * as-of answers on a 10,000-event unit about half again slower).
 */
import { isDraft, original } from 'immer';
import type { FaultState, UnitState } from './unit-state.js';

/** FNV-1a over the UTF-16 code units. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The id of the fault at `position`, read without making a draft of it. */
function idAt(faults: readonly FaultState[], base: readonly FaultState[], position: number): string {
  return (position < base.length ? base[position]! : faults[position]!).faultId;
}

const baseOf = (faults: readonly FaultState[]): readonly FaultState[] =>
  isDraft(faults) ? original(faults as FaultState[])! : faults;

const BLOCK_BITS = 6;
const BLOCK = 1 << BLOCK_BITS;

/** The position of the fault reported under `faultId`, or -1. */
export function findFault(
  table: readonly (readonly number[])[],
  faults: readonly FaultState[],
  faultId: string,
): number {
  if (table.length === 0) return -1;
  const base = baseOf(faults);
  const mask = table.length * BLOCK - 1;
  for (let i = hashOf(faultId) & mask; ; i = (i + 1) & mask) {
    const slot = table[i >> BLOCK_BITS]![i & (BLOCK - 1)]!;
    if (slot === 0) return -1;
    if (idAt(faults, base, slot - 1) === faultId) return slot - 1;
  }
}

function insert(table: number[][], id: string, position: number): void {
  const mask = table.length * BLOCK - 1;
  let i = hashOf(id) & mask;
  while (table[i >> BLOCK_BITS]![i & (BLOCK - 1)] !== 0) i = (i + 1) & mask;
  table[i >> BLOCK_BITS]![i & (BLOCK - 1)] = position + 1;
}

/** Adds the fault at `position` (the last one in `faults`); returns the table, a new one when it grew. */
export function indexFault(table: number[][], faults: readonly FaultState[], position: number): number[][] {
  if ((position + 1) * 2 <= table.length * BLOCK) {
    insert(table, faults[position]!.faultId, position);
    return table;
  }
  let blocks = 1;
  while (blocks * BLOCK < (position + 1) * 4) blocks *= 2;
  const grown = Array.from({ length: blocks }, () => new Array<number>(BLOCK).fill(0));
  const base = baseOf(faults);
  for (let p = 0; p <= position; p++) insert(grown, idAt(faults, base, p), p);
  return grown;
}

/** The fault reported under `faultId`, if any (on an Immer draft only that fault becomes a draft). */
export function faultOf(state: Pick<UnitState, 'faults' | 'faultIndex'>, faultId: string): FaultState | undefined {
  const position = findFault(state.faultIndex, state.faults, faultId);
  return position < 0 ? undefined : state.faults[position];
}
