/**
 * Hostile input for the parser, the policy reader and the command line: the scenarios' valid
 * lines, and arbitraries for malformed lines (bad JSON, wrong types, huge strings, unknown types,
 * dates out of range, missing and extra fields, prototype-pollution keys, broken seals) and for
 * mutations of valid events.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { COMMAND_EVENTS } from '../../../src/index.js';

const scenarios = join(__dirname, '..', '..', 'scenarios');

/** Every line of the public scenarios: valid events. */
export const validLines = readdirSync(scenarios, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readFileSync(join(scenarios, d.name, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean),
  );

export const nasty = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
export const anyJson = fc.jsonValue({ maxDepth: 4 });
export const hugeString = fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n));
export const badDate = fc.constantFrom(
  '2025-02-30T00:00:00Z',
  '2025-13-01T00:00:00Z',
  '2025-01-01T24:00:00Z',
  '+275760-09-13T00:00:01Z',
  '2025-01-01',
  '2025-01-01T00:00:00',
  '0000-00-00T00:00:00Z',
  '2025-01-01T00:00:00+25:00',
  '',
  'yesterday',
);
const badHash = fc.oneof(anyJson, fc.constantFrom('0'.repeat(63), 'g'.repeat(64), 'A'.repeat(64), '0'.repeat(65)));

/** A valid event from the scenarios, with one hostile change. */
export const mutated = fc
  .record({
    base: fc.constantFrom(...validLines),
    how: fc.constantFrom(
      'drop',
      'set',
      'add',
      'proto',
      'date',
      'huge',
      'type',
      'data-set',
      'data-drop',
      'data-add',
      'seal',
    ),
    key: nasty,
    value: fc.oneof(anyJson, hugeString, badDate),
    hash: badHash,
  })
  .map(({ base, how, key, value, hash }) => {
    const event = JSON.parse(base) as Record<string, unknown> & { data: Record<string, unknown> };
    const keys = Object.keys(event);
    const dataKeys = Object.keys(event.data);
    const pick = (list: string[]) => list[Math.abs(key.length * 7919) % Math.max(list.length, 1)] ?? 'id';
    switch (how) {
      case 'drop':
        delete event[pick(keys)];
        break;
      case 'set':
        event[pick(keys)] = value;
        break;
      case 'add':
        event[key] = value;
        break;
      case 'proto':
        return base.replace('{', `{"__proto__": {"polluted": ${JSON.stringify(value)}}, `);
      case 'date':
        event[key.length % 2 ? 'occurredAt' : 'recordedAt'] = value;
        break;
      case 'huge':
        event.unitId = 'U'.repeat(300_000);
        break;
      case 'type':
        event.type = key;
        break;
      case 'data-set':
        event.data[pick(dataKeys)] = value;
        break;
      case 'data-drop':
        delete event.data[pick(dataKeys)];
        break;
      case 'data-add':
        event.data[key] = value;
        break;
      case 'seal':
        event[key.length % 2 ? 'hash' : 'prevHash'] = hash;
        break;
    }
    return JSON.stringify(event);
  });

/** One bad line of any kind: random text, binary, JSON that is no event, or a mutated event. */
export const badLine = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  anyJson.map((v) => JSON.stringify(v)),
  mutated,
  mutated,
);

/** A file of valid lines with hostile ones among them (some may still be valid: check before use). */
export const hostileFile = fc
  .tuple(
    fc.array(fc.constantFrom(...validLines), { minLength: 0, maxLength: 12 }),
    fc.array(fc.tuple(badLine, fc.nat()), { minLength: 1, maxLength: 3 }),
  )
  .map(([good, bad]) => {
    const lines = [...good];
    for (const [line, at] of bad) lines.splice(at % (lines.length + 1), 0, line.replace(/\n/g, ' '));
    return `${lines.join('\n')}\n`;
  });

const COMMAND_OF_EVENT: Record<string, string> = Object.fromEntries(
  Object.entries(COMMAND_EVENTS).map(([command, event]) => [event, command]),
);

/** The command that records a scenario line's event, as an untyped caller (JSON over HTTP) would send it. */
export function commandOfLine(line: string): Record<string, unknown> & { data: Record<string, unknown> } {
  const event = JSON.parse(line) as {
    id: string;
    type: string;
    unitId: string;
    occurredAt: string;
    data: Record<string, unknown>;
  };
  return {
    type: COMMAND_OF_EVENT[event.type] ?? event.type,
    commandId: event.id,
    unitId: event.unitId,
    occurredAt: event.occurredAt,
    data: event.data,
  };
}

/** A valid command from the scenarios with one of the hostile changes `mutated` makes to events (JSON text, so `__proto__` is an own key). */
export const mutatedCommand = fc
  .record({
    base: fc.constantFrom(...validLines),
    how: fc.constantFrom(
      'drop',
      'set',
      'add',
      'proto',
      'date',
      'huge',
      'type',
      'data-set',
      'data-drop',
      'data-add',
      'id',
    ),
    key: nasty,
    value: fc.oneof(anyJson, hugeString, badDate),
  })
  .map(({ base, how, key, value }) => {
    const command = commandOfLine(base);
    const keys = Object.keys(command);
    const dataKeys = Object.keys(command.data);
    const pick = (list: string[]) => list[Math.abs(key.length * 7919) % Math.max(list.length, 1)] ?? 'commandId';
    switch (how) {
      case 'drop':
        delete command[pick(keys)];
        break;
      case 'set':
        command[pick(keys)] = value;
        break;
      case 'add':
        command[key] = value;
        break;
      case 'proto':
        return JSON.parse(
          JSON.stringify(command).replace('{', () => `{"__proto__": {"polluted": ${JSON.stringify(value)}}, `),
        ) as unknown;
      case 'date':
        command.occurredAt = value;
        break;
      case 'huge':
        command.unitId = 'U'.repeat(300_000);
        break;
      case 'type':
        command.type = key;
        break;
      case 'data-set':
        command.data[pick(dataKeys)] = value;
        break;
      case 'data-drop':
        delete command.data[pick(dataKeys)];
        break;
      case 'data-add':
        command.data[key] = value;
        break;
      case 'id':
        command.commandId = `${String(command.commandId)}#${key.length}`;
        break;
    }
    return JSON.parse(JSON.stringify(command)) as unknown;
  });
