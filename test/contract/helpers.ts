/** Small helpers for the store contract: valid events, unique unit ids, bounded waits, collectors. */
import { randomUUID } from 'node:crypto';
import type { UnitEvent } from '../../src/events/envelope.js';
import type { EventStore, RecordedEvent } from '../../src/store/event-store.js';

/** A unit id no other test (or earlier run against a live server) uses. */
export function freshUnitId(label = 'U'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** A valid contract event for a unit; `kind` changes its content without changing its id. */
export function visit(unitId: string, n: number, kind: 'periodic' | 'inspection' = 'periodic'): UnitEvent {
  const at = new Date(Date.UTC(2025, 0, 1 + n)).toISOString();
  return { id: `${unitId}-e${n}`, type: 'MaintenanceVisited', unitId, occurredAt: at, recordedAt: at, data: { kind } };
}

export function visits(unitId: string, from: number, count: number): UnitEvent[] {
  return Array.from({ length: count }, (_, i) => visit(unitId, from + i));
}

export async function readAllOf(store: EventStore, after?: bigint): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const recorded of store.readAll(after === undefined ? {} : { after })) out.push(recorded);
  return out;
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs` (a bound, not a timing assertion). */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const idsOf = (recorded: readonly RecordedEvent[]): string[] => recorded.map((r) => r.event.id);

/** True when positions strictly grow. */
export function increasing(recorded: readonly RecordedEvent[]): boolean {
  return recorded.every((r, i) => i === 0 || r.position > recorded[i - 1]!.position);
}
