/**
 * The double's Read call: a stream or `$all`, forwards or backwards, from a revision or position,
 * with a count and a stream-name or event-type filter; or, with subscription options, a catch-up
 * subscription to `$all` (confirmation, stored events, checkpoint and caught-up, then live events).
 */
import { randomUUID } from 'node:crypto';
import type { ServerWritableStream, handleServerStreamingCall } from '@grpc/grpc-js';
import { unavailable, type FaultState } from './faults.js';
import type { Log, StoredEvent } from './log.js';
import { sharedPb, streamIdentifier, streamNameOf, streamsPb, type StreamsPb } from './protocol.js';

type Options = StreamsPb.ReadReq.Options;
type Call = ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>;

const compare = (e: StoredEvent, commit: bigint, prepare: bigint): number =>
  e.commit === commit ? (e.prepare === prepare ? 0 : e.prepare < prepare ? -1 : 1) : e.commit < commit ? -1 : 1;

function eventResp(e: StoredEvent): StreamsPb.ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(new sharedPb.UUID().setString(e.id))
    .setStreamIdentifier(streamIdentifier(e.streamName))
    .setStreamRevision(String(e.revision))
    .setCommitPosition(String(e.commit))
    .setPreparePosition(String(e.prepare))
    .setData(e.data)
    .setCustomMetadata(e.customMetadata);
  recorded.getMetadataMap().set('type', e.type).set('content-type', e.contentType).set('created', String(e.created));
  return new streamsPb.ReadResp().setEvent(
    new streamsPb.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(e.commit)),
  );
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

function subscribe(call: Call, log: Log, options: Options, faults: FaultState): void {
  const all = options.getAll();
  if (!all)
    return void call.emit('error', { code: 12, details: 'esdb test double: stream subscriptions are not implemented' });
  const p = all.getPosition();
  const matches = filterOf(options);
  const dropAfter = faults.takeSubscriptionDrop();
  let cursor = all.hasEnd()
    ? log.all.length
    : p
      ? log.all.findIndex((e) => compare(e, BigInt(p.getCommitPosition()), BigInt(p.getPreparePosition())) > 0)
      : 0;
  if (cursor < 0) cursor = log.all.length;
  let sent = 0;
  let caughtUp = false;
  let closed = false;
  const close = (): void => {
    closed = true;
    stopListening();
  };
  const pump = (): void => {
    for (; !closed && cursor < log.all.length; cursor++) {
      const e = log.all[cursor]!;
      if (!matches(e)) continue;
      if (sent === dropAfter) {
        close();
        faults.fired.subscriptionDrops++;
        return void call.emit('error', unavailable('subscription dropped'));
      }
      call.write(eventResp(e));
      sent++;
    }
    if (closed || caughtUp) return;
    caughtUp = true;
    const last = log.all[log.all.length - 1];
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
  counts: { reads: number; subscriptions: number },
): handleServerStreamingCall<StreamsPb.ReadReq, StreamsPb.ReadResp> {
  return (call) => {
    if (faults.takeRefusal()) return void call.emit('error', unavailable('call refused'));
    const options = call.request.getOptions()!;
    if (options.hasSubscription()) {
      counts.subscriptions++;
      return subscribe(call, log, options, faults);
    }
    counts.reads++;
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
      call.write(eventResp(e));
    }
    call.end();
  };
}
