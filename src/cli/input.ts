/** Reading what the CLI is given: an events file, policy files, time flags. Errors name the line and field. */
import { readFileSync } from 'node:fs';
import { InputError, InputErrors } from '../errors.js';
import type { UnitEvent } from '../events/envelope.js';
import { parseJsonl } from '../events/jsonl.js';
import { createPolicyBook, parsePolicies, type PolicyBook } from '../policy/resolve.js';
import type { Policy } from '../policy/schema.js';

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(undefined, '', `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Policies from `--policy` files (each one policy or a list), added to the presets. */
export function loadPolicyBook(paths: readonly string[]): PolicyBook {
  const policies: Policy[] = [];
  for (const path of paths) {
    let value: unknown;
    try {
      value = JSON.parse(readText(path, 'policy file'));
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(undefined, '', `invalid JSON: ${(error as Error).message}`, path);
    }
    policies.push(...parsePolicies(value, path));
  }
  return createPolicyBook(policies);
}

/** Every sale names a policy (and version) the book knows; errors name the sale's line. */
export function checkSalePolicies(events: readonly UnitEvent[], lines: readonly number[], book: PolicyBook): void {
  const errors: InputError[] = [];
  events.forEach((e, i) => {
    if (e.type !== 'UnitSold') return;
    const { policyId, policyVersion } = e.data;
    if (!book.has(policyId)) {
      errors.push(new InputError(lines[i], 'data.policyId', `unknown policy ${JSON.stringify(policyId)} (known: ${[...new Set(book.all.map((p) => p.id))].join(', ')})`));
      return;
    }
    if (policyVersion !== undefined && !book.all.some((p) => p.id === policyId && p.version === policyVersion)) {
      errors.push(new InputError(lines[i], 'data.policyVersion', `policy ${policyId} has no version ${policyVersion}`));
    }
  });
  if (errors.length > 0) throw new InputErrors(errors);
}

/** An events file: every line valid and every sale's policy known, or nothing. */
export function loadEvents(path: string, book: PolicyBook): { events: UnitEvent[]; lines: number[] } {
  const parsed = parseJsonl(readText(path, 'events file'));
  checkSalePolicies(parsed.events, parsed.lines, book);
  return parsed;
}
