/** The library's errors: a base `LedgerError` and one small class per failure. */

/** Base class of every error the library throws on purpose. */
export class LedgerError extends Error {
  override name: string = 'LedgerError';
}

/** Bad input: a JSONL line, a policy file or a flag, with the line and field at fault. */
export class InputError extends LedgerError {
  override name = 'InputError' as const;
  constructor(
    readonly line: number | undefined,
    readonly field: string,
    readonly reason: string,
    readonly source?: string,
  ) {
    super(
      `${source ? `${source}: ` : ''}${line === undefined ? '' : `line ${line}: `}${field ? `${field}: ` : ''}${reason}`,
    );
  }
}

/** Several input errors found in one pass; `errors` lists them in input order. */
export class InputErrors extends LedgerError {
  override name = 'InputErrors' as const;
  constructor(readonly errors: readonly InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/** A command the rules forbid; `rule` names the rulebook rule that refused it. */
export class CommandRejected extends LedgerError {
  override name = 'CommandRejected' as const;
  constructor(
    readonly rule: string,
    readonly reason: string,
  ) {
    super(`${rule}: ${reason}`);
  }
}

/** A policy id (or id and version) that no known policy has. */
export class UnknownPolicyError extends LedgerError {
  override name = 'UnknownPolicyError' as const;
  constructor(
    readonly policyId: string,
    readonly version?: number,
  ) {
    super(`unknown policy "${policyId}"${version === undefined ? '' : ` version ${version}`}`);
  }
}

/** An append whose expected revision did not match the stream's actual revision. */
export class ConcurrencyError extends LedgerError {
  override name = 'ConcurrencyError' as const;
  constructor(
    readonly streamId: string,
    readonly expectedRevision: number | 'no-stream' | 'any',
    readonly actualRevision: number | 'no-stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expectedRevision)}, actual ${String(actualRevision)}`);
  }
}

/** Two different events under one id: ids are the identity of an event, stored once. */
export class DuplicateEventError extends LedgerError {
  override name = 'DuplicateEventError' as const;
  constructor(
    readonly eventId: string,
    readonly detail: string,
  ) {
    super(`event id ${eventId} is already used by a different event: ${detail}`);
  }
}

/** One thing wrong with a command: the field (dotted path, `''` for the whole command) and why. */
export interface CommandIssue {
  readonly field: string;
  readonly reason: string;
}

/** A command that is not one (wrong type, a missing or malformed field, a time in the future): nothing was read or stored. */
export class InvalidCommand extends LedgerError {
  override name = 'InvalidCommand' as const;
  constructor(
    /** Every issue found, in the order zod reported them. */
    readonly issues: readonly CommandIssue[],
    readonly commandId?: string,
  ) {
    super(
      `invalid command${commandId === undefined || commandId.length > 200 ? '' : ` ${JSON.stringify(commandId)}`}: ${issues.map((i) => (i.field ? `${i.field}: ${i.reason}` : i.reason)).join('; ')}`,
    );
  }
}

const LEDGER_ERROR_NAMES = new Set([
  'LedgerError',
  'InputError',
  'InputErrors',
  'CommandRejected',
  'UnknownPolicyError',
  'ConcurrencyError',
  'DuplicateEventError',
  'StoreLockedError',
  'InvalidCommand',
]);

const guard =
  <T extends LedgerError>(name: string) =>
  (error: unknown): error is T =>
    error instanceof LedgerError ? error.name === name : (error as { name?: unknown } | null)?.name === name;

/** True for any error this library throws on purpose. */
export const isLedgerError = (error: unknown): error is LedgerError =>
  error instanceof LedgerError || LEDGER_ERROR_NAMES.has((error as { name?: unknown } | null)?.name as string);
export const isInputError = guard<InputError>('InputError');
export const isInputErrors = guard<InputErrors>('InputErrors');
export const isCommandRejected = guard<CommandRejected>('CommandRejected');
export const isConcurrencyError = guard<ConcurrencyError>('ConcurrencyError');
export const isUnknownPolicyError = guard<UnknownPolicyError>('UnknownPolicyError');
export const isDuplicateEventError = guard<DuplicateEventError>('DuplicateEventError');
export const isInvalidCommand = guard<InvalidCommand>('InvalidCommand');
