/**
 * Commands parsed at the edge: one zod schema per command, built from the event catalogue's own
 * data schemas (so a command and the event it records cannot drift), and `parseCommand`, which
 * turns an unknown value (JSON from an HTTP request) into a typed command or an InvalidCommand
 * listing every issue as `field: why`.
 */
import { z } from 'zod';
import { InvalidCommand, type CommandIssue } from '../errors.js';
import { eventDataSchemas, id } from '../events/catalogue.js';
import { reasonOf } from '../events/issues.js';
import { unsafeValuePath } from '../events/proto-key.js';
import { parseInstant } from '../time/instant.js';
import { COMMAND_EVENTS, COMMAND_ID_SEPARATOR, type CommandType } from './commands.js';

/** Room left in an event id (200 characters) for a derived id's `#N`. */
const MAX_COMMAND_ID = 190;

const commandId = id.max(MAX_COMMAND_ID).refine((text) => !text.includes(COMMAND_ID_SEPARATOR), {
  error: `must not contain "${COMMAND_ID_SEPARATOR}" (it separates a command id from the number of a derived event id)`,
});
const timestamp = z
  .string()
  .max(64)
  .refine((text) => parseInstant(text) !== undefined, {
    error: 'expected an ISO 8601 timestamp with an offset, such as 2025-03-01T09:00:00Z',
  });

function commandSchema<C extends CommandType>(type: C) {
  return z.strictObject({
    type: z.literal(type),
    /** The caller's id for this request; repeating it is safe. */
    commandId,
    unitId: id,
    /** Business time (ISO 8601 with an offset), never later than the recording clock plus its skew. */
    occurredAt: timestamp,
    data: eventDataSchemas[COMMAND_EVENTS[type]] as (typeof eventDataSchemas)[(typeof COMMAND_EVENTS)[C]],
    /** Ids that tie events to the request that caused them (kept in store metadata). */
    correlationId: id.optional(),
    causationId: id.optional(),
  });
}

type CommandSchema<C extends CommandType> = ReturnType<typeof commandSchema<C>>;

/** Every command type and the zod schema of the whole command. */
export const commandSchemas = Object.fromEntries(
  (Object.keys(COMMAND_EVENTS) as CommandType[]).map((type) => [type, commandSchema(type)]),
) as { readonly [C in CommandType]: CommandSchema<C> };

/** One command of one type; `data` has the fields of the event it records. */
export type CommandOf<C extends CommandType> = Readonly<z.infer<CommandSchema<C>>>;

/** Any command, discriminated by `type`. */
export type UnitCommand = { [C in CommandType]: CommandOf<C> }[CommandType];

const COMMAND_TYPES = Object.keys(COMMAND_EVENTS) as CommandType[];
const isCommandType = (type: unknown): type is CommandType =>
  typeof type === 'string' && Object.hasOwn(COMMAND_EVENTS, type);

/** The fields every command has, to report what else is wrong when the type is unknown. */
const CommandFields = z.object({ commandId, unitId: id, occurredAt: timestamp });

export interface ParseCommandOptions {
  /** The recording clock's reading: `occurredAt` may not be later than it plus `clockSkewMs`. */
  readonly now?: Date;
  /** How far `occurredAt` may run ahead of `now` (default 5 minutes: clocks of two machines disagree). */
  readonly clockSkewMs?: number;
}

/** The default of `clockSkewMs`: 5 minutes. */
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

const issuesOf = (error: z.ZodError, value: unknown): CommandIssue[] =>
  error.issues.map((issue) => reasonOf(issue, value));

function typeIssue(type: unknown): CommandIssue {
  if (type === undefined) return { field: 'type', reason: 'required' };
  return { field: 'type', reason: `unknown command type ${JSON.stringify(type)} (known: ${COMMAND_TYPES.join(', ')})` };
}

function futureIssue(occurredAt: string, options: ParseCommandOptions): CommandIssue | undefined {
  if (options.now === undefined) return undefined;
  const skew = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  const ms = parseInstant(occurredAt)!;
  if (ms <= options.now.getTime() + skew) return undefined;
  return {
    field: 'occurredAt',
    reason: `${occurredAt} is later than the recording clock (${options.now.toISOString()}) by more than ${skew / 60_000} minutes: a command records what has happened`,
  };
}

/**
 * Checks an unknown value as a command: its type, every field of the command and of the event it
 * records, and (with `now`) that it did not occur in the future. Returns a fresh typed command;
 * throws InvalidCommand with every issue found.
 * @example const command = parseCommand(await request.json(), { now: new Date() });
 */
export function parseCommand(value: unknown, options: ParseCommandOptions = {}): UnitCommand {
  const fields =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const commandIdOf = typeof fields?.commandId === 'string' ? fields.commandId : undefined;
  const refuse = (issues: CommandIssue[]): never => {
    throw new InvalidCommand(issues, commandIdOf);
  };
  if (!fields)
    return refuse([
      {
        field: '',
        reason: `expected a command object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
      },
    ]);
  const unsafe = unsafeValuePath(fields);
  if (unsafe) return refuse([unsafe]);
  if (!isCommandType(fields.type)) {
    const rest = CommandFields.safeParse(fields);
    return refuse([typeIssue(fields.type), ...(rest.success ? [] : issuesOf(rest.error, fields))]);
  }
  const parsed = commandSchemas[fields.type].safeParse(fields);
  if (!parsed.success) return refuse(issuesOf(parsed.error, fields));
  const future = futureIssue(parsed.data.occurredAt, options);
  if (future) return refuse([future]);
  return parsed.data as UnitCommand;
}
