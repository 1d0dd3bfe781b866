/**
 * The event store interface every store implements (in-memory, file, EventStoreDB): one stream per
 * unit, append with an expected revision, read a stream, read everything in order, subscribe.
 */
import type { InputError } from '../errors.js';
import type { UnitEvent } from '../events/envelope.js';

/**
 * What the caller expects of the stream before an append: any state, no stream yet, an existing
 * stream, or the revision (0-based) of its last event.
 */
export type ExpectedRevision = 'any' | 'no-stream' | 'stream-exists' | number;

/** An event as stored: its stream, its revision in the stream (0-based) and its global position. */
export interface RecordedEvent {
  readonly event: UnitEvent;
  readonly streamId: string;
  readonly revision: number;
  /** Global order across all streams; positions only grow. */
  readonly position: bigint;
}

/** A stored event its reader rejects (an older version wrote it, or a hand edit), left out by a reader asked to skip such events. */
export interface SkippedEvent {
  /** Where it is: `line 12` in a file, `U-1@3` (stream and revision) in EventStoreDB. */
  readonly where: string;
  readonly error: InputError;
  /** The unit and event id it names, when it names them as text (its anomaly is filed under them). */
  readonly unitId?: string;
  readonly eventId?: string;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append (pass it as the next expected revision). */
  readonly nextExpectedRevision: number;
  /** How many events were new; events whose id was already stored with the same content are skipped. */
  readonly written: number;
  /** The append's events as the store holds them, when it adds to them (the hash chain's seal); a skipped retry as stored before. */
  readonly stored?: readonly UnitEvent[];
}

/** How an append is made: the expected revision, and what the caller already knows. */
export interface AppendOptions {
  readonly expectedRevision?: ExpectedRevision | undefined;
  /**
   * The stream's events as the caller has just read them (at `expectedRevision`, when exact): a
   * store that would read the stream before appending uses them instead, once; after a conflict
   * it reads the stream again. Saves a command one read per layer.
   */
  readonly current?: readonly UnitEvent[] | undefined;
  /** The conversation and the request behind the events, kept in the store's event metadata where it has any (EventStoreDB, PostgreSQL). */
  readonly correlationId?: string | undefined;
  readonly causationId?: string | undefined;
}

/** Correlation (the conversation) and causation (the command) ids written with an append. */
export type CausalIds = Pick<AppendOptions, 'correlationId' | 'causationId'>;

export interface SubscribeOptions {
  /** Deliver events after this position (a checkpoint); from the beginning when absent. */
  readonly after?: bigint | undefined;
  /** Called once when the subscription has delivered everything stored when it started. */
  readonly onCaughtUp?: (() => void) | undefined;
  /** Called if the subscription stops on an error it could not recover from. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

export interface Subscription {
  /** Stops delivery; resolves when no handler call is running. */
  stop(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends events to a stream atomically. Events whose id is stored already with the same content
   * are skipped (a retried append stores nothing twice); the same id with different content throws
   * DuplicateEventError; a revision mismatch throws ConcurrencyError and writes nothing.
   */
  append(streamId: string, events: readonly UnitEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** A stream's events in revision order; a missing stream is an empty history. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /** Every stored event in global order, after `after` when given. */
  readAll(options?: { after?: bigint }): AsyncIterable<RecordedEvent>;
  /** Catch-up subscription: stored events after the checkpoint, then live ones, in global order, one handler call at a time. */
  subscribe(handler: (event: RecordedEvent) => void | Promise<void>, options?: SubscribeOptions): Subscription;
  /** Releases what the store holds (files, connections, locks). */
  close(): Promise<void>;
}
