/**
 * Hostile input: malformed lines and mutations of valid events never escape as anything but the
 * library's InputError naming the line, and a policy file gets the same treatment.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, InputErrors, parseEventLine, parseJsonl, parsePolicies, PRESETS } from '../../src/index.js';
import { anyJson, hugeString, mutated, nasty, validLines } from './support/hostile.js';

const tally = { tried: 0, escapes: 0, accepted: 0 };

/** Parses one line and records whether anything other than an InputError (or a valid event) came out. */
function tryLine(text: string, line: number): void {
  tally.tried++;
  let result: unknown;
  try {
    result = parseEventLine(text, line);
  } catch (error) {
    tally.escapes++;
    throw new Error(`parseEventLine threw ${String(error)} for ${text.slice(0, 200)}`);
  }
  if (result instanceof InputError) {
    expect(result.line).toBe(line);
    expect(result.message.startsWith(`line ${line}: `)).toBe(true);
  } else {
    tally.accepted++;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }
}

describe('hostile input', () => {
  afterAll(() => {
    console.log(
      `hostile input: ${tally.tried} bad inputs tried, ${tally.escapes} escapes, ${tally.accepted} still-valid mutations accepted`,
    );
  });

  it('random text, JSON values and mutated events are rejected as InputError with the line, or parse cleanly', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          anyJson.map((v) => JSON.stringify(v)),
          mutated,
        ),
        fc.integer({ min: 1, max: 1e6 }),
        (text, line) => {
          tryLine(text, line);
        },
      ),
      { numRuns: 3_000 },
    );
    expect(tally.escapes).toBe(0);
  });

  it('a prototype-pollution key is an error, never an own property or a polluted prototype', () => {
    const line = validLines[0]!.replace('"data": {', '"data": {"__proto__": {"polluted": true}, ');
    const result = parseEventLine(line, 7);
    expect(result).toBeInstanceOf(InputError);
    expect(result as InputError).toMatchObject({ line: 7, field: 'data.__proto__', reason: 'unknown field' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const escaped = validLines[0]!.replace('{', '{"\\u005f_proto__": {"polluted": true}, ');
    expect(parseEventLine(escaped, 8)).toMatchObject({ line: 8, field: '__proto__', reason: 'unknown field' });
    const policy = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(PRESETS[0]).slice(1)}`);
    expect(() => parsePolicies(policy, 'p.json')).toThrow(/^p\.json: __proto__: unknown field$/);
  });

  it('a whole file with one bad line throws InputErrors naming it and returns nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...validLines), { minLength: 1, maxLength: 20 }),
        mutated,
        fc.nat(),
        (good, bad, at) => {
          const lines = [...good];
          const position = at % (lines.length + 1);
          lines.splice(position, 0, bad);
          tally.tried++;
          try {
            parseJsonl(lines.join('\n'));
            tally.accepted++;
          } catch (error) {
            if (!(error instanceof InputErrors)) {
              tally.escapes++;
              throw error;
            }
            expect(error.errors.length).toBeGreaterThan(0);
            for (const e of error.errors) expect(e.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(tally.escapes).toBe(0);
  });

  it('policy files: mutations of the presets are accepted or rejected with an InputError naming the field', () => {
    const policyMutation = fc.record({
      preset: fc.constantFrom(...PRESETS),
      path: fc.array(fc.nat(), { maxLength: 4 }),
      value: fc.oneof(anyJson, hugeString, nasty),
    });
    fc.assert(
      fc.property(policyMutation, ({ preset, path, value }) => {
        const policy = JSON.parse(JSON.stringify(preset)) as Record<string, unknown>;
        let node: Record<string, unknown> = policy;
        for (const step of path.slice(0, -1)) {
          const keys = Object.keys(node);
          const next = node[keys[step % Math.max(keys.length, 1)] ?? ''];
          if (next === null || typeof next !== 'object') break;
          node = next as Record<string, unknown>;
        }
        const keys = Object.keys(node);
        node[keys[(path[path.length - 1] ?? 0) % Math.max(keys.length, 1)] ?? 'extra'] = value;
        tally.tried++;
        try {
          parsePolicies(policy, 'policy.json');
          tally.accepted++;
        } catch (error) {
          if (!(error instanceof InputError)) {
            tally.escapes++;
            throw error;
          }
          expect(error.message.startsWith('policy.json: ')).toBe(true);
        }
      }),
      { numRuns: 1_000 },
    );
    expect(tally.escapes).toBe(0);
  });
});
