/**
 * The EventStoreDB gRPC protocol as a client package itself ships it: message classes and
 * service definitions from `@eventstore/db-client/generated` or `@kurrent/kurrentdb-client/generated`,
 * loaded from the client's own location so that both sides share the same protobuf and grpc-js modules.
 */
import { createRequire } from 'node:module';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb';
import type * as StatusPb from '@eventstore/db-client/generated/status_pb';
import type * as StreamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb';
import type * as FeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type * as FeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb';
import type * as AnyPb from 'google-protobuf/google/protobuf/any_pb';
import type * as EmptyPb from 'google-protobuf/google/protobuf/empty_pb';

/** The client package whose generated protocol the double is built from. */
export type ProtocolPackage = 'db-client' | 'kurrentdb';

// Both packages' generated code registers the same global protobuf names (the last loaded wins,
// and each one's serializers call getters the other's classes lack): a process holds one of them.
// So the double loads the protocol of the client it is tested with, once, on start.
export let streamsPb: typeof StreamsPb;
export let streamsGrpc: typeof StreamsGrpc;
export let sharedPb: typeof SharedPb;
export let statusPb: typeof StatusPb;
export let featuresPb: typeof FeaturesPb;
export let featuresGrpc: typeof FeaturesGrpc;
export let anyPb: typeof AnyPb;
export let emptyPb: typeof EmptyPb;
let loaded: ProtocolPackage | undefined;

/** Loads the generated protocol of `pkg` (throws if this process loaded the other one). */
export function useProtocol(pkg: ProtocolPackage): void {
  if (loaded === pkg) return;
  if (loaded)
    throw new Error(`the esdb test double uses the ${loaded} protocol in this process: one client package per process`);
  const name = pkg === 'kurrentdb' ? '@kurrent/kurrentdb-client' : '@eventstore/db-client';
  const dir = pkg === 'kurrentdb' ? './generated/kurrentdb/protocols/v1' : './generated';
  const fromClient = createRequire(createRequire(import.meta.url).resolve(`${name}/package.json`));
  streamsPb = fromClient(`${dir}/streams_pb.js`) as typeof StreamsPb;
  streamsGrpc = fromClient(`${dir}/streams_grpc_pb.js`) as typeof StreamsGrpc;
  sharedPb = fromClient(`${dir}/shared_pb.js`) as typeof SharedPb;
  statusPb = fromClient(`${dir}/status_pb.js`) as typeof StatusPb;
  featuresPb = fromClient(`${dir}/serverfeatures_pb.js`) as typeof FeaturesPb;
  featuresGrpc = fromClient(`${dir}/serverfeatures_grpc_pb.js`) as typeof FeaturesGrpc;
  anyPb = fromClient('google-protobuf/google/protobuf/any_pb.js') as typeof AnyPb;
  emptyPb = fromClient('google-protobuf/google/protobuf/empty_pb.js') as typeof EmptyPb;
  loaded = pkg;
}

/** A stream identifier message for a stream name. */
export function streamIdentifier(name: string): SharedPb.StreamIdentifier {
  return new sharedPb.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

/** The stream name in an identifier (sent as bytes). */
export function streamNameOf(identifier: SharedPb.StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

/** A UUID as the client reads it (string form); structured UUIDs are turned into strings too. */
export function uuidString(uuid: SharedPb.UUID | undefined): string {
  if (!uuid) return '';
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type { FeaturesGrpc, SharedPb, StatusPb, StreamsGrpc, StreamsPb };
