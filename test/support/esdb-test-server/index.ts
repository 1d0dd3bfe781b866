/**
 * An EventStoreDB protocol test double: a gRPC server, in this process, that speaks the part of
 * the EventStoreDB protocol the adapter uses (Append, BatchAppend, Read of streams and `$all` with
 * subscriptions, ServerFeatures), built from the service definitions the client package ships.
 * It is not a database: see docs/eventstoredb.md for how it differs from the real server. It also
 * injects faults the real server cannot give on demand.
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { appendCall, batchAppendCall } from './append.js';
import { createFaults, type FaultState } from './faults.js';
import { createLog, type Log, type LogOptions } from './log.js';
import * as protocol from './protocol.js';
import type { FeaturesGrpc, ProtocolPackage, StreamsGrpc } from './protocol.js';
import { readCall } from './read.js';

export interface EsdbTestServerOptions extends LogOptions {
  /** Advertise BatchAppend in ServerFeatures, so the client appends through it (default true). */
  readonly batchAppend?: boolean;
  /** Whose generated protocol to serve (default db-client): the one of the client under test. */
  readonly protocol?: ProtocolPackage;
  /**
   * Refuse every read and subscription of `$all` (PERMISSION_DENIED), as the server's default ACL
   * does for a user who is not in `$admins`: the double has no users, so this stands for one.
   */
  readonly denyAllReads?: boolean;
  /** Events of other applications stored before the first call (in streams `other-app-<n % 1000>`). */
  readonly foreignEvents?: number;
}

export interface EsdbTestServer {
  /** `esdb://127.0.0.1:PORT?tls=false`. */
  readonly connectionString: string;
  readonly log: Log;
  readonly faults: FaultState;
  /** Calls received so far, by kind: proof of which protocol path the client took. */
  readonly calls: {
    append: number;
    batchAppend: number;
    reads: number;
    subscriptions: number;
    /** Events sent to clients, by reads and subscriptions (the cost of reading). */
    eventsSent: number;
    /** Reads (not subscriptions) of each stream by name. */
    readonly streamReads: Map<string, number>;
  };
  /** Stores an event the way another application would (for `$all` filtering tests). */
  appendForeign(streamName: string, type: string): void;
  stop(): Promise<void>;
}

const STREAMS = 'event_store.client.streams.Streams';
const FEATURES = 'event_store.client.server_features.ServerFeatures';

/**
 * Starts the double on 127.0.0.1 with an ephemeral port and no TLS.
 * @example const server = await startEsdbTestServer(); const client = EventStoreDBClient.connectionString(server.connectionString);
 */
export async function startEsdbTestServer(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
  protocol.useProtocol(options.protocol ?? 'db-client');
  const { featuresGrpc, featuresPb, streamsGrpc } = protocol;
  const log = createLog(options);
  const faults = createFaults();
  const calls = {
    append: 0,
    batchAppend: 0,
    reads: 0,
    subscriptions: 0,
    eventsSent: 0,
    streamReads: new Map<string, number>(),
  };
  const append = appendCall(log, faults);
  const batchAppend = batchAppendCall(log, faults);
  const methods = [
    [STREAMS, 'Read'],
    [STREAMS, 'Append'],
    ...(options.batchAppend === false ? [] : [[STREAMS, 'BatchAppend']]),
    [FEATURES, 'GetSupportedMethods'],
  ];

  const streams: StreamsGrpc.IStreamsServer = {
    read: readCall(log, faults, calls, options.denyAllReads === true),
    append: (call, callback) => {
      calls.append++;
      return append(call, callback);
    },
    batchAppend: (call) => {
      calls.batchAppend++;
      return batchAppend(call);
    },
    delete: (_call, callback) => callback({ code: 12, details: 'esdb test double: delete is not implemented' }),
    tombstone: (_call, callback) => callback({ code: 12, details: 'esdb test double: tombstone is not implemented' }),
  };
  const features: FeaturesGrpc.IServerFeaturesServer = {
    getSupportedMethods: (_call, callback) => {
      const list = methods.map(([service, method]) =>
        new featuresPb.SupportedMethod().setServiceName(service!).setMethodName(method!),
      );
      callback(
        null,
        new featuresPb.SupportedMethods().setEventStoreServerVersion('0.0.0-esdb-test-double').setMethodsList(list),
      );
    },
  };
  const server = new Server();
  server.addService(streamsGrpc.StreamsService, streams);
  server.addService(featuresGrpc.ServerFeaturesService, features);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  log.append('$settings', { kind: 'any' }, [
    {
      id: '00000000-0000-4000-8000-000000000001',
      type: '$settings',
      contentType: 'application/json',
      data: Buffer.from('{}'),
      customMetadata: new Uint8Array(),
    },
  ]);

  const appendForeign = (streamName: string, type: string): void => {
    const id = `00000000-0000-4000-8000-${String(log.all.length).padStart(12, '0')}`;
    log.append(streamName, { kind: 'any' }, [
      {
        id,
        type,
        contentType: 'application/json',
        data: Buffer.from('{"foreign":true}'),
        customMetadata: new Uint8Array(),
      },
    ]);
  };
  for (let n = 0; n < (options.foreignEvents ?? 0); n++)
    appendForeign(`other_app-${n % 1000}`, 'SomethingElseHappened');

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    log,
    faults,
    calls,
    appendForeign,
    async stop() {
      server.forceShutdown();
    },
  };
}
