/**
 * The command shell (Chassaing's "run on an event store"): read the unit's stream, fold, decide,
 * append with the expected revision; on a concurrency conflict read again and retry, a bounded
 * number of times. A command already recorded returns its stored events and appends nothing.
 */
import { DuplicateEventError, isConcurrencyError, isDuplicateEventError } from '../errors.js';
import { canonicalJson } from '../events/canonical.js';
import type { UnitEvent } from '../events/envelope.js';
import type { PolicyBook } from '../policy/resolve.js';
import type { Policy } from '../policy/schema.js';
import { policyForSale } from '../projections/select-unit.js';
import type { EventStore, RecordedEvent } from '../store/event-store.js';
import { parseCommand } from '../unit/command-schema.js';
import type { UnitCommand } from '../unit/command-schema.js';
import { COMMAND_EVENTS, eventIdFor } from '../unit/commands.js';
import { decide } from '../unit/decide.js';
import { replay } from '../unit/evolve.js';
import { formatInstant, parseInstant } from '../time/instant.js';
import { inBusinessOrder, timed } from '../unit/order.js';
import type { UnitState } from '../unit/state.js';

export interface CommandOptions {
  readonly policies: PolicyBook;
  /** The clock that stamps `recordedAt`. */
  readonly now: () => Date;
  /** Conflicts retried before the ConcurrencyError is thrown (default 3). */
  readonly maxRetries?: number;
  /** How far a command's `occurredAt` may run ahead of `now` before it is refused (default 5 minutes). */
  readonly clockSkewMs?: number;
}

export interface CommandResult {
  /** The events this command recorded (or had recorded, for a repeat). */
  readonly events: UnitEvent[];
  /** True when the command had been recorded before and nothing was appended now. */
  readonly repeated: boolean;
  /** The unit's state after the command. */
  readonly state: UnitState;
  readonly policy: Policy;
}

function policyOf(history: readonly UnitEvent[], command: UnitCommand, book: PolicyBook): Policy {
  const sale = inBusinessOrder(history).find((t) => t.event.type === 'UnitSold');
  if (sale) return policyForSale(sale, book);
  if (command.type === 'RegisterSale')
    return policyForSale(
      timed({ ...command, id: command.commandId, type: 'UnitSold', recordedAt: command.occurredAt }, 0),
      book,
    );
  // No sale yet and not a sale: decide refuses it whatever the policy; any one will do.
  return book.all[0]!;
}

/**
 * The events a command recorded: its first event (id = command id) and those after it in
 * eventIdFor's order. An append is atomic, so without the first nothing of it is stored; a stored
 * event whose id merely looks derived (`call#7`, imported) is never taken for the command `call`.
 */
function commandEvents(recorded: readonly RecordedEvent[], commandId: string): UnitEvent[] {
  const byId = new Map(recorded.map((r) => [r.event.id, r.event]));
  const events: UnitEvent[] = [];
  for (let event = byId.get(eventIdFor(commandId, 0)); event; event = byId.get(eventIdFor(commandId, events.length)))
    events.push(event);
  return events;
}

/**
 * The shell's clock, never behind the stream's latest `recordedAt` (another writer's clock may run
 * ahead of this one): appends that would record an event before one already known are refused.
 */
function recordingTime(now: Date, history: readonly UnitEvent[]): string {
  let latest = now.getTime();
  let text = now.toISOString();
  for (const e of history) {
    const ms = parseInstant(e.recordedAt);
    if (ms !== undefined && ms > latest) [latest, text] = [ms, formatInstant(ms)];
  }
  return text;
}

/** A command id already used for a different command is the caller's mistake, never a silent repeat. */
function checkSameCommand(stored: UnitEvent, command: UnitCommand): void {
  const what = (e: { type: string; unitId: string; occurredAt: string; data: unknown }) =>
    canonicalJson({ type: e.type, unitId: e.unitId, occurredAt: e.occurredAt, data: e.data });
  const now = what({ ...command, type: COMMAND_EVENTS[command.type] });
  if (what(stored) !== now)
    throw new DuplicateEventError(
      stored.id,
      `command id ${command.commandId} already recorded ${what(stored)}, now ${now}`,
    );
}

/**
 * Handles one command against the store. The command is parsed first (parseCommand, against the
 * clock and its skew), before the stream is read: InvalidCommand when it is not a valid command,
 * typed or not. Then it throws CommandRejected when the rules forbid it, UnknownPolicyError for a
 * sale under an unknown policy, ConcurrencyError once retries run out, and DuplicateEventError
 * when the command id was used for a different command. A repeated command
 * (a retry after a lost reply, or the same command sent twice at once) appends nothing and returns
 * the events stored the first time, with `repeated: true`. A ConcurrencyError always means the
 * command was not recorded: before one is thrown the stream is read once more, in case the
 * conflict was this very command recorded by a racing caller.
 * @example await handleCommand(store, { type: 'RecordAcceptance', commandId: 'c-2', unitId: 'U-1', occurredAt, data: {} }, { policies, now: () => new Date() })
 */
export async function handleCommand(
  store: EventStore,
  input: UnitCommand,
  options: CommandOptions,
): Promise<CommandResult> {
  const command = parseCommand(input, { now: options.now(), clockSkewMs: options.clockSkewMs });
  const maxRetries = options.maxRetries ?? 3;
  let failure: unknown;
  for (let attempt = 0; ; attempt++) {
    const recorded = await store.readStream(command.unitId);
    const history = recorded.map((r) => r.event);
    const policy = policyOf(history, command, options.policies);
    const earlier = commandEvents(recorded, command.commandId);
    if (earlier.length > 0) {
      checkSameCommand(earlier[0]!, command);
      return { events: earlier, repeated: true, state: replay(history, policy, command.unitId), policy };
    }
    if (failure !== undefined) throw failure;
    const state = replay(history, policy, command.unitId);
    const recordedAt = recordingTime(options.now(), history);
    const events = decide(command, state, policy).map((e) => ({ ...e, recordedAt }) as UnitEvent);
    if (events.length === 0) return { events, repeated: true, state, policy };
    const last = recorded[recorded.length - 1];
    try {
      const result = await store.append(command.unitId, events, {
        expectedRevision: last ? last.revision : 'no-stream',
        // The stream just read: the layers below (hash chain, store) append without reading it again.
        current: history,
        correlationId: command.correlationId,
        causationId: command.causationId,
      });
      const stored = result.stored ? [...result.stored] : events;
      if (result.written === 0) {
        // Stored already, by a caller that raced us with this very command: a repeat (read again for its state).
        if (attempt < maxRetries) continue;
        return { events: stored, repeated: true, state, policy };
      }
      return {
        events: stored,
        repeated: false,
        state: replay([...history, ...stored], policy, command.unitId),
        policy,
      };
    } catch (error) {
      if (isConcurrencyError(error) && attempt < maxRetries) continue;
      // Out of retries, or another caller stored one of our event ids first: one last read tells a
      // racing twin of this command (a repeat) from a real failure, which is then thrown.
      const race =
        isConcurrencyError(error) || (isDuplicateEventError(error) && events.some((e) => e.id === error.eventId));
      if (!race) throw error;
      failure = error;
    }
  }
}
