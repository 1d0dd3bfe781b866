/**
 * The double's Read call: a stream or `$all`, forwards or backwards, from a revision or position,
 * with a count and a stream-name or event-type filter; or, with subscription options, a catch-up
 * subscription to `$all` (confirmation, stored events, checkpoint and caught-up, then live events).
 */
import { randomUUID } from 'node:crypto';
import { Metadata, type ServerWritableStream, type handleServerStreamingCall } from '@grpc/grpc-js';
import { streamReset, unavailable, type FaultState } from './faults.js';
import type { Log, StoredEvent } from './log.js';
import { sharedPb, streamIdentifier, streamNameOf, streamsPb, type StreamsPb } from './protocol.js';

type Options = StreamsPb.ReadReq.Options;
type Call = ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>;

const compare = (e: StoredEvent, commit: bigint, prepare: bigint): number =>
  e.commit === commit ? (e.prepare === prepare ? 0 : e.prepare < prepare ? -1 : 1) : e.commit < commit ? -1 : 1;

/** The server's answer to a read its ACL refuses: PERMISSION_DENIED, with the exception in trailers. */
function accessDenied() {
  const metadata = new Metadata();
  metadata.set('exception', 'access-denied');
  return { code: 7, details: 'Access denied', metadata };
}

function recordedOf(e: StoredEvent): StreamsPb.ReadResp.ReadEvent.RecordedEvent {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(new sharedPb.UUID().setString(e.id))
    .setStreamIdentifier(streamIdentifier(e.streamName))
    .setStreamRevision(String(e.revision))
    .setCommitPosition(String(e.commit))
    .setPreparePosition(String(e.prepare))
    .setData(e.data)
    .setCustomMetadata(e.customMetadata);
  recorded.getMetadataMap().set('type', e.type).set('content-type', e.contentType).set('created', String(e.created));
  return recorded;
}

/** An event as read; with `resolveLinks`, a `$>` link as its target (the link beside it), as the server sends it. */
function eventResp(e: StoredEvent, log?: Log, resolveLinks = false): StreamsPb.ReadResp {
  const read = new streamsPb.ReadResp.ReadEvent().setCommitPosition(String(e.commit));
  const target = resolveLinks && e.type === '$>' ? log?.resolve(e) : undefined;
  if (target) read.setEvent(recordedOf(target)).setLink(recordedOf(e));
  else read.setEvent(recordedOf(e));
  return new streamsPb.ReadResp().setEvent(read);
}

function filterOf(options: Options): (e: StoredEvent) => boolean {
  const filter = options.getFilter();
  if (!options.hasFilter() || !filter) return () => true;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (e) => {
    const target = onStream ? e.streamName : e.type;
    return prefixes.length > 0 ? prefixes.some((p) => target.startsWith(p)) : (regex?.test(target) ?? true);
  };
}

/** A stored read's events in order, or 'not-found' for a missing stream. */
function storedRead(log: Log, options: Options): StoredEvent[] | 'not-found' {
  const forwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.FORWARDS;
  const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
  let events: StoredEvent[];
  if (options.hasStream()) {
    const stream = options.getStream()!;
    const stored = log.stream(streamNameOf(stream.getStreamIdentifier()));
    if (!stored) return 'not-found';
    const from = stream.hasRevision() ? BigInt(stream.getRevision()) : undefined;
    if (forwards) events = stream.hasEnd() ? [] : stored.filter((e) => from === undefined || e.revision >= from);
    else events = (stream.hasStart() ? [] : stored.filter((e) => from === undefined || e.revision <= from)).reverse();
  } else {
    const all = options.getAll()!;
    const p = all.getPosition();
    const at = (e: StoredEvent): number =>
      p ? compare(e, BigInt(p.getCommitPosition()), BigInt(p.getPreparePosition())) : 0;
    if (forwards) events = all.hasEnd() ? [] : log.all.filter((e) => !p || at(e) >= 0);
    else events = (all.hasStart() ? [] : log.all.filter((e) => !p || at(e) < 0)).reverse();
  }
  return events.filter(filterOf(options)).slice(0, count);
}

/** A subscription's source: `$all`, or one stream (from after a revision); read afresh as the log grows. */
function sourceOf(log: Log, options: Options): { events: () => readonly StoredEvent[]; cursor: number } {
  const all = options.getAll();
  if (all) {
    const p = all.getPosition();
    const cursor = all.hasEnd()
      ? log.all.length
      : p
        ? log.all.findIndex((e) => compare(e, BigInt(p.getCommitPosition()), BigInt(p.getPreparePosition())) > 0)
        : 0;
    return { events: () => log.all, cursor: cursor < 0 ? log.all.length : cursor };
  }
  const stream = options.getStream()!;
  const name = streamNameOf(stream.getStreamIdentifier());
  const events = () => log.stream(name) ?? [];
  const cursor = stream.hasEnd() ? events().length : stream.hasRevision() ? Number(stream.getRevision()) + 1 : 0;
  return { events, cursor };
}

function subscribe(call: Call, log: Log, options: Options, faults: FaultState): void {
  const source = sourceOf(log, options);
  const resolveLinks = options.getResolveLinks();
  const matches = filterOf(options);
  const dropAfter = faults.takeSubscriptionDrop();
  let cursor = source.cursor;
  let sent = 0;
  let caughtUp = false;
  let closed = false;
  const close = (): void => {
    closed = true;
    stopListening();
  };
  const pump = (): void => {
    const events = source.events();
    for (; !closed && cursor < events.length; cursor++) {
      const e = events[cursor]!;
      if (!matches(e)) continue;
      if (sent === dropAfter?.after) {
        close();
        faults.fired.subscriptionDrops++;
        return void call.emit('error', dropAfter.how === 'reset' ? streamReset() : unavailable('subscription dropped'));
      }
      call.write(eventResp(e, log, resolveLinks));
      sent++;
    }
    if (closed || caughtUp) return;
    caughtUp = true;
    const last = options.getAll() ? log.all[log.all.length - 1] : undefined;
    if (last && options.hasFilter()) {
      call.write(
        new streamsPb.ReadResp().setCheckpoint(
          new streamsPb.ReadResp.Checkpoint()
            .setCommitPosition(String(last.commit))
            .setPreparePosition(String(last.prepare)),
        ),
      );
    }
    call.write(new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
  };
  const stopListening = log.onAppend(pump);
  call.on('cancelled', close);
  call.on('close', close);
  call.write(
    new streamsPb.ReadResp().setConfirmation(
      new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()),
    ),
  );
  pump();
}

export function readCall(
  log: Log,
  faults: FaultState,
  counts: { reads: number; subscriptions: number; eventsSent: number; streamReads: Map<string, number> },
  denyAll: boolean,
): handleServerStreamingCall<StreamsPb.ReadReq, StreamsPb.ReadResp> {
  return (call) => {
    if (faults.takeRefusal()) return void call.emit('error', unavailable('call refused'));
    const options = call.request.getOptions()!;
    if (denyAll && options.hasAll()) return void call.emit('error', accessDenied());
    const write = call.write.bind(call);
    call.write = (resp: StreamsPb.ReadResp) => {
      if (resp.hasEvent()) counts.eventsSent++;
      return write(resp);
    };
    if (options.hasSubscription()) {
      counts.subscriptions++;
      return subscribe(call, log, options, faults);
    }
    counts.reads++;
    if (options.hasStream()) {
      const name = streamNameOf(options.getStream()!.getStreamIdentifier());
      counts.streamReads.set(name, (counts.streamReads.get(name) ?? 0) + 1);
    }
    const events = storedRead(log, options);
    if (events === 'not-found') {
      const identifier = options.getStream()!.getStreamIdentifier();
      call.write(
        new streamsPb.ReadResp().setStreamNotFound(
          new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(identifier),
        ),
      );
      return void call.end();
    }
    const failAfter = faults.takeReadFailure();
    for (const [i, e] of events.entries()) {
      if (i === failAfter) {
        faults.fired.readFailures++;
        return void call.emit('error', unavailable('read interrupted'));
      }
      call.write(eventResp(e, log, options.getResolveLinks()));
    }
    call.end();
  };
}
