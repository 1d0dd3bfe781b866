/**
 * `--store`: where commands read history from (instead of FILE.jsonl) and where `import` writes.
 * `file:PATH` is a file store; `esdb://…`, `kurrentdb://…`, `kdb://…` (each also `+discover`) an
 * EventStoreDB / KurrentDB connection string; the adapter (and gRPC) is loaded only when a command names one.
 */
import { InputError, InputErrors, LedgerError, isLedgerError } from '../errors.js';
import type { UnitEvent } from '../events/envelope.js';
import type { PolicyBook } from '../policy/resolve.js';
import { escapeControls } from '../projections/safe-text.js';
import type { EventStore, SkippedEvent } from '../store/event-store.js';
import { openFileStore } from '../store/file/file-store.js';
import { withHashChain } from '../store/hash-chain.js';
import { nodeSha256 } from '../node/sha256.js';
import { streamsOf, verifyChains, type ChainReport, type StreamInput } from '../store/chain-verify.js';
import {
  readStoreFileSnapshot,
  readStoreFileSource,
  readStoreFileStreams,
  type StoreFileSource,
} from '../store/file/store-file-readers.js';
import type { FileStoreRecovery } from '../store/file/store-file.js';
import { createUnitHistories, replayAll } from '../store/replay.js';
import {
  isConnectionString,
  parseConnectionString,
  passwordOf,
  redactConnectionString,
  splitLedgerOptions,
  type LedgerConnectionOptions,
} from '../store/eventstoredb/connection-string.js';
import type { Options } from './args.js';
import { SCHEMA_NAME_RULE, isSchemaName } from '../store/postgres/schema.js';
import { checkSalePolicies } from './input.js';
import { UsageError, type CliIo } from './io.js';
import { createProgress } from './progress.js';

/** The flag every history-reading command and `import` take. */
export const STORE_OPTION = { store: { type: 'string' } } as const satisfies Options;

/** A parsed `--store` value. */
export type StoreSpec =
  | { readonly kind: 'file'; readonly path: string }
  | {
      readonly kind: 'esdb';
      /** What the client gets: the string without the ledger's own keys. */
      readonly connectionString: string;
      /** The `--store` value as given (its credentials are never shown). */
      readonly given: string;
      readonly ledger: LedgerConnectionOptions;
    }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string | undefined };

/**
 * Parses a `--store` value, or throws UsageError naming the forms it takes. A connection string is
 * checked here, before any client sees it, and shown only with its password masked.
 */
export function parseStoreSpec(text: string): StoreSpec {
  if (text.startsWith('file:') && text.length > 'file:'.length)
    return { kind: 'file', path: text.slice('file:'.length) };
  if (/^postgres(ql)?:\/\/./.test(text)) return parsePostgresSpec(text);
  if (isConnectionString(text)) {
    try {
      const { clientString, ledger } = splitLedgerOptions(text);
      parseConnectionString(clientString);
      return { kind: 'esdb', connectionString: clientString, given: text, ledger };
    } catch (error) {
      if (error instanceof InputError) throw new UsageError(`--store: ${error.reason}`);
      throw error;
    }
  }
  throw new UsageError(
    `--store: expected file:PATH, postgres://USER:PASSWORD@HOST:PORT/DB or a connection string (esdb://HOST:PORT?tls=false, kurrentdb://HOST:PORT?tls=false, esdb+discover://HOST:PORT, …), got ${JSON.stringify(redactConnectionString(text))}`,
  );
}

/**
 * A PostgreSQL URL, checked before the driver sees it; `?schema=NAME` is the ledger's (the schema
 * of its tables, default warranty_ledger) and is taken out, the rest goes to `pg` as given.
 */
function parsePostgresSpec(text: string): StoreSpec {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--store: not a PostgreSQL URL: ${JSON.stringify(redactConnectionString(text))}`);
  }
  const schemas = url.searchParams.getAll('schema');
  if (schemas.length > 1) throw new UsageError('--store: schema= given more than once');
  const schema = schemas[0];
  if (schema !== undefined && !isSchemaName(schema))
    throw new UsageError(`--store: schema must be ${SCHEMA_NAME_RULE}, got ${JSON.stringify(schema)}`);
  url.searchParams.delete('schema');
  return { kind: 'postgres', connectionString: url.toString(), schema };
}

/** Where a store is, for messages (a connection string without its credentials). */
export function describeStore(spec: StoreSpec): string {
  if (spec.kind === 'file') return spec.path;
  const text = (spec.kind === 'esdb' ? spec.given : spec.connectionString).replace(/\/\/[^@/]*@/, '//');
  return spec.kind === 'postgres' && spec.schema !== undefined
    ? `${text}${text.includes('?') ? '&' : '?'}schema=${spec.schema}`
    : text;
}

/** The `--store` value naming a store, for a command to suggest (without credentials). */
export function storeFlag(spec: StoreSpec): string {
  return spec.kind === 'file' ? `file:${spec.path}` : describeStore(spec);
}

function recoveryNote(path: string, recovery: FileStoreRecovery): string {
  const notes = [
    recovery.cut &&
      `cut a torn last line (line ${recovery.cut.line}, ${recovery.cut.bytes} bytes at offset ${recovery.cut.offset}: ${escapeControls(JSON.stringify(recovery.cut.text.slice(0, 80)))})`,
    recovery.completedLine !== undefined && `added the missing newline after line ${recovery.completedLine}`,
    recovery.staleLock &&
      `took back a lock left by ${recovery.staleLock.pid === undefined ? 'a writer' : `process ${recovery.staleLock.pid}${recovery.staleLock.host ? ` on ${recovery.staleLock.host}` : ''}`}, not refreshed for ${Math.round(recovery.staleLock.idleMs / 1000)} s`,
  ].filter(Boolean);
  return `${path}: on open, ${notes.join('; ')}\n`;
}

/**
 * Runs store work, turning what the store's system reports (a file's errno, an EventStoreDB client
 * error such as `unavailable`) into a LedgerError naming the store, so the CLI prints one line; a
 * password of the connection string never appears in it.
 */
export async function withStore<T>(spec: StoreSpec, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isLedgerError(error) || !(error instanceof Error)) throw error;
    const { code, type } = error as { code?: unknown; type?: unknown };
    if (typeof code === 'string' || typeof type === 'string' || isClientSetupError(error))
      throw new LedgerError(`store ${describeStore(spec)}: ${storeErrorText(spec, error, String(type ?? code))}`);
    throw error;
  }
}

/** Errors the clients throw as plain `Error`s: a failed discovery, or a connection string they refuse. */
const isClientSetupError = (error: Error) =>
  /^Failed to discover after \d+ attempts|^Unexpected ".*" at position \d+/.test(error.message);

/** The one-line text of a store error, the documented hint for a TLS mismatch, and no password. */
function storeErrorText(spec: StoreSpec, error: Error, fallback: string): string {
  let text = (error.message || fallback).replace(/\s*Resolution note:\s*$/, '');
  if (spec.kind !== 'file') {
    if (
      spec.kind === 'esdb' &&
      /wrong version number|WRONG_VERSION_NUMBER/.test(text) &&
      parseConnectionString(spec.connectionString).tls
    )
      return 'the server does not use TLS: add ?tls=false to the connection string for an insecure server';
    const password = passwordOf(spec.connectionString);
    if (password) for (const form of new Set([password, safeDecode(password)])) text = text.split(form).join('***');
    if (spec.kind === 'esdb') text = text.split(spec.given).join(describeStore(spec));
    text = text.split(spec.connectionString).join(describeStore(spec));
  }
  return text.split('\n')[0]!.replace(/\\n\.?$/, '');
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * Opens a store to write to, sealing appends into the hash chain: a file store takes its lock and
 * reports any repair on stderr. `onInvalidEvent` (EventStoreDB, for reading) skips what its reader rejects.
 */
export async function openStore(
  spec: StoreSpec,
  io: CliIo,
  onInvalidEvent?: (skipped: SkippedEvent) => void,
): Promise<EventStore> {
  if (spec.kind === 'file')
    return withHashChain(
      await withStore(spec, () =>
        openFileStore(spec.path, { onRecover: (r) => io.stderr(recoveryNote(spec.path, r)) }),
      ),
      { hash: nodeSha256 },
    );
  if (spec.kind === 'postgres') {
    const { connectPostgres } = await import('../store/postgres/index.js');
    return withHashChain(connectPostgres(spec.connectionString, { schema: spec.schema, onInvalidEvent }), {
      hash: nodeSha256,
    });
  }
  const { connectEventStoreDb } = await import('../store/eventstoredb/index.js');
  // gRPC's DEP0123 (a TLS server name that is an IP address) is noise to a command-line user.
  process.noDeprecation = true;
  return withHashChain(connectEventStoreDb(spec.connectionString, { ...spec.ledger, onInvalidEvent }), {
    hash: nodeSha256,
  });
}

/** How a history-reading command reads a store: its chains checked first (unless `noVerify`), events its reader rejects refused or skipped. */
export interface StoreReadOptions {
  /** Leave such events out (`--skip-invalid`), each handed to `onSkipped` after it is listed on stderr. */
  readonly skipInvalid?: boolean;
  readonly onSkipped?: (skipped: SkippedEvent) => void;
  /** Read without checking the hash chains (`--no-verify`), saying so on stderr. */
  readonly noVerify?: boolean;
}

/** Each stream of events read whole, in store order. */
function streamsOfStore(events: readonly UnitEvent[]): StreamInput[] {
  return streamsOf(events).map((s) => ({ ...s, locate: (i: number) => `revision ${i}` }));
}

/**
 * Every read of a store checks its hash chains first: a broken chain, a stripped seal or a copied
 * line refuses the read with the first break named (every event of a store the library wrote is
 * sealed). `--no-verify` reads anyway, saying so; with `--skip-invalid` the breaks that leaving
 * events out makes are reported, not refused.
 */
async function checkStoreChains(
  spec: StoreSpec,
  io: CliIo,
  options: StoreReadOptions,
  events?: readonly UnitEvent[],
): Promise<void> {
  const where = escapeControls(describeStore(spec));
  if (options.noVerify) return void io.stderr(`${where}: read without checking its hash chains (--no-verify)\n`);
  let streams: Iterable<StreamInput>;
  let close = () => {};
  if (events) streams = streamsOfStore(events);
  else {
    // Lines the reader rejects fail here as on the read itself, unless --skip-invalid leaves them out.
    const path = (spec as { path: string }).path;
    const read = await readStoreFileStreams(path, options.skipInvalid ? () => {} : undefined).catch(
      cannotReadStoreFile(path),
    );
    streams = read.streams;
    close = () => read.close();
  }
  let report: ChainReport;
  try {
    report = verifyChains(streams, { requireSeals: true, hash: nodeSha256 });
  } finally {
    close();
  }
  if (report.ok) return;
  const first = report.breaks[0]!;
  const named = `the hash chain of ${escapeControls(first.streamId)} breaks at ${first.at}${first.eventId === undefined ? '' : ` (event ${escapeControls(JSON.stringify(first.eventId))})`}: ${first.kind}: ${escapeControls(first.detail)}`;
  const more =
    report.breaks.length > 1
      ? `, and ${report.breaks.length - 1} more stream${report.breaks.length === 2 ? '' : 's'} break`
      : '';
  if (options.skipInvalid)
    return void io.stderr(
      `${where}: not every chain holds once events are left out (--skip-invalid): ${named}${more}\n`,
    );
  throw new InputError(
    undefined,
    '',
    `${where}: ${named}${more}; \`warranty-ledger verify --store ${escapeControls(storeFlag(spec))}\` names every break, --no-verify reads it anyway`,
  );
}

/** The way on from a store holding an event its reader rejects, said before the events are listed. */
function invalidHint(spec: StoreSpec): string {
  const store = storeFlag(spec);
  return `${describeStore(spec)}: the store holds events its reader rejects (below; nothing was changed): \`warranty-ledger verify --store ${store}\` lists them, \`warranty-ledger state --store ${store} --skip-invalid\` reads the rest\n`;
}

/** Lists each skipped event on stderr, then hands it on. */
const skipper = (io: CliIo, options: StoreReadOptions) => (skipped: SkippedEvent) => {
  io.stderr(`skipped (--skip-invalid): ${escapeControls(skipped.error.message)}\n`);
  options.onSkipped?.(skipped);
};

/** Runs a store read; a store holding events its reader rejects is first told how to go on. */
async function withInvalidHint<T>(
  spec: StoreSpec,
  io: CliIo,
  options: StoreReadOptions,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const rejected =
      error instanceof InputErrors ||
      (error instanceof InputError && /^(EventStoreDB|PostgreSQL) /.test(error.source ?? ''));
    if (rejected && !options.skipInvalid) io.stderr(invalidHint(spec));
    throw error;
  }
}

/** Every event of a store, read whole after its chains are checked (as `options` says). */
export async function readStore(spec: StoreSpec, io: CliIo, options: StoreReadOptions): Promise<UnitEvent[]> {
  const events = await withInvalidHint(spec, io, options, () =>
    readStoreEvents(spec, io, options.skipInvalid ? skipper(io, options) : undefined),
  );
  await checkStoreChains(spec, io, options, spec.kind === 'file' ? undefined : events);
  return events;
}

const cannotReadStoreFile =
  (path: string) =>
  (error: NodeJS.ErrnoException): never => {
    if (error.code) throw new InputError(undefined, '', `cannot read store file ${path}: ${error.code}`);
    throw error;
  };

const unfinishedNote = (path: string, line: number) =>
  `${path}: left out an unfinished last line (line ${line}): an append in progress, or a crash the next writer will repair\n`;

async function readStoreEvents(
  spec: StoreSpec,
  io: CliIo,
  skip: ((skipped: SkippedEvent) => void) | undefined,
): Promise<UnitEvent[]> {
  if (spec.kind === 'file') {
    // Read without the writer's lock: a running application may hold it.
    const snapshot = await readStoreFileSnapshot(spec.path, { skipInvalid: skip !== undefined }).catch(
      cannotReadStoreFile(spec.path),
    );
    if (snapshot.unfinished) io.stderr(unfinishedNote(spec.path, snapshot.unfinished.line));
    if (skip) snapshot.skipped?.forEach(skip);
    return snapshot.events;
  }
  const store = await openStore(spec, io, skip);
  try {
    const histories = createUnitHistories();
    const progress = createProgress(io, `reading ${describeStore(spec)}`, io.stderrIsTty);
    const done = await withStore(spec, () =>
      replayAll(store, [histories], { progressEvery: 5000, onProgress: (p) => progress.tick(p.events, p.units) }),
    );
    progress.done(done.events, done.units);
    if (done.events === 0 && spec.kind === 'esdb') await legacyPrefixHint(spec, io);
    return histories.events();
  } finally {
    await store.close();
  }
}

/** The stream prefix of stores written before the category rule (docs/eventstoredb.md, "Stream names"). */
const LEGACY_PREFIX = 'warranty-unit-';

/**
 * An EventStoreDB ledger read empty under the default prefix may be one written before the default
 * changed: if its old streams are there, say how to read them, rather than show no units silently.
 */
async function legacyPrefixHint(spec: StoreSpec & { kind: 'esdb' }, io: CliIo): Promise<void> {
  if (spec.ledger.streamPrefix !== undefined || spec.ledger.mode === 'category') return;
  const { connectEventStoreDb } = await import('../store/eventstoredb/index.js');
  const legacy = connectEventStoreDb(spec.connectionString, { streamPrefix: LEGACY_PREFIX, legacyStreamPrefix: true });
  try {
    for await (const _ of legacy.readAll()) {
      io.stderr(
        `${escapeControls(describeStore(spec))}: no events under the stream prefix warranty_unit-, but streams under the old prefix ${LEGACY_PREFIX}: add &streamPrefix=${LEGACY_PREFIX}&legacyStreamPrefix=true to read them (docs/eventstoredb.md, "Stream names")\n`,
      );
      return;
    }
  } catch {
    // A hint only: a server that refuses this read leaves the empty answer as it is.
  } finally {
    await legacy.close();
  }
}

/**
 * A file store as a UnitEventSource: its chains checked first (as `options` says), then its offset
 * index built. The chains' index is closed before the source's is built: memory holds one at a time.
 */
export async function readStoreSource(
  spec: StoreSpec & { kind: 'file' },
  book: PolicyBook,
  io: CliIo,
  options: StoreReadOptions,
): Promise<StoreFileSource> {
  await withInvalidHint(spec, io, options, () => checkStoreChains(spec, io, options));
  return withInvalidHint(spec, io, options, () =>
    readFileStoreSource(spec.path, book, io, options.skipInvalid ? skipper(io, options) : undefined),
  );
}

/** A file store read as its offset index (each unit's events read from the file in its turn), every sale's policy checked as the file is read. */
async function readFileStoreSource(
  path: string,
  book: PolicyBook,
  io: CliIo,
  skip: ((skipped: SkippedEvent) => void) | undefined,
): Promise<StoreFileSource> {
  const errors: InputError[] = [];
  const skipped: SkippedEvent[] = [];
  const onEvent = (event: UnitEvent, line: number) => {
    if (event.type !== 'UnitSold') return;
    try {
      checkSalePolicies([event], [line], book);
    } catch (error) {
      errors.push(...(error as InputErrors).errors);
    }
  };
  const source = await readStoreFileSource(path, onEvent, skip && ((s) => skipped.push(s))).catch(
    cannotReadStoreFile(path),
  );
  if (errors.length > 0) {
    source.close();
    throw new InputErrors(errors);
  }
  if (source.unfinished) io.stderr(unfinishedNote(path, source.unfinished.line));
  if (skip) skipped.forEach(skip);
  return source;
}
