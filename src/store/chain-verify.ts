/**
 * Verifying hash chains: every stream's events in stream order, each seal checked against its
 * content and its predecessor, and the first break of each stream named and classified (changed,
 * removed, reordered, inserted, unsealed, backdated: recorded before an event earlier in the
 * stream, which changes what was known at a moment already past). Events written before hashing (an unsealed prefix) are
 * counted, not passed as sealed; an anchor (heads recorded earlier) also catches a cut-off tail.
 */
import type { UnitEvent } from '../events/envelope.js';
import { parseInstant } from '../time/instant.js';
import { GENESIS_HASH, chainHash, storedBody } from './hash-chain.js';
import type { Sha256 } from './sha256.js';

/** How a chain breaks at an event. */
export type ChainBreakKind = 'changed' | 'removed' | 'reordered' | 'inserted' | 'unsealed' | 'backdated';

/** The first break of one stream's chain. */
export interface ChainBreak {
  readonly streamId: string;
  /** Where the event is (its revision, or its line and revision in a file). */
  readonly at: string;
  readonly revision: number;
  readonly eventId: string | undefined;
  readonly kind: ChainBreakKind;
  readonly detail: string;
}

/** The last event of a stream and its hash: recorded as an anchor, checked by a later verify. */
export interface ChainHead {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly hash: string;
}

/** One stream's events in stream order; `locate(i)` names event `i` in messages (default `revision i`). */
export interface StreamInput {
  readonly streamId: string;
  readonly events: readonly UnitEvent[];
  readonly locate?: ((index: number) => string) | undefined;
  /** Each event's place in the store's log order (0-based: a file's line order, a store's global order), for anchors. */
  readonly positions?: readonly number[] | undefined;
}

export interface ChainReport {
  /** True when no stream breaks (an unsealed prefix is not a break: see `unsealed`). */
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly sealed: number;
  /** Events written before hashing (a stream's unsealed prefix): reported, never counted as sealed. */
  readonly unsealed: number;
  /** The first break of each broken stream, and anchored heads that no longer hold. */
  readonly breaks: ChainBreak[];
  /** Each stream's head, for `--write-anchor`. */
  readonly heads: ChainHead[];
}

interface Walk {
  readonly input: StreamInput;
  readonly hashes: string[];
  readonly selfValid: (i: number) => boolean;
}

const prevOf = (walk: Walk, i: number): string => (i === 0 ? GENESIS_HASH : walk.hashes[i - 1]!);

function breakAt(walk: Walk, index: number, kind: ChainBreakKind, detail: string): ChainBreak {
  const { input } = walk;
  return {
    streamId: input.streamId,
    at: (input.locate ?? ((i) => `revision ${i}`))(index),
    revision: index,
    eventId: input.events[index]?.id,
    kind,
    detail,
  };
}

/** Names and classifies the first break, at `i` (positions before it chain correctly). */
function classify(walk: Walk, i: number): ChainBreak {
  const events = walk.input.events;
  const e = events[i]!;
  const where = (j: number) => (walk.input.locate ?? ((k) => `revision ${k}`))(j);
  const expected = prevOf(walk, i);
  const twin = events.findIndex((other, j) => j !== i && other.id === e.id);
  if (twin >= 0) return breakAt(walk, i, 'inserted', `a second copy of the event at ${where(twin)}`);
  const next = events[i + 1];
  const later = e.prevHash === undefined ? -1 : events.findIndex((other, j) => j > i && other.hash === e.prevHash);
  if (e.hash !== undefined && walk.selfValid(i) && later >= 0) {
    return breakAt(walk, i, 'reordered', `it follows the event at ${where(later)} in the chain, which comes after it`);
  }
  if (next?.prevHash === expected)
    return breakAt(walk, i, 'inserted', 'the event after it chains from the event before it');
  if (e.hash === undefined)
    return breakAt(
      walk,
      i,
      'unsealed',
      'it has no seal but follows sealed events: its seal was stripped, or it was appended without the hash chain',
    );
  if (!walk.selfValid(i)) return breakAt(walk, i, 'changed', 'its content no longer gives its hash');
  const earlier = e.prevHash === GENESIS_HASH ? -1 : walk.hashes.findIndex((h, j) => j < i - 1 && h === e.prevHash);
  if (i > 0 && (earlier >= 0 || e.prevHash === GENESIS_HASH)) {
    return breakAt(
      walk,
      earlier + 1,
      'inserted',
      `the event at ${where(i)} chains from ${earlier >= 0 ? `the event at ${where(earlier)}` : 'the start of the stream'}: what lies between was inserted`,
    );
  }
  if (i > 0 && events[i - 1]!.hash === undefined) {
    return breakAt(
      walk,
      i,
      'changed',
      'the unsealed events before it (written before hashing) were changed, removed or reordered',
    );
  }
  return breakAt(
    walk,
    i,
    'removed',
    `the event it follows (hash ${e.prevHash!.slice(0, 12)}…) is not in the stream: removed, or changed and re-hashed`,
  );
}

/** How a chain is judged. */
export interface ChainOptions {
  /**
   * In a store the library wrote every event is sealed, so an unsealed one is a break (stripped seals
   * hide an edit); without it a stream's unsealed prefix (written before hashing) is counted, not broken.
   */
  readonly requireSeals?: boolean;
  /** The SHA-256 the seals are checked with (default the portable one; `nodeSha256` from `warranty-ledger/node` is faster on Node). */
  readonly hash?: Sha256;
}

const UNSEALED_IN_STORE =
  'it carries no seal: in a store the library wrote every event is sealed, so its seal was stripped or it was written around the hash chain';

/** One stream's verification: its first break (if any), its counts and its head. */
export interface StreamVerification {
  readonly break?: ChainBreak;
  readonly sealed: number;
  readonly unsealed: number;
  readonly head?: ChainHead;
}

function checkAnchor(walk: Walk, anchor: ChainHead): ChainBreak | undefined {
  const anchored = walk.hashes[anchor.revision];
  if (anchored === undefined) {
    const detail = `the anchor recorded revision ${anchor.revision} (event ${anchor.eventId}), but the stream ends at revision ${walk.hashes.length - 1}`;
    return {
      streamId: anchor.streamId,
      at: `revision ${anchor.revision}`,
      revision: anchor.revision,
      eventId: anchor.eventId,
      kind: 'removed',
      detail,
    };
  }
  if (anchored === anchor.hash) return undefined;
  return breakAt(
    walk,
    anchor.revision,
    'changed',
    `the history up to here was rewritten: its hash is ${anchored.slice(0, 12)}…, the anchor recorded ${anchor.hash.slice(0, 12)}…`,
  );
}

/** Verifies one stream (and an anchored head of it, when given). */
export function verifyStream(input: StreamInput, anchor?: ChainHead, options: ChainOptions = {}): StreamVerification {
  const events = input.events;
  const hashes: string[] = [];
  const walk: Walk = {
    input,
    hashes,
    selfValid: (i) => events[i]!.hash === chainHash(events[i]!.prevHash!, storedBody(events[i]!), options.hash),
  };
  let sealed = 0;
  let unsealed = 0;
  let latest: { ms: number; index: number } | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.hash === undefined) {
      if (sealed > 0) return { break: classify(walk, i), sealed, unsealed };
      if (options.requireSeals)
        return { break: breakAt(walk, i, 'unsealed', UNSEALED_IN_STORE), sealed, unsealed: unsealed + 1 };
      unsealed++;
      hashes.push(chainHash(prevOf(walk, i), storedBody(e), options.hash));
    } else {
      if (e.prevHash !== prevOf(walk, i) || !walk.selfValid(i)) return { break: classify(walk, i), sealed, unsealed };
      sealed++;
      hashes.push(e.hash);
    }
    // Sealed events are appends the library made, which never go back in recording time (unsealed ones may be in any order).
    const recordedMs = parseInstant(e.recordedAt) ?? Number.NaN;
    if (e.hash !== undefined && latest !== undefined && recordedMs < latest.ms) {
      const where = (input.locate ?? ((k) => `revision ${k}`))(latest.index);
      const detail = `recorded at ${e.recordedAt}, before the event at ${where} (${events[latest.index]!.recordedAt}): it changes what was known at a moment already past`;
      return { break: breakAt(walk, i, 'backdated', detail), sealed, unsealed };
    }
    if (latest === undefined || recordedMs > latest.ms) latest = { ms: recordedMs, index: i };
  }
  const last = events.length - 1;
  const head =
    last < 0 ? undefined : { streamId: input.streamId, revision: last, eventId: events[last]!.id, hash: hashes[last]! };
  const broken = anchor && checkAnchor(walk, anchor);
  return { sealed, unsealed, ...(broken ? { break: broken } : {}), ...(head ? { head } : {}) };
}

/** Groups events by unit in the order given (a file's line order is each stream's order). */
export function streamsOf(events: readonly UnitEvent[], lines?: readonly number[]): StreamInput[] {
  const streams = new Map<string, { events: UnitEvent[]; lines: number[]; positions: number[] }>();
  events.forEach((event, i) => {
    let stream = streams.get(event.unitId);
    if (!stream) streams.set(event.unitId, (stream = { events: [], lines: [], positions: [] }));
    stream.events.push(event);
    stream.lines.push(lines?.[i] ?? i + 1);
    stream.positions.push(i);
  });
  return [...streams].map(([streamId, s]) => ({
    streamId,
    events: s.events,
    positions: s.positions,
    locate: lines ? (i: number) => `line ${s.lines[i]}, revision ${i}` : undefined,
  }));
}

/**
 * Verifies every stream's chain (and, when given, that each anchored head still holds).
 * @example const report = verifyChains(streamsOf(parseJsonl(text).events)); if (!report.ok) console.log(report.breaks);
 */
export function verifyChains(
  streams: Iterable<StreamInput>,
  options: { anchor?: readonly ChainHead[] } & ChainOptions = {},
): ChainReport {
  const anchors = new Map((options.anchor ?? []).map((h) => [h.streamId, h]));
  const breaks: ChainBreak[] = [];
  const heads: ChainHead[] = [];
  let count = 0;
  let events = 0;
  let sealed = 0;
  let unsealed = 0;
  for (const input of streams) {
    count++;
    events += input.events.length;
    const result = verifyStream(input, anchors.get(input.streamId), options);
    anchors.delete(input.streamId);
    sealed += result.sealed;
    unsealed += result.unsealed;
    if (result.break) breaks.push(result.break);
    if (result.head) heads.push(result.head);
  }
  for (const missing of anchors.values()) {
    breaks.push({
      streamId: missing.streamId,
      at: `revision ${missing.revision}`,
      revision: missing.revision,
      eventId: missing.eventId,
      kind: 'removed',
      detail: 'the anchor recorded this stream, which is no longer there',
    });
  }
  return { ok: breaks.length === 0, streams: count, events, sealed, unsealed, breaks, heads };
}
