/**
 * Given/when/then for rule tests, shaped like Emmett's DeciderSpecification:
 *
 *   given(history).when(command).then([event])              the decider records exactly these
 *   given(history).when(command).thenNothing()              an idempotent repeat records nothing
 *   given(history).when(command).thenRejects(CommandRejected, { rule: 'fault' })
 *   given(history).asOf('2025-06-01').view('U-1')            the contract's JSON view of a unit
 *   given(history).asOf('2025-06-01').knownAt('2025-02-15T00:00:00Z').view()
 *
 * `when` takes a command, or an event (turned into the command that records it).
 */
import { expect } from 'vitest';
import {
  createPolicyBook,
  decide,
  fold,
  initialState,
  parsePolicy,
  PRESETS,
  projectUnits,
  stateDocument,
  type EntitlementView,
  type Policy,
  type PolicyBook,
  type PolicyInput,
  type PendingEvent,
  type UnitCommand,
  type UnitEvent,
  type UnitState,
  type UnitView,
} from '../../src/index.js';
import { commandFor } from './events.js';

export interface GivenOptions {
  /** Policies besides the presets (by id and version). */
  readonly policies?: readonly Policy[];
}

/** A policy like a preset, with some fields changed (a new id unless given). */
export function policyLike(presetId: string, changes: Partial<PolicyInput>): Policy {
  const preset = PRESETS.find((p) => p.id === presetId);
  if (!preset) throw new Error(`no preset ${presetId}`);
  return parsePolicy({ ...preset, id: `${presetId}-custom`, ...changes });
}

/** The policy a unit's sale names in `events`. */
function policyOf(book: PolicyBook, events: readonly UnitEvent[], command?: UnitCommand): Policy {
  const sale = events.find((e): e is Extract<UnitEvent, { type: 'UnitSold' }> => e.type === 'UnitSold');
  if (sale) return book.resolve(sale.data.policyId, { version: sale.data.policyVersion });
  if (command?.type === 'RegisterSale') return book.resolve(command.data.policyId);
  return book.resolve('standard-1y');
}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** A decision under test: the events `decide` returns for one command. */
export interface Decision {
  /** Exactly these events are recorded (ids, types, times and data; `recordedAt` is the store's). */
  then(expected: readonly (UnitEvent | PendingEvent)[]): void;
  /** Nothing is recorded (an idempotent repeat). */
  thenNothing(): void;
  /** The command is refused with an error of `type` whose fields match `fields`. */
  thenRejects<E extends Error>(type: ErrorClass<E>, fields?: Partial<E>): void;
}

/** A projection under test at an as-of (and known-at) moment. */
export interface Projection {
  knownAt(point: string): Projection;
  /** The view of `unitId` (default: the only unit); fails when the unit is not listed. */
  view(unitId?: string): UnitView;
  /** Every listed unit's view, as `state --json` prints them. */
  units(): Record<string, UnitView>;
}

function pending(e: UnitEvent | PendingEvent): PendingEvent {
  const { id, type, unitId, occurredAt, data } = e;
  return { id, type, unitId, occurredAt, data } as PendingEvent;
}

/** Starts a spec from a history (any order; one or more units). */
export function given(history: readonly UnitEvent[], options: GivenOptions = {}) {
  const book = createPolicyBook(options.policies ?? []);

  function stateFor(command: UnitCommand): { state: UnitState; policy: Policy } {
    const own = history.filter((e) => e.unitId === command.unitId);
    const policy = policyOf(book, own, command);
    return { state: fold(own, policy, initialState(command.unitId)), policy };
  }

  function when(input: UnitCommand | UnitEvent): Decision {
    const command = 'commandId' in input ? input : commandFor(input);
    const run = () => {
      const { state, policy } = stateFor(command);
      return decide(command, state, policy);
    };
    return {
      // biome-ignore lint/suspicious/noThenProperty: the given/when/then shape of a DeciderSpecification; a Decision is never awaited.
      then: (expected) => expect(run()).toEqual(expected.map(pending)),
      thenNothing: () => expect(run()).toEqual([]),
      thenRejects(type, fields = {}) {
        let thrown: unknown;
        try {
          run();
        } catch (error) {
          thrown = error;
        }
        expect(thrown, 'the command was not rejected').toBeInstanceOf(type);
        expect(thrown).toMatchObject(fields);
      },
    };
  }

  function projection(asOf: string, knownAt?: string): Projection {
    const units = () => stateDocument(projectUnits(history, { asOf, knownAt, policies: book })).units;
    return {
      knownAt: (point) => projection(asOf, point),
      units,
      view(unitId) {
        const all = units();
        const id = unitId ?? onlyUnit(all);
        const view = all[id];
        if (!view)
          throw new Error(`unit ${id} is not in the view as of ${asOf}${knownAt ? `, known at ${knownAt}` : ''}`);
        return view;
      },
    };
  }

  return { when, asOf: (point: string) => projection(point) };
}

function onlyUnit(units: Record<string, UnitView>): string {
  const ids = Object.keys(units);
  if (ids.length !== 1)
    throw new Error(`expected one unit in the view, found ${ids.length}: ${ids.join(', ')}; name one`);
  return ids[0]!;
}

/** The view's coverage line for `component`; fails when there is none. */
export function line(view: UnitView, component = 'unit') {
  const found = view.coverage.find((l) => l.component === component);
  if (!found) throw new Error(`no ${component} line in ${JSON.stringify(view.coverage)}`);
  return found;
}

/** The view's entitlements of one kind. */
export function entitlements(view: UnitView, kind: EntitlementView['kind']): EntitlementView[] {
  return view.entitlements.filter((e) => e.kind === kind);
}

/** The view's failed-repair count for a problem (0 when not listed). */
export function failedRepairs(view: UnitView, problemCode: string, component = 'unit'): number {
  return view.failedRepairs.find((f) => f.component === component && f.problemCode === problemCode)?.count ?? 0;
}
