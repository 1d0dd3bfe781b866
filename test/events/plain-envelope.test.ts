import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseEvent } from '../../src/events/jsonl.js';

const valid = {
  id: 'e-1',
  type: 'TrainingProvided',
  unitId: 'U-1',
  occurredAt: '2025-01-01T00:00:00Z',
  data: { free: true },
};

describe('the envelope pre-check', () => {
  it('never lets a key it does not judge past zod (hash-chain fields are still checked)', () => {
    const result = parseEvent({ ...valid, prevHash: 'nope', hash: 'nope' }, 3);
    expect(result).toBeInstanceOf(InputError);
    expect((result as InputError).line).toBe(3);
    expect((result as InputError).field).toMatch(/^(prevHash|hash)$/);
  });

  it('rejects over-long, empty, wrongly typed and unknown envelope fields, naming the field', () => {
    const field = fc.constantFrom('id', 'type', 'unitId', 'occurredAt', 'recordedAt', 'data', 'extra');
    const value = fc.oneof(
      fc.constant(''),
      fc.constant('x'.repeat(201)),
      fc.constant('x'.repeat(65)),
      fc.integer(),
      fc.constant(null),
      fc.constant([]),
      fc.constant({}),
    );
    fc.assert(
      fc.property(field, value, (key, v) => {
        const result = parseEvent({ ...valid, [key]: v }, 1);
        if (result instanceof InputError) expect(result.field.split('.')[0]).toBe(key === 'data' ? 'data' : key);
        else expect(result.type).toBe('TrainingProvided');
      }),
    );
  });
});
