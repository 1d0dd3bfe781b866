/**
 * Reads that survive a dropped connection: a stream read resumes after the last revision received,
 * a ledger read after the last position, so a retry neither loses nor repeats an event. The ledger
 * is read with its cost in its own events: `$all` filtered on the server by the stream prefix
 * (a filtered read with kurrentdb, a filtered subscription up to the end with db-client v6, which
 * has no filtered read), or, in category mode, the `$ce-<category>` stream with links resolved.
 */
import type { RecordedEvent, SkippedEvent } from '../event-store.js';
import { isMarker, type EsdbPort, type EsdbPosition, type EsdbResolvedEvent } from './client-port.js';
import { decodePosition, encodePosition, readResolved } from './codec.js';
import { errorKind } from './error-kind.js';
import { backoff, type RetryPolicy } from './retry.js';
import type { StreamNames } from './stream-names.js';

/** Where the ledger's events are read from: `$all` (server-filtered) or its `$ce-<category>` stream. */
export type ReadMode = 'all' | 'category';

/** What every read needs: the client's port, the stream names, the mode and the retry policy. */
export interface ReadContext {
  readonly port: EsdbPort;
  readonly names: StreamNames;
  readonly mode: ReadMode;
  readonly policy: RetryPolicy;
  readonly onInvalid?: ((skipped: SkippedEvent) => void) | undefined;
}

/** Runs `attempt` until it returns, retrying transient failures (the budget is reset by progress). */
async function resilient<T>(policy: RetryPolicy, attempt: (progress: () => void) => Promise<T>): Promise<T> {
  for (let failures = 0; ; ) {
    try {
      return await attempt(() => void (failures = 0));
    } catch (error) {
      if (errorKind(error) !== 'transient' || ++failures >= (policy.attempts ?? 5)) throw error;
      await backoff(policy, failures - 1);
    }
  }
}

/** A unit's stream; a missing stream is an empty history. `onInvalid`: see readResolved. */
export async function readUnitStream(ctx: ReadContext, unitId: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let next: bigint | undefined;
  return resilient(ctx.policy, async (progress) => {
    try {
      for await (const resolved of ctx.port.readStream(ctx.names.streamOf(unitId), { from: next })) {
        if (resolved.event) next = resolved.event.revision + 1n;
        progress();
        const recorded = readResolved(resolved, ctx.names, ctx.onInvalid);
        if (recorded) out.push(recorded);
      }
    } catch (error) {
      if (errorKind(error) !== 'not-found') throw error;
    }
    return out;
  });
}

/** The `$ce-<category>` stream of the system projections, which links every event of the category. */
export function categoryStream(names: StreamNames): string {
  if (names.category === undefined)
    throw new Error(`category mode needs a stream prefix that is a category, not ${JSON.stringify(names.prefix)}`);
  return `$ce-${names.category}`;
}

/** The position a `$ce-` item is delivered at: its link's revision in the category stream. */
export const linkRevision = (resolved: EsdbResolvedEvent): bigint | undefined =>
  (resolved.link ?? resolved.event)?.revision;

async function* readCategory(ctx: ReadContext, after: bigint | undefined): AsyncGenerator<RecordedEvent> {
  let last = after;
  const stream = categoryStream(ctx.names);
  for (let failures = 0; ; ) {
    try {
      const from = last === undefined ? undefined : last + 1n;
      for await (const resolved of ctx.port.readStream(stream, { from, resolveLinkTos: true })) {
        const revision = linkRevision(resolved);
        if (revision === undefined || (last !== undefined && revision <= last)) continue;
        last = revision;
        failures = 0;
        const recorded = readResolved(resolved, ctx.names, ctx.onInvalid, revision);
        if (recorded) yield recorded;
      }
      return;
    } catch (error) {
      const kind = errorKind(error);
      if (kind === 'not-found') return;
      if (kind !== 'transient' || ++failures >= (ctx.policy.attempts ?? 5)) throw error;
      await backoff(ctx.policy, failures - 1);
    }
  }
}

/** The end of `$all` now (its last event's position), or undefined when it is empty. */
async function endOfAll(ctx: ReadContext): Promise<EsdbPosition | undefined> {
  return resilient(ctx.policy, async () => {
    let end: EsdbPosition | undefined;
    for await (const resolved of ctx.port.readAll({ backwards: true, maxCount: 1 })) end = resolved.event?.position;
    return end;
  });
}

const atOrAfter = (position: EsdbPosition, end: EsdbPosition): boolean =>
  encodePosition(position) >= encodePosition(end);

/** One pass of `$all` after `last`, filtered on the server: a filtered read, or a filtered subscription up to `end`. */
async function* filteredPass(
  ctx: ReadContext,
  last: bigint | undefined,
  end: EsdbPosition | undefined,
): AsyncGenerator<EsdbResolvedEvent> {
  const filter = { prefixes: [ctx.names.prefix] };
  const from = last === undefined ? undefined : decodePosition(last);
  if (ctx.port.filtersReads) return yield* ctx.port.readAll({ from, filter });
  if (!end) return;
  const call = ctx.port.subscribeToAll(from, filter);
  try {
    for await (const item of call.items) {
      if (isMarker(item)) {
        if (item.marker === 'caught-up' || atOrAfter(item.position, end)) return;
        continue;
      }
      const position = item.event?.position;
      if (position && encodePosition(position) > encodePosition(end)) return;
      yield item;
      if (position && atOrAfter(position, end)) return;
    }
  } finally {
    await call.close();
  }
}

async function* readAllFiltered(ctx: ReadContext, after: bigint | undefined): AsyncGenerator<RecordedEvent> {
  let last = after;
  const end = ctx.port.filtersReads ? undefined : await endOfAll(ctx);
  for (let failures = 0; ; ) {
    try {
      for await (const resolved of filteredPass(ctx, last, end)) {
        const position = resolved.event?.position;
        if (!position) continue;
        const encoded = encodePosition(position);
        if (last !== undefined && encoded <= last) continue;
        last = encoded;
        failures = 0;
        const recorded = readResolved(resolved, ctx.names, ctx.onInvalid);
        if (recorded) yield recorded;
      }
      return;
    } catch (error) {
      if (errorKind(error) !== 'transient' || ++failures >= (ctx.policy.attempts ?? 5)) throw error;
      await backoff(ctx.policy, failures - 1);
    }
  }
}

/** The ledger's events after a position (all of them when undefined), in the order of the mode's log. */
export function readLedger(ctx: ReadContext, after: bigint | undefined): AsyncGenerator<RecordedEvent> {
  return ctx.mode === 'category' ? readCategory(ctx, after) : readAllFiltered(ctx, after);
}
