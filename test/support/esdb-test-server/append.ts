/**
 * The double's Append (client-streaming) and BatchAppend (bidirectional) calls, answered the way
 * the real server answers them: a success with the current revision and position, or a wrong
 * expected version (a result message on Append, a status with packed details on BatchAppend).
 */
import { Metadata, type handleBidiStreamingCall, type handleClientStreamingCall } from '@grpc/grpc-js';
import { unavailable, type FaultState } from './faults.js';
import type { AppendOutcome, Expected, Log, ProposedEvent } from './log.js';
import {
  anyPb,
  emptyPb,
  sharedPb,
  statusPb,
  streamIdentifier,
  streamNameOf,
  streamsPb,
  uuidString,
  type StatusPb,
  type StreamsPb,
} from './protocol.js';

type Proposed = StreamsPb.AppendReq.ProposedMessage | StreamsPb.BatchAppendReq.ProposedMessage;

function proposedOf(message: Proposed): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: uuidString(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function expectedOf(options: StreamsPb.AppendReq.Options | StreamsPb.BatchAppendReq.Options | undefined): Expected {
  // By shape, not instanceof: with both client packages loaded, messages are of either's classes.
  if (options && 'hasRevision' in options && options.hasRevision())
    return { kind: 'revision', revision: BigInt(options.getRevision()) };
  if (options && 'hasStreamPosition' in options && options.hasStreamPosition())
    return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  if (options?.hasNoStream()) return { kind: 'no-stream' };
  if (options?.hasStreamExists()) return { kind: 'stream-exists' };
  return { kind: 'any' };
}

type TooBig = Extract<AppendOutcome, { kind: 'too-big' }>;

/** The server's answer to an append over MaxAppendSize on Append: INVALID_ARGUMENT with the exception in trailers. */
function tooBigError(outcome: TooBig) {
  const metadata = new Metadata();
  metadata.set('exception', 'maximum-append-size-exceeded');
  metadata.set('maximum-append-size', String(outcome.maxAppendSize));
  return { code: 3, details: `Maximum Append Size of ${outcome.maxAppendSize} Exceeded.`, metadata };
}

/** The same on BatchAppend: a status with packed MaximumAppendSizeExceeded details. */
function tooBigStatus(outcome: TooBig): StatusPb.Status {
  const packed = new anyPb.Any();
  packed.pack(
    new sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(outcome.maxAppendSize).serializeBinary(),
    'event_store.client.MaximumAppendSizeExceeded',
  );
  return new statusPb.Status()
    .setCode(3)
    .setMessage(`Maximum Append Size of ${outcome.maxAppendSize} Exceeded.`)
    .setDetails(packed);
}

function appendResp(outcome: Exclude<AppendOutcome, TooBig>): StreamsPb.AppendResp {
  const resp = new streamsPb.AppendResp();
  if (outcome.kind === 'success') {
    const position = new streamsPb.AppendResp.Position()
      .setCommitPosition(String(outcome.commit))
      .setPreparePosition(String(outcome.prepare));
    return resp.setSuccess(
      new streamsPb.AppendResp.Success().setCurrentRevision(String(outcome.revision)).setPosition(position),
    );
  }
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
  else wrong.setCurrentRevision(String(outcome.current));
  const e = outcome.expected;
  if (e.kind === 'revision') wrong.setExpectedRevision(String(e.revision));
  else if (e.kind === 'no-stream') wrong.setExpectedNoStream(new sharedPb.Empty());
  else if (e.kind === 'stream-exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
  else wrong.setExpectedAny(new sharedPb.Empty());
  return resp.setWrongExpectedVersion(wrong);
}

function wrongExpectedVersionStatus(
  outcome: Extract<AppendOutcome, { kind: 'wrong-expected-version' }>,
): StatusPb.Status {
  const details = new sharedPb.WrongExpectedVersion();
  if (outcome.current === undefined) details.setCurrentNoStream(new emptyPb.Empty());
  else details.setCurrentStreamRevision(String(outcome.current));
  const e = outcome.expected;
  if (e.kind === 'revision') details.setExpectedStreamPosition(String(e.revision));
  else if (e.kind === 'no-stream') details.setExpectedNoStream(new emptyPb.Empty());
  else if (e.kind === 'stream-exists') details.setExpectedStreamExists(new emptyPb.Empty());
  else details.setExpectedAny(new emptyPb.Empty());
  const packed = new anyPb.Any();
  packed.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new statusPb.Status().setCode(9).setMessage('WrongExpectedVersion').setDetails(packed);
}

export function appendCall(
  log: Log,
  faults: FaultState,
): handleClientStreamingCall<StreamsPb.AppendReq, StreamsPb.AppendResp> {
  return (call, callback) => {
    if (faults.takeRefusal() || faults.takeAppendRefusal()) return callback(unavailable('call refused'));
    let options: StreamsPb.AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (req: StreamsPb.AppendReq) => {
      if (req.hasOptions()) options = req.getOptions();
      else if (req.hasProposedMessage()) events.push(proposedOf(req.getProposedMessage()!));
    });
    call.on('end', () => {
      const outcome = log.append(streamNameOf(options?.getStreamIdentifier()), expectedOf(options), events);
      if (outcome.kind === 'too-big') return callback(tooBigError(outcome));
      if (outcome.kind === 'success' && faults.takeLostReply())
        return callback(unavailable('append committed, reply lost'));
      callback(null, appendResp(outcome));
    });
  };
}

export function batchAppendCall(
  log: Log,
  faults: FaultState,
): handleBidiStreamingCall<StreamsPb.BatchAppendReq, StreamsPb.BatchAppendResp> {
  return (call) => {
    if (faults.takeRefusal()) return void call.emit('error', unavailable('call refused'));
    const pending = new Map<
      string,
      { options?: StreamsPb.BatchAppendReq.Options | undefined; events: ProposedEvent[] }
    >();
    call.on('data', (req: StreamsPb.BatchAppendReq) => {
      const correlation = uuidString(req.getCorrelationId());
      const entry = pending.get(correlation) ?? { events: [] };
      if (req.hasOptions()) entry.options = req.getOptions();
      entry.events.push(...req.getProposedMessagesList().map(proposedOf));
      pending.set(correlation, entry);
      if (!req.getIsFinal()) return;
      pending.delete(correlation);
      if (faults.takeAppendRefusal()) return void call.emit('error', unavailable('batch append refused'));
      const name = streamNameOf(entry.options?.getStreamIdentifier());
      const outcome = log.append(name, expectedOf(entry.options), entry.events);
      if (outcome.kind === 'success' && faults.takeLostReply())
        return void call.emit('error', unavailable('batch append committed, reply lost'));
      const resp = new streamsPb.BatchAppendResp()
        .setCorrelationId(req.getCorrelationId())
        .setStreamIdentifier(streamIdentifier(name));
      if (outcome.kind === 'success') {
        const position = new sharedPb.AllStreamPosition()
          .setCommitPosition(String(outcome.commit))
          .setPreparePosition(String(outcome.prepare));
        resp.setSuccess(
          new streamsPb.BatchAppendResp.Success().setCurrentRevision(String(outcome.revision)).setPosition(position),
        );
      } else if (outcome.kind === 'too-big') {
        resp.setError(tooBigStatus(outcome));
      } else {
        resp.setError(wrongExpectedVersionStatus(outcome));
      }
      call.write(resp);
    });
    call.on('end', () => call.end());
  };
}
