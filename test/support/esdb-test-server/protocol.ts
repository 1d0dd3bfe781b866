/**
 * The EventStoreDB gRPC protocol as the client package itself ships it: message classes and
 * service definitions from `@eventstore/db-client/generated`, loaded from the client's own
 * location so that both sides share the same protobuf and grpc-js modules.
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

const fromClient = createRequire(createRequire(import.meta.url).resolve('@eventstore/db-client/package.json'));

export const streamsPb = fromClient('./generated/streams_pb.js') as typeof StreamsPb;
export const streamsGrpc = fromClient('./generated/streams_grpc_pb.js') as typeof StreamsGrpc;
export const sharedPb = fromClient('./generated/shared_pb.js') as typeof SharedPb;
export const statusPb = fromClient('./generated/status_pb.js') as typeof StatusPb;
export const featuresPb = fromClient('./generated/serverfeatures_pb.js') as typeof FeaturesPb;
export const featuresGrpc = fromClient('./generated/serverfeatures_grpc_pb.js') as typeof FeaturesGrpc;
export const anyPb = fromClient('google-protobuf/google/protobuf/any_pb.js') as typeof AnyPb;
export const emptyPb = fromClient('google-protobuf/google/protobuf/empty_pb.js') as typeof EmptyPb;

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
