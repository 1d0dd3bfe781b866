/**
 * The JSONL interchange format: one event per line. Parsing turns unknown text into typed events
 * or InputErrors naming the line and field; nothing is half-accepted.
 */
import { z } from 'zod';
import { InputError, InputErrors } from '../errors.js';
import { instantProblem, parseInstant } from '../time/instant.js';
import { canonicalJson, contentHash } from './canonical.js';
import { EVENT_TYPES, eventDataSchemas, isEventType, type EventType } from './catalogue.js';
import type { UnitEvent } from './envelope.js';
import { createIdIndex } from './id-index.js';
import { inputErrorFrom } from './issues.js';
import { nestsTooDeep, TOO_DEEP } from './nesting.js';
import { unsafeValuePath } from './proto-key.js';
import { rememberStoredForm, upcastData } from './upcasters.js';

export const MAX_LINE_CHARS = 1_000_000;
/**
 * The longest line a reader of bytes buffers before refusing it, as soon as it is passed: a UTF-16
 * code unit takes at most 3 bytes, so a longer line is always longer than MAX_LINE_CHARS too (and
 * is refused with the same message); no line within MAX_LINE_CHARS is refused.
 */
export const MAX_LINE_BYTES = 3 * MAX_LINE_CHARS;
export const LINE_TOO_LONG = `line longer than ${MAX_LINE_CHARS} characters`;

const timestamp = z.string().max(64);
const SHA256_HEX = /^[0-9a-f]{64}$/;
const sha256Hex = z.string().regex(SHA256_HEX, { error: 'expected 64 lowercase hex digits (a SHA-256)' });
const Envelope = z.strictObject({
  id: z.string().min(1).max(200).optional(),
  type: z.string().max(200),
  unitId: z.string().min(1).max(200),
  occurredAt: timestamp,
  recordedAt: timestamp.optional(),
  data: z.record(z.string(), z.unknown()),
  prevHash: sha256Hex.optional(),
  hash: sha256Hex.optional(),
});

/** Checks one decoded JSON value against the envelope and its type's data schema. */
export function parseEvent(value: unknown, line?: number, mayHaveProtoKey = true): UnitEvent | InputError {
  return checkEvent(value, line, mayHaveProtoKey, false);
}

/**
 * `owned`: the value is the parser's own fresh JSON.parse result, so once zod has accepted its
 * `data` unchanged (the data schemas transform nothing) the event keeps that object instead of
 * zod's copy: one allocation less per line. A caller's value is always copied.
 */
function checkEvent(
  value: unknown,
  line: number | undefined,
  mayHaveProtoKey: boolean,
  owned: boolean,
): UnitEvent | InputError {
  const unsafe = mayHaveProtoKey ? unsafeValuePath(value) : undefined;
  if (unsafe) return new InputError(line, unsafe.field, unsafe.reason);
  let fields: EnvelopeFields;
  if (isPlainEnvelope(value)) {
    fields = value;
  } else {
    const envelope = Envelope.safeParse(value);
    if (!envelope.success) return inputErrorFrom(envelope.error, value, line);
    fields = envelope.data;
  }
  const { occurredAt, recordedAt: recordedAtGiven, data } = fields;
  if (!isEventType(fields.type)) {
    return new InputError(
      line,
      'type',
      `unknown event type ${JSON.stringify(fields.type)} (known: ${EVENT_TYPES.join(', ')})`,
    );
  }
  // Shared strings keep a million events small: one `type` string per type, one timestamp when both are equal.
  const type = TYPE_NAMES[fields.type];
  const recordedAt = recordedAtGiven === occurredAt ? occurredAt : recordedAtGiven;
  if (parseInstant(occurredAt) === undefined) return new InputError(line, 'occurredAt', instantProblem(occurredAt));
  if (recordedAt !== undefined && parseInstant(recordedAt) === undefined)
    return new InputError(line, 'recordedAt', instantProblem(recordedAt));
  const { prevHash, hash } = fields;
  if ((prevHash === undefined) !== (hash === undefined))
    return new InputError(
      line,
      hash === undefined ? 'hash' : 'prevHash',
      `required with ${hash === undefined ? 'prevHash' : 'hash'}`,
    );
  const current = upcastData(type, data);
  const parsed = eventDataSchemas[type].safeParse(current);
  if (!parsed.success) return inputErrorFrom(parsed.error, current, line, 'data');
  return assemble(fields, type, recordedAt, owned ? current : parsed.data, value, current !== data);
}

/** The event of checked envelope fields and data; an upcast event keeps the value it was read from (the hash chain is verified over the stored form). */
function assemble(
  fields: EnvelopeFields,
  type: EventType,
  recordedAt: string | undefined,
  data: unknown,
  value: unknown,
  upcast: boolean,
): UnitEvent {
  const { id, unitId, occurredAt, prevHash, hash } = fields;
  const at = recordedAt ?? occurredAt;
  let event: UnitEvent;
  if (id === undefined) {
    const body = { type, unitId, occurredAt, recordedAt: at, data };
    event = {
      id: generatedId(body as Omit<UnitEvent, 'id'>),
      ...body,
      ...(hash === undefined ? {} : { prevHash, hash }),
    } as UnitEvent;
  } else if (hash === undefined) {
    event = { id, type, unitId, occurredAt, recordedAt: at, data } as UnitEvent;
  } else {
    event = { id, type, unitId, occurredAt, recordedAt: at, data, prevHash, hash } as UnitEvent;
  }
  if (upcast) rememberStoredForm(event, value);
  return event;
}

/**
 * A line this parser has accepted before, read again without checking it: the same event
 * `parseEventLine` gave for it, at the cost of JSON.parse. Only for lines kept by a history that
 * validated them (see jsonl-history.ts); any other text gives undefined behaviour.
 */
export function rereadEventLine(text: string): UnitEvent {
  const value = JSON.parse(text) as EnvelopeFields;
  const type = TYPE_NAMES[value.type as EventType];
  const recordedAt = value.recordedAt === value.occurredAt ? value.occurredAt : value.recordedAt;
  const current = upcastData(type, value.data);
  return assemble(value, type, recordedAt, current, value, current !== value.data);
}

type EnvelopeFields = z.infer<typeof Envelope>;
const TYPE_NAMES = Object.fromEntries(EVENT_TYPES.map((t) => [t, t])) as { [T in EventType]: T };
// The keys the pre-check knows how to judge (the seal's two with the same pattern zod applies); any other key sends the line to zod.
const PLAIN_ENVELOPE_KEYS = new Set(['id', 'type', 'unitId', 'occurredAt', 'recordedAt', 'data', 'prevHash', 'hash']);

const isString = (v: unknown, min: number, max: number): boolean =>
  typeof v === 'string' && v.length >= min && v.length <= max;

/**
 * A cheap check that only ever says yes when `Envelope` would accept `value` unchanged: the
 * common, valid line skips a zod pass (and its copy). Anything else, valid or not, goes to
 * `Envelope`, which stays the judge of every rejection and its message.
 */
function isPlainEnvelope(value: unknown): value is EnvelopeFields {
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const v = value as Record<string, unknown>;
  for (const key in v) if (!PLAIN_ENVELOPE_KEYS.has(key)) return false;
  const data = v.data;
  return (
    (v.id === undefined || isString(v.id, 1, 200)) &&
    isString(v.type, 0, 200) &&
    isString(v.unitId, 1, 200) &&
    isString(v.occurredAt, 0, 64) &&
    (v.recordedAt === undefined || isString(v.recordedAt, 0, 64)) &&
    (v.prevHash === undefined || (typeof v.prevHash === 'string' && SHA256_HEX.test(v.prevHash))) &&
    (v.hash === undefined || (typeof v.hash === 'string' && SHA256_HEX.test(v.hash))) &&
    data !== null &&
    typeof data === 'object' &&
    Object.getPrototypeOf(data) === Object.prototype &&
    !Object.hasOwn(data, 'constructor')
  );
}

/** Ids generated for events imported without one: the same content always gets the same id. */
function generatedId(event: Omit<UnitEvent, 'id'>): string {
  return `h-${contentHash(canonicalJson(event))}`;
}

/** Parses one JSONL line (1-based `line` for messages). */
export function parseEventLine(text: string, line: number): UnitEvent | InputError {
  if (text.length > MAX_LINE_CHARS) return new InputError(line, '', LINE_TOO_LONG);
  if (nestsTooDeep(text)) return new InputError(line, '', TOO_DEEP);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return new InputError(line, '', `invalid JSON: ${(error as Error).message}`);
  }
  // JSON.parse makes `__proto__` an own key; only a line that spells it (or escapes anything) can hold one.
  return checkEvent(value, line, text.includes('__proto__') || text.includes('\\u'), true);
}

/** Result of reading a whole JSONL text: events in line order, with their line numbers. */
export interface ParsedJsonl {
  readonly events: UnitEvent[];
  readonly lines: number[];
}

/** Reads JSONL a part at a time, for a text or a file streamed in chunks: see `parseJsonl`. */
export interface JsonlPartReader {
  /**
   * Reads the next part of the input: whole lines, each ended by `\n` except perhaps the input's
   * last. False once `maxErrors` errors were found: stop reading then. A reader of a file says
   * where the part's bytes are (`at`), for a reader that reads its lines back from the file.
   */
  text(part: string, at?: PartBytes): boolean;
  /**
   * Counts the next line as bad for `reason` without its text: a reader of bytes refuses this way
   * a line it cannot hand over (not UTF-8, longer than MAX_LINE_BYTES). False as `text` says it.
   */
  refuseLine(reason: string): boolean;
  /** Lines read so far. */
  readonly linesRead: number;
}

/** Where a part of the input lies in its file: its first byte and how many bytes it is. */
export interface PartBytes {
  readonly offset: number;
  readonly bytes: number;
}

/** A JsonlPartReader that keeps the events as objects. */
export interface JsonlReader extends JsonlPartReader {
  /** The events read, or throws InputErrors when any line was bad. */
  finish(): ParsedJsonl;
}

export interface JsonlReaderOptions {
  maxErrors?: number;
  /** Named in error messages (a file name). */
  source?: string;
  /** Keep the event of every line, repeats included, comparing no ids (verify must see a copied line). */
  keepRepeats?: boolean;
}

/** The events a reader has kept so far, by position: as objects (`parseJsonl`) or as lines (jsonl-history.ts). */
export interface KeptEvents {
  readonly count: number;
  eventAt(position: number): UnitEvent;
  lineAt(position: number): number;
}

/** Where an accepted event goes: kept at position `kept.count`, from line `n`, found at `part[start, end)`. */
export type KeepEvent = (event: UnitEvent, n: number, start: number, end: number) => void;

/** The rules every JSONL reader applies to its input, whatever it keeps the accepted events as. */
export interface LineJudge {
  /**
   * Reads the next part of the input (see `JsonlPartReader.text`), numbering its lines on from the
   * last part's; hands every event to keep to `keep`. Blank lines, repeats of kept events and bad
   * lines (added to `errors`) are not kept. False once `maxErrors` errors were found.
   */
  readPart(part: string, keep: KeepEvent): boolean;
  /** See `JsonlPartReader.refuseLine`. */
  refuseLine(reason: string): boolean;
  readonly linesRead: number;
  readonly errors: InputError[];
  /** The position of the kept event with this id, or -1 (always -1 with `keepRepeats`). */
  positionOf(id: string): number;
}

export function createLineJudge(kept: KeptEvents, options: JsonlReaderOptions = {}): LineJudge {
  const maxErrors = options.maxErrors ?? 20;
  const source = options.source;
  const errors: InputError[] = [];
  // id -> position; the earlier event's canonical form is computed only for a repeated id.
  const seen = options.keepRepeats ? undefined : createIdIndex((position) => kept.eventAt(position).id);
  let n = 1;

  const judge = (text: string): UnitEvent | undefined => {
    const raw = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    if (raw.charCodeAt(0) !== 123 && raw.trim() === '') return undefined;
    const event = parseEventLine(raw, n);
    if (event instanceof InputError) {
      errors.push(source ? new InputError(event.line, event.field, event.reason, source) : event);
      return undefined;
    }
    if (!seen) return event;
    const earlier = seen.getOrAdd(event.id, kept.count);
    if (earlier < 0) return event;
    if (canonicalJson(kept.eventAt(earlier)) !== canonicalJson(event)) {
      errors.push(
        new InputError(
          n,
          'id',
          `${JSON.stringify(event.id)} is already used by line ${kept.lineAt(earlier)} with different content`,
          source,
        ),
      );
    }
    return undefined;
  };

  return {
    errors,
    positionOf: (id) => (seen ? seen.get(id) : -1),
    get linesRead() {
      return n - 1;
    },
    refuseLine(reason) {
      errors.push(new InputError(n++, '', reason, source));
      return errors.length < maxErrors;
    },
    readPart(part, keep) {
      let start = n === 1 && part.charCodeAt(0) === 0xfeff ? 1 : 0;
      while (start < part.length) {
        let end = part.indexOf('\n', start);
        if (end < 0) end = part.length;
        const event = judge(part.slice(start, end));
        if (event) keep(event, n, start, end);
        n++;
        start = end + 1;
        if (errors.length >= maxErrors) return false;
      }
      return true;
    },
  };
}

/** A JsonlReader: the same rules as `parseJsonl`, fed one part of the text at a time. */
export function createJsonlReader(options: JsonlReaderOptions = {}): JsonlReader {
  const events: UnitEvent[] = [];
  const lines: number[] = [];
  const judge = createLineJudge(
    {
      get count() {
        return events.length;
      },
      eventAt: (i) => events[i]!,
      lineAt: (i) => lines[i]!,
    },
    options,
  );
  // One unitId string per unit, shared by its events.
  const unitIds = new Map<string, string>();
  const keep: KeepEvent = (event, n) => {
    const unitId = unitIds.get(event.unitId);
    if (unitId === undefined) unitIds.set(event.unitId, event.unitId);
    else (event as { unitId: string }).unitId = unitId;
    events.push(event);
    lines.push(n);
  };
  return {
    get linesRead() {
      return judge.linesRead;
    },
    text: (part) => judge.readPart(part, keep),
    refuseLine: (reason) => judge.refuseLine(reason),
    finish() {
      if (judge.errors.length > 0) throw new InputErrors(judge.errors);
      return { events, lines };
    },
  };
}

/**
 * Parses a whole JSONL text: blank lines are skipped, an event repeated under its id is kept once,
 * and one id with two different contents is an error naming both lines. Throws InputErrors (every
 * bad line, up to `maxErrors`) and returns nothing when any line is bad.
 */
export function parseJsonl(text: string, options: JsonlReaderOptions = {}): ParsedJsonl {
  const reader = createJsonlReader(options);
  reader.text(text);
  return reader.finish();
}

/** One event as its JSONL line (canonical key order, so equal events give equal lines). */
export function serializeEvent(event: UnitEvent): string {
  return canonicalJson(event);
}
