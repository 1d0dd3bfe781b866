/**
 * The JSONL interchange format: one event per line. Parsing turns unknown text into typed events
 * or InputErrors naming the line and field; nothing is half-accepted.
 */
import { z } from 'zod';
import { InputError, InputErrors } from '../errors.js';
import { parseInstant } from '../time/instant.js';
import { canonicalJson, contentHash } from './canonical.js';
import { EVENT_TYPES, eventDataSchemas, isEventType } from './catalogue.js';
import type { UnitEvent } from './envelope.js';
import { inputErrorFrom } from './issues.js';
import { protoKeyPath } from './proto-key.js';

const MAX_LINE_CHARS = 1_000_000;

const timestamp = z.string().max(64);
const Envelope = z.strictObject({
  id: z.string().min(1).max(200).optional(),
  type: z.string().max(200),
  unitId: z.string().min(1).max(200),
  occurredAt: timestamp,
  recordedAt: timestamp.optional(),
  data: z.record(z.string(), z.unknown()),
});

/** Checks one decoded JSON value against the envelope and its type's data schema. */
export function parseEvent(value: unknown, line?: number, mayHaveProtoKey = true): UnitEvent | InputError {
  const protoKey = mayHaveProtoKey ? protoKeyPath(value) : undefined;
  if (protoKey) return new InputError(line, protoKey, 'unknown field');
  const envelope = Envelope.safeParse(value);
  if (!envelope.success) return inputErrorFrom(envelope.error, value, line);
  const { id, type, unitId, occurredAt, recordedAt, data } = envelope.data;
  if (!isEventType(type)) {
    return new InputError(line, 'type', `unknown event type ${JSON.stringify(type)} (known: ${EVENT_TYPES.join(', ')})`);
  }
  if (parseInstant(occurredAt) === undefined) return new InputError(line, 'occurredAt', `expected an ISO 8601 timestamp with an offset, got ${JSON.stringify(occurredAt)}`);
  if (recordedAt !== undefined && parseInstant(recordedAt) === undefined) {
    return new InputError(line, 'recordedAt', `expected an ISO 8601 timestamp with an offset, got ${JSON.stringify(recordedAt)}`);
  }
  const parsed = eventDataSchemas[type].safeParse(data);
  if (!parsed.success) return inputErrorFrom(parsed.error, data, line, 'data');
  const event = { type, unitId, occurredAt, recordedAt: recordedAt ?? occurredAt, data: parsed.data };
  return { id: id ?? generatedId(event), ...event } as UnitEvent;
}

/** Ids generated for events imported without one: the same content always gets the same id. */
function generatedId(event: Omit<UnitEvent, 'id'>): string {
  return `h-${contentHash(canonicalJson(event))}`;
}

/** Parses one JSONL line (1-based `line` for messages). */
export function parseEventLine(text: string, line: number): UnitEvent | InputError {
  if (text.length > MAX_LINE_CHARS) return new InputError(line, '', `line longer than ${MAX_LINE_CHARS} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return new InputError(line, '', `invalid JSON: ${(error as Error).message}`);
  }
  // JSON.parse makes `__proto__` an own key; only a line that spells it (or escapes anything) can hold one.
  return parseEvent(value, line, text.includes('__proto__') || text.includes('\\u'));
}

/** Result of reading a whole JSONL text: events in line order, with their line numbers. */
export interface ParsedJsonl {
  readonly events: UnitEvent[];
  readonly lines: number[];
}

/**
 * Parses a whole JSONL text: blank lines are skipped, an event repeated under its id is kept once,
 * and one id with two different contents is an error naming both lines. Throws InputErrors (every
 * bad line, up to `maxErrors`) and returns nothing when any line is bad.
 */
export function parseJsonl(text: string, options: { maxErrors?: number; source?: string } = {}): ParsedJsonl {
  const maxErrors = options.maxErrors ?? 20;
  const errors: InputError[] = [];
  const events: UnitEvent[] = [];
  const lines: number[] = [];
  const seen = new Map<string, { line: number; canonical: string | undefined; index: number }>();
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let n = 1; start <= text.length && errors.length < maxErrors; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (raw.trim() === '') continue;
    const event = parseEventLine(raw, n);
    if (event instanceof InputError) {
      errors.push(options.source ? new InputError(event.line, event.field, event.reason, options.source) : event);
      continue;
    }
    const earlier = seen.get(event.id);
    if (earlier) {
      const first = events[earlier.index]!;
      const canonical = earlier.canonical ?? canonicalJson(first);
      seen.set(event.id, { ...earlier, canonical });
      if (canonical !== canonicalJson(event)) {
        errors.push(new InputError(n, 'id', `${JSON.stringify(event.id)} is already used by line ${earlier.line} with different content`, options.source));
      }
      continue;
    }
    seen.set(event.id, { line: n, canonical: undefined, index: events.length });
    events.push(event);
    lines.push(n);
  }
  if (errors.length > 0) throw new InputErrors(errors);
  return { events, lines };
}

/** One event as its JSONL line (canonical key order, so equal events give equal lines). */
export function serializeEvent(event: UnitEvent): string {
  return canonicalJson(event);
}
