/**
 * What a client error means, read from the error itself (`type`, `name`, gRPC `code`, message)
 * rather than by `instanceof`: the client is a dependency, so an application often holds another
 * copy of the package (or the other package: `@eventstore/db-client` and `@kurrent/kurrentdb-client`),
 * whose classes are not ours.
 */

/** How the adapter treats a client error. */
export type ErrorKind = 'conflict' | 'not-found' | 'transient' | 'other';

const TRANSIENT_TYPES: ReadonlySet<string> = new Set([
  'unavailable',
  'cancelled',
  'deadline-exceeded',
  'timeout',
  'not-leader',
]);
const TRANSIENT_NAMES: ReadonlySet<string> = new Set([
  'UnavailableError',
  'CancelledError',
  'DeadlineExceededError',
  'TimeoutError',
  'NotLeaderError',
]);
/** gRPC status codes: CANCELLED 1, DEADLINE_EXCEEDED 4, UNAVAILABLE 14; INTERNAL 13 only for a reset HTTP/2 stream. */
const TRANSIENT_CODES: ReadonlySet<number> = new Set([1, 4, 14]);
const INTERNAL = 13;

interface ErrorFields {
  readonly type?: unknown;
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly details?: unknown;
  readonly _raw?: unknown;
}

const fieldsOf = (error: unknown): ErrorFields =>
  typeof error === 'object' && error !== null ? (error as ErrorFields) : {};

/** A reset HTTP/2 stream (`INTERNAL: Received RST_STREAM with code 2`), which a proxy or a node restart gives. */
function isStreamReset(fields: ErrorFields): boolean {
  const raw = fieldsOf(fields._raw);
  const code = typeof fields.code === 'number' ? fields.code : raw.code;
  const text = `${String(fields.message ?? '')} ${String(fields.details ?? '')} ${String(raw.details ?? '')}`;
  return (code === INTERNAL || code === undefined) && /RST_STREAM/i.test(text);
}

/** The kind of a client error (see the file comment); anything unrecognised is 'other' and rethrown as it is. */
export function errorKind(error: unknown): ErrorKind {
  const fields = fieldsOf(error);
  const { type, name, code } = fields;
  if (type === 'wrong-expected-version' || name === 'WrongExpectedVersionError') return 'conflict';
  if (type === 'stream-not-found' || name === 'StreamNotFoundError') return 'not-found';
  if (typeof type === 'string' && TRANSIENT_TYPES.has(type)) return 'transient';
  if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return 'transient';
  if (typeof code === 'number' && TRANSIENT_CODES.has(code)) return 'transient';
  if (isStreamReset(fields)) return 'transient';
  return 'other';
}

/** True for client errors worth retrying on a new connection. */
export function isTransient(error: unknown): boolean {
  return errorKind(error) === 'transient';
}

/**
 * The stream's actual revision a conflict reports (`actualState` in kurrentdb, `actualVersion` in
 * db-client): a number, 'no-stream', or undefined when the error does not say.
 */
export function actualRevisionOf(error: unknown): number | 'no-stream' | undefined {
  const fields = error as { actualState?: unknown; actualVersion?: unknown };
  const actual = fields.actualState ?? fields.actualVersion;
  if (typeof actual === 'bigint') return Number(actual);
  if (typeof actual === 'number') return actual;
  if (actual === 'no_stream' || actual === 'no-stream') return 'no-stream';
  return undefined;
}
