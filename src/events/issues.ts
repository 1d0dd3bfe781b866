/** Turns zod issues into the library's InputError: which line, which field, why. */
import type { z } from 'zod';
import { InputError } from '../errors.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function oneOf(values: readonly unknown[]): string {
  const names = values.map((v) => String(v));
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** One reason per zod issue, in the style `expected general, serious or urgent`. */
export function reasonOf(issue: z.core.$ZodIssue, input: unknown): { field: string; reason: string } {
  const field = issue.path.map(String).join('.');
  const at = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return at === undefined
        ? { field, reason: 'required' }
        : {
            field,
            reason: `expected ${issue.expected === 'int' ? 'an integer' : issue.expected}, got ${describe(at)}`,
          };
    case 'invalid_value':
      return { field, reason: `expected ${oneOf(issue.values)}, got ${describe(at)}` };
    case 'unrecognized_keys':
      return {
        field: [field, issue.keys[0]].filter(Boolean).join('.'),
        reason: `unknown field${issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).join(', ')})` : ''}`,
      };
    case 'too_small':
      return {
        field,
        reason:
          issue.origin === 'string'
            ? Number(issue.minimum) <= 1
              ? 'must not be empty'
              : `at least ${issue.minimum} characters`
            : `must be at least ${issue.minimum}`,
      };
    case 'too_big':
      return {
        field,
        reason:
          issue.origin === 'string'
            ? `at most ${issue.maximum} characters`
            : issue.origin === 'array'
              ? `at most ${issue.maximum} elements`
              : `must be at most ${issue.maximum}`,
      };
    default:
      return { field, reason: issue.message };
  }
}

/** The first zod issue of a failed parse as an InputError; `prefix` is the path of the parsed part. */
export function inputErrorFrom(
  error: z.ZodError,
  input: unknown,
  line: number | undefined,
  prefix = '',
  source?: string,
): InputError {
  const issue = error.issues[0]!;
  const { field, reason } = reasonOf(issue, input);
  return new InputError(line, [prefix, field].filter(Boolean).join('.'), reason, source);
}
