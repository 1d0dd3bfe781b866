/**
 * `warranty-ledger verify FILE.jsonl|--store SPEC [--anchor FILE] [--write-anchor FILE] [--require-sealed]`:
 * checks every stream's hash chain and names the first event that breaks each one (changed,
 * removed, reordered, inserted, unsealed). A file is read line by line as it is, duplicates
 * included, so a copied line is seen; exit 0 when every chain holds, 1 when one breaks.
 */
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, InputErrors } from '../../errors.js';
import type { UnitEvent } from '../../events/envelope.js';
import { inputErrorFrom } from '../../events/issues.js';
import { parseEventLine } from '../../events/jsonl.js';
import { readStoreFileStreams } from '../../store/file/store-file-readers.js';
import { streamsOf, verifyChains, type ChainHead, type ChainReport, type StreamInput } from '../../store/chain-verify.js';
import { parse } from '../args.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { STORE_OPTION, describeStore, openStore, parseStoreSpec, withStore } from '../store-option.js';

export const usage = 'warranty-ledger verify FILE.jsonl|--store file:PATH|esdb://HOST:PORT?tls=false [--anchor FILE.json] [--write-anchor FILE.json] [--require-sealed]';

const OPTIONS = { ...STORE_OPTION, anchor: { type: 'string' }, 'write-anchor': { type: 'string' }, 'require-sealed': { type: 'boolean' } } as const;

/** The anchor file: each stream's head when it was written. */
const Anchor = z.strictObject({
  format: z.literal('warranty-ledger-anchor/1'),
  heads: z.array(z.strictObject({ streamId: z.string().min(1), revision: z.number().int().min(0), eventId: z.string(), hash: z.string().regex(/^[0-9a-f]{64}$/) })),
});

interface FileLines {
  readonly events: UnitEvent[];
  readonly lines: number[];
  /** A last line without its newline that does not parse: a store's torn tail, left out. */
  readonly torn?: number;
}

const MAX_ERRORS = 20;

/** Every line of a JSONL file parsed on its own (no deduplication), read in chunks. */
function readLines(path: string, tornTailAllowed: boolean): FileLines {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new InputError(undefined, '', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const events: UnitEvent[] = [];
  const lines: number[] = [];
  const errors: InputError[] = [];
  const take = (bytes: Buffer, n: number, last: boolean): boolean => {
    let text = bytes.toString('utf8');
    if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return true;
    const event = parseEventLine(text, n);
    if (!(event instanceof InputError)) return events.push(event), lines.push(n), true;
    if (last && tornTailAllowed) return false;
    errors.push(event);
    return true;
  };
  let torn: number | undefined;
  try {
    let buffer = Buffer.allocUnsafe(1 << 22);
    let filled = 0;
    let n = 1;
    for (let got = 1; got > 0 && errors.length < MAX_ERRORS; ) {
      if (filled === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      got = readSync(fd, buffer, filled, buffer.length - filled, null);
      filled += got;
      let start = 0;
      for (let nl = buffer.indexOf(10, start); nl >= 0 && nl < filled; nl = buffer.indexOf(10, start), n++) {
        take(buffer.subarray(start, nl), n, false);
        start = nl + 1;
      }
      buffer.copy(buffer, 0, start, filled);
      filled -= start;
      if (got === 0 && filled > 0 && !take(buffer.subarray(0, filled), n, true)) torn = n;
    }
  } finally {
    closeSync(fd);
  }
  if (errors.length > 0) throw new InputErrors(errors);
  return { events, lines, ...(torn === undefined ? {} : { torn }) };
}

function readAnchor(path: string): ChainHead[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(undefined, '', `cannot read anchor ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = Anchor.safeParse(value);
  if (!parsed.success) throw inputErrorFrom(parsed.error, value, undefined, '', path);
  return parsed.data.heads;
}

function fileStreams(path: string): { streams: StreamInput[]; what: string } {
  const read = readLines(path, false);
  return { streams: streamsOf(read.events, read.lines), what: path };
}

async function storeStreams(store: string, io: CliIo): Promise<{ streams: Iterable<StreamInput>; what: string }> {
  const spec = parseStoreSpec(store);
  if (spec.kind === 'file') {
    // One stream at a time from the file's offset index, every line kept (a copied line is a break).
    const read = await readStoreFileStreams(spec.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code) throw new InputError(undefined, '', `cannot read ${spec.path}: ${error.code}`);
      throw error;
    });
    if (read.unfinished) io.stderr(`${spec.path}: left out an unfinished last line (line ${read.unfinished.line}): an append in progress, or a crash the next writer will repair\n`);
    return { streams: read.streams, what: spec.path };
  }
  const opened = await openStore(spec, io);
  try {
    const streams = new Map<string, { events: UnitEvent[]; revisions: number[] }>();
    await withStore(spec, async () => {
      for await (const r of opened.readAll()) {
        let stream = streams.get(r.streamId);
        if (!stream) streams.set(r.streamId, (stream = { events: [], revisions: [] }));
        stream.events.push(r.event);
        stream.revisions.push(r.revision);
      }
    });
    const inputs = [...streams].map(([streamId, s]) => ({ streamId, events: s.events, locate: (i: number) => `revision ${s.revisions[i]}` }));
    return { streams: inputs, what: describeStore(spec) };
  } finally {
    await opened.close();
  }
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function report(what: string, result: ChainReport, requireSealed: boolean, io: CliIo): ExitCode {
  const seals = `${result.sealed} sealed${result.unsealed > 0 ? `, ${result.unsealed} unsealed (written before hashing: covered only once a sealed event follows them)` : ''}`;
  if (result.ok && !(requireSealed && result.unsealed > 0)) {
    io.stdout(`verified ${what}: ${count(result.streams, 'stream')}, ${count(result.events, 'event')}, every chain intact; ${seals}\n`);
    return 0;
  }
  const lines = result.breaks.map((b) => `  ${b.streamId}: ${b.at}${b.eventId === undefined ? '' : `, event ${JSON.stringify(b.eventId)}`}: ${b.kind}: ${b.detail}`);
  if (result.ok) lines.push(`  ${count(result.unsealed, 'event')} carry no seal, and --require-sealed was given`);
  io.stdout(`NOT VERIFIED ${what}: ${result.breaks.length} of ${count(result.streams, 'stream')} broken\n${lines.join('\n')}\n`);
  return 1;
}

/** Runs `verify`; see the file comment. */
export async function verifyCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  if ((values.store === undefined) === (positionals.length !== 1) || positionals.length > 1) throw new UsageError(`expected one events file or --store\nusage: ${usage}`);
  const anchor = values.anchor === undefined ? undefined : readAnchor(values.anchor);
  const { streams, what } = values.store === undefined ? fileStreams(positionals[0]!) : await storeStreams(values.store, io);
  const result = verifyChains(streams, anchor ? { anchor } : {});
  const code = report(what, result, values['require-sealed'] === true, io);
  if (code === 0 && values['write-anchor'] !== undefined) {
    writeFileSync(values['write-anchor'], `${JSON.stringify({ format: 'warranty-ledger-anchor/1', heads: result.heads }, null, 2)}\n`);
    io.stdout(`wrote ${values['write-anchor']}: the heads of ${result.heads.length} streams\n`);
  }
  return code;
}
