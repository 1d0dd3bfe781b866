/**
 * Upcasters: older shapes of an event read as the current one. The parser applies them before
 * validation, so every store (each parses what it reads back) upcasts on load; the stored form is
 * never rewritten, and `storedFormOf` gives it back for whoever must see the bytes as stored (the
 * hash chain is verified over the stored form).
 */
import type { EventType } from './catalogue.js';

/** One step from an older shape of an event's `data` to the next. */
export interface Upcaster {
  readonly type: EventType;
  /** The schema version this upcaster reads; it writes `fromVersion + 1`. */
  readonly fromVersion: number;
  /** True when `data` has the old shape (the shape itself tells the version: old events carry no version field). */
  applies(data: Readonly<Record<string, unknown>>): boolean;
  /** The data in the next version's shape; a new object, the input is left as stored. */
  upcast(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/** The severity a fault reported before severities existed is read with: the lowest, whose service levels are the longest. */
export const SEVERITY_BEFORE_V1 = 'general';

/**
 * `FaultReported` version 0 had no `severity`: it reads as `general`. A severity that is present
 * but wrong is not version 0 and stays an error.
 */
export const faultReportedV0: Upcaster = {
  type: 'FaultReported',
  fromVersion: 0,
  applies: (data) => !Object.hasOwn(data, 'severity'),
  upcast: (data) => ({ ...data, severity: SEVERITY_BEFORE_V1 }),
};

/** Every upcaster, oldest first within a type. */
export const UPCASTERS: readonly Upcaster[] = [faultReportedV0];

const byType = new Map<string, Upcaster[]>();
for (const upcaster of UPCASTERS) byType.set(upcaster.type, [...(byType.get(upcaster.type) ?? []), upcaster]);

/** The data in the current shape: the same object when no upcaster applies (the common case costs one lookup). */
export function upcastData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const chain = byType.get(type);
  if (!chain) return data;
  let current = data;
  for (const upcaster of chain) if (upcaster.applies(current)) current = upcaster.upcast(current);
  return current;
}

// Events that were upcast on load, with the value they were parsed from. Only upcast events are
// kept (weakly), so reading current events costs nothing.
const storedForms = new WeakMap<object, unknown>();

/** Records that `event` was upcast from `stored` (the decoded value as it was read). */
export function rememberStoredForm(event: object, stored: unknown): void {
  storedForms.set(event, stored);
}

/** The value an event was read from when it was upcast on load; otherwise the event itself. */
export function storedFormOf(event: object): unknown {
  return storedForms.has(event) ? storedForms.get(event) : event;
}
