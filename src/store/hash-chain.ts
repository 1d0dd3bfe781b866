/**
 * The hash chain (tamper-evident history), above the EventStore interface so every store gets it:
 * each event appended through `withHashChain` is sealed with `prevHash`, the hash of the event
 * before it in its stream (GENESIS_HASH for the first), and `hash` = SHA-256 of `prevHash`
 * followed by the event's canonical JSON without its seal. docs/reliability.md has the details.
 */
import { canonicalJson } from '../events/canonical.js';
import type { UnitEvent } from '../events/envelope.js';
import { storedFormOf } from '../events/upcasters.js';
import { parseInstant } from '../time/instant.js';
import { ConcurrencyError, DuplicateEventError, InputError, isConcurrencyError } from '../errors.js';
import { checkAppend } from './append-checks.js';
import type { AppendOptions, AppendResult, EventStore, ExpectedRevision } from './event-store.js';
import { portableSha256, type Sha256 } from './sha256.js';

/** The `prevHash` of a stream's first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** A value without its seal (`prevHash`, `hash`): what the hash covers. */
export function unsealed(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const { prevHash: _p, hash: _h, ...body } = value as Record<string, unknown>;
  return body;
}

/** SHA-256 (hex) of `prevHash` followed by the canonical JSON of `body`, both UTF-8. */
export function chainHash(prevHash: string, body: unknown, hash: Sha256 = portableSha256): string {
  return hash(prevHash + canonicalJson(body));
}

/** What a stored event's hash covers: its stored form (as read, before any upcast) without its seal. */
export function storedBody(event: UnitEvent): unknown {
  return unsealed(storedFormOf(event));
}

/**
 * The hash the next event of a stream chains from: the last event's `hash`, or for events written
 * before hashing (no seal) the hash they would have had, so a legacy prefix is covered by the
 * first sealed event after it.
 */
export function headHash(stream: readonly UnitEvent[], hash: Sha256 = portableSha256): string {
  let from = stream.length;
  while (from > 0 && stream[from - 1]!.hash === undefined) from--;
  let head = from > 0 ? stream[from - 1]!.hash! : GENESIS_HASH;
  for (let i = from; i < stream.length; i++) head = chainHash(head, storedBody(stream[i]!), hash);
  return head;
}

const sameBody = (a: UnitEvent, b: UnitEvent): boolean =>
  a === b || canonicalJson(unsealed(a)) === canonicalJson(unsealed(b));

/** An append planned onto a stream: the events to write (sealed), and every event of the append as it will be stored. */
export interface SealPlan {
  readonly fresh: UnitEvent[];
  readonly stored: UnitEvent[];
}

/**
 * Seals `events` onto the end of `stream`. An event whose id the stream holds with the same content
 * (seal aside) is a retry and is skipped; the same id with other content is a DuplicateEventError.
 * An event that arrives sealed (an imported sealed export) must chain exactly where it lands, or it
 * is an InputError: a seal is never replaced.
 */
export function planSeal(
  streamId: string,
  stream: readonly UnitEvent[],
  events: readonly UnitEvent[],
  sha256: Sha256 = portableSha256,
): SealPlan {
  const byId = new Map<string, UnitEvent>();
  for (const e of stream) byId.set(e.id, e);
  // An id stored with other content is named first, before any judgement of where the rest would land.
  for (const event of events) {
    const earlier = byId.get(event.id);
    if (
      earlier &&
      !(
        sameBody(earlier, event) &&
        (earlier.hash === undefined || event.hash === undefined || earlier.hash === event.hash)
      )
    ) {
      throw new DuplicateEventError(event.id, `stored as ${canonicalJson(earlier)}, now ${canonicalJson(event)}`);
    }
  }
  let prev = headHash(stream, sha256);
  let known = lastRecorded(stream);
  const fresh: UnitEvent[] = [];
  const stored: UnitEvent[] = [];
  for (const event of events) {
    const earlier = byId.get(event.id);
    if (earlier) {
      if (!sameBody(earlier, event))
        throw new DuplicateEventError(event.id, `stored as ${canonicalJson(earlier)}, now ${canonicalJson(event)}`);
      stored.push(earlier);
      continue;
    }
    const body = unsealed(event) as Omit<UnitEvent, 'prevHash' | 'hash'>;
    const hash = chainHash(prev, body, sha256);
    if (event.hash !== undefined && (event.prevHash !== prev || event.hash !== hash)) {
      if (storedFormOf(event) !== event) {
        throw new InputError(
          undefined,
          'hash',
          `event ${event.id} was sealed in an older shape and upcast on reading: its seal covers that shape, not the one stored now; import it without prevHash and hash to seal it again`,
        );
      }
      throw new InputError(
        undefined,
        'hash',
        `event ${event.id} is sealed for another place in stream ${streamId}: it chains from ${event.prevHash}, the stream's last hash is ${prev}`,
      );
    }
    known = checkRecordedAt(streamId, event, known);
    const sealed = { ...body, prevHash: prev, hash } as UnitEvent;
    byId.set(sealed.id, sealed);
    fresh.push(sealed);
    stored.push(sealed);
    prev = hash;
  }
  return { fresh, stored };
}

/** The latest `recordedAt` of a stream (ms) and the event that has it. */
type Known = { readonly ms: number; readonly event: UnitEvent } | undefined;

function lastRecorded(stream: readonly UnitEvent[]): Known {
  let known: Known;
  for (const event of stream) {
    const ms = parseInstant(event.recordedAt) ?? Number.NaN;
    if (known === undefined || ms > known.ms) known = { ms, event };
  }
  return known;
}

/**
 * What the ledger knew can never change later: an event recorded before the stream's last event
 * would change the known-at view of a moment already past, so it is refused.
 */
function checkRecordedAt(streamId: string, event: UnitEvent, known: Known): Known {
  const ms = parseInstant(event.recordedAt) ?? Number.NaN;
  if (known !== undefined && ms < known.ms) {
    throw new InputError(
      undefined,
      'recordedAt',
      `event ${event.id} was recorded at ${event.recordedAt}, before ${known.event.id} (${known.event.recordedAt}), the latest event of stream ${streamId}: an append may not change what was known at a moment already past`,
    );
  }
  return known === undefined || ms > known.ms ? { ms, event } : known;
}

function isRetry(stream: readonly UnitEvent[], events: readonly UnitEvent[]): boolean {
  const ids = new Set(stream.map((e) => e.id));
  return events.every((e) => ids.has(e.id));
}

const SEALING = Symbol.for('warranty-ledger.hash-chain');

export interface HashChainOptions {
  /** Read-seal-append rounds for an `any`/`stream-exists` append that races another writer (default 5). */
  readonly conflictRounds?: number;
  /** The SHA-256 to seal with (default the portable one; `nodeSha256` from `warranty-ledger/node` is faster on Node). */
  readonly hash?: Sha256;
}

/** True when a store seals its appends (made by `withHashChain`). */
export function isHashChained(store: EventStore): boolean {
  return (store as unknown as Record<symbol, unknown>)[SEALING] === true;
}

function pinnedRevision(expected: ExpectedRevision, last: number): ExpectedRevision {
  if (expected === 'stream-exists' && last < 0) return expected;
  return last < 0 ? 'no-stream' : last;
}

/**
 * A store that seals every append into its stream's hash chain (a store already sealing is
 * returned as is). Each append reads the stream, seals the new events onto its head and appends
 * them with the revision read: an `any` append that loses a race reads and seals again, so
 * concurrent writers can never fork a chain. Results carry the events as stored in `stored`.
 * @example const store = withHashChain(await openFileStore('ledger.jsonl'));
 */
export function withHashChain<S extends EventStore>(store: S, options: HashChainOptions = {}): S {
  if (isHashChained(store)) return store;
  const rounds = Math.max(1, options.conflictRounds ?? 5);
  async function append(
    streamId: string,
    events: readonly UnitEvent[],
    appendOptions: AppendOptions = {},
  ): Promise<AppendResult> {
    // The caller's events, before sealing: the store below checks the sealed ones again.
    checkAppend(streamId, events);
    const expected = appendOptions.expectedRevision ?? 'any';
    const pinned = expected === 'any' || expected === 'stream-exists';
    // The caller's read of the stream stands for this layer's first read (and the store's below).
    let known = appendOptions.current;
    for (let round = 1; ; round++) {
      const fromCaller = known !== undefined;
      const stream = known ?? (await store.readStream(streamId)).map((r) => r.event);
      known = undefined;
      // A stream not at the expected revision is a conflict (unless this is a retry of an append it holds), whatever the events say.
      const actual = stream.length === 0 ? 'no-stream' : stream.length - 1;
      if (!pinned && expected !== actual && !isRetry(stream, events)) {
        if (fromCaller) continue;
        throw new ConcurrencyError(streamId, expected, actual);
      }
      const plan = planSeal(streamId, stream, events, options.hash);
      if (plan.fresh.length === 0) return { nextExpectedRevision: stream.length - 1, written: 0, stored: plan.stored };
      const expectedRevision = pinned ? pinnedRevision(expected, stream.length - 1) : expected;
      try {
        const result = await store.append(streamId, plan.fresh, {
          ...appendOptions,
          expectedRevision,
          current: stream,
        });
        return { ...result, stored: plan.stored };
      } catch (error) {
        // A conflict on the caller's read is read again once, as the store's own read would have been.
        if (!isConcurrencyError(error)) throw error;
        if (!fromCaller && (!pinned || round >= rounds)) throw error;
      }
    }
  }
  return { ...store, append, [SEALING]: true } as S;
}
