/**
 * `warranty-ledger verify FILE.jsonl|--store SPEC [--anchor FILE] [--write-anchor FILE] [--require-sealed]`:
 * checks every stream's hash chain and names the first event that breaks each one (changed,
 * removed, reordered, inserted, unsealed). A file is read line by line as it is, duplicates
 * included, so a copied line is seen; exit 0 when every chain holds, 1 when one breaks. A history
 * with no sealed event has no chain to prove anything, and is reported as such (a failure with
 * `--require-sealed`). A store holding events its reader rejects is NOT VERIFIED: each is named,
 * the chains of the rest are checked, and nothing is rewritten (exit 1). The anchor is written
 * before anything is printed, so "verified" is the last word.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { UnitEvent } from '../../events/envelope.js';
import { inputErrorFrom } from '../../events/issues.js';
import { writeFileSafely } from '../../evidence/write-files.js';
import { escapeControls } from '../../projections/safe-text.js';
import { readStoreFileStreams } from '../../store/file/store-file-readers.js';
import {
  ANCHOR_FORMAT,
  Anchor as CompactAnchor,
  anchorOfStreams,
  anchorSignatureProblem,
  signAnchor,
} from '../../store/anchor.js';
import { nodeSha256 } from '../../node/sha256.js';
import {
  streamsOf,
  verifyChains,
  type ChainHead,
  type ChainReport,
  type StreamInput,
} from '../../store/chain-verify.js';
import { readPrivateKey, readPublicKey } from '../../signing/ed25519.js';
import type { Catalogue } from '../../i18n/en.js';
import { HISTORY_OPTIONS, langOf, parse } from '../args.js';
import { readJsonlLines } from '../input.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { STORE_OPTION, describeStore, openStore, parseStoreSpec, storeFlag, withStore } from '../store-option.js';
import { catalogueOf } from '../width.js';

export const usage =
  'warranty-ledger verify FILE.jsonl|--store file:PATH|esdb://HOST:PORT?tls=false [--anchor FILE.json [--verify-key PUB.pem]] [--write-anchor FILE.json [--sign-key KEY.pem]] [--require-sealed]';

const OPTIONS = {
  ...STORE_OPTION,
  anchor: { type: 'string' },
  'write-anchor': { type: 'string' },
  'require-sealed': { type: 'boolean' },
  'sign-key': { type: 'string' },
  'verify-key': { type: 'string' },
  lang: HISTORY_OPTIONS.lang,
} as const;

/** An anchor of the first format: each stream's head when it was written (still read; format 2 is written). */
const HeadsAnchor = z.strictObject({
  format: z.literal('warranty-ledger-anchor/1'),
  heads: z.array(
    z.strictObject({
      streamId: z.string().min(1),
      revision: z.number().int().min(0),
      eventId: z.string(),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

/** What a store holds, by stream, and the events its reader rejects (reported, never rewritten). */
interface StoreContent {
  readonly streams: Iterable<StreamInput>;
  readonly what: string;
  readonly invalid: readonly InputError[];
}

/** An anchor file: the compact, optionally signed format 2 (anchor.ts), or the heads of format 1. */
type AnchorFile = { readonly heads: ChainHead[] } | { readonly anchor: CompactAnchor };

function readAnchor(path: string): AnchorFile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(
      undefined,
      '',
      `cannot read anchor ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if ((value as { format?: unknown } | null)?.format === ANCHOR_FORMAT) {
    const parsed = CompactAnchor.safeParse(value);
    if (!parsed.success) throw inputErrorFrom(parsed.error, value, undefined, '', path);
    return { anchor: parsed.data };
  }
  const parsed = HeadsAnchor.safeParse(value);
  if (!parsed.success) throw inputErrorFrom(parsed.error, value, undefined, '', path);
  return { heads: parsed.data.heads };
}

/** The check against a format 2 anchor (its signature first, when a key is given) and the anchor of this state. */
function againstAnchor(
  streams: Iterable<StreamInput>,
  events: number,
  file: AnchorFile | undefined,
  verifyKey: string | undefined,
): { anchor: CompactAnchor; lines: string[]; ok: boolean } {
  const earlier = file && 'anchor' in file ? file.anchor : undefined;
  const { anchor, check } = anchorOfStreams(streams, events, earlier);
  if (!earlier) return { anchor, lines: [], ok: true };
  const problem = verifyKey === undefined ? null : anchorSignatureProblem(earlier, readPublicKey(verifyKey));
  const signed = earlier.signature
    ? verifyKey === undefined
      ? `signed by key ${earlier.signature.keyId}, not checked (no --verify-key)`
      : (problem ?? `signed by key ${earlier.signature.keyId}: the signature holds`)
    : (problem ?? 'not signed');
  const ok = check.ok && problem === null;
  const head = `${ok ? 'extends' : 'does NOT extend'} the anchor of ${count(earlier.streams, 'stream')} and ${count(earlier.events, 'event')} (${signed})`;
  return {
    anchor,
    ok,
    lines: [
      head,
      ...(problem ? [`  anchor: ${problem}`] : []),
      ...check.breaks.map((b) => `  ${escapeControls(b)}`),
      ...check.changes.map((c) => `  ${escapeControls(c)}`),
    ],
  };
}

function fileStreams(path: string): StoreContent {
  const read = readJsonlLines(path);
  return { streams: streamsOf(read.events, read.lines), what: path, invalid: [] };
}

async function storeStreams(store: string, io: CliIo): Promise<StoreContent> {
  const spec = parseStoreSpec(store);
  if (spec.kind === 'file') {
    // One stream at a time from the file's offset index, every line kept (a copied line is a break); lines its reader rejects are named, the rest checked.
    const invalid: InputError[] = [];
    const read = await readStoreFileStreams(spec.path, (error) => invalid.push(error)).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code) throw new InputError(undefined, '', `cannot read ${spec.path}: ${error.code}`);
        throw error;
      },
    );
    if (read.unfinished)
      io.stderr(
        `${spec.path}: left out an unfinished last line (line ${read.unfinished.line}): an append in progress, or a crash the next writer will repair\n`,
      );
    return { streams: read.streams, what: spec.path, invalid };
  }
  const invalid: InputError[] = [];
  const opened = await openStore(spec, io, (skipped) => invalid.push(skipped.error));
  try {
    const streams = new Map<string, { events: UnitEvent[]; revisions: number[]; positions: number[] }>();
    let position = 0;
    await withStore(spec, async () => {
      for await (const r of opened.readAll()) {
        let stream = streams.get(r.streamId);
        if (!stream) streams.set(r.streamId, (stream = { events: [], revisions: [], positions: [] }));
        stream.events.push(r.event);
        stream.revisions.push(r.revision);
        stream.positions.push(position++);
      }
    });
    const inputs = [...streams].map(([streamId, s]) => ({
      streamId,
      events: s.events,
      positions: s.positions,
      locate: (i: number) => `revision ${s.revisions[i]}`,
    }));
    return { streams: inputs, what: describeStore(spec), invalid };
  } finally {
    await opened.close();
  }
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const streamsAndEvents = (m: Catalogue, streams: number, events: number) => m['verify.sizes'](streams, events);

/** A store holding events its reader rejects is not verified: each is named, with the way on; the chains of the rest follow. */
function reportInvalid(what: string, store: string, invalid: readonly InputError[], io: CliIo, m: Catalogue): void {
  const lines = invalid.map((e) => `  ${escapeControls(e.message)}`);
  io.stdout(`${m['verify.invalid'](what, invalid.length, escapeControls(store))}\n${lines.join('\n')}\n`);
}

/** The verdict as text (every line escaped: stream and event ids come from the data) and its exit code. */
function verdict(
  what: string,
  result: ChainReport,
  requireSealed: boolean,
  m: Catalogue,
): { code: ExitCode; text: string } {
  const sizes = streamsAndEvents(m, result.streams, result.events);
  const nothingSealed = result.ok && result.sealed === 0;
  if (nothingSealed && !requireSealed)
    return { code: 0, text: m['verify.nothingSealed'](what, sizes, result.events === 0) };
  if (result.ok && !(requireSealed && result.unsealed > 0) && !nothingSealed)
    return { code: 0, text: m['verify.verified'](what, sizes, result.sealed, result.unsealed) };
  const lines = result.breaks.map(
    (b) =>
      `  ${escapeControls(b.streamId)}: ${b.at}${b.eventId === undefined ? '' : `, event ${escapeControls(JSON.stringify(b.eventId))}`}: ${b.kind}: ${escapeControls(b.detail)}`,
  );
  if (nothingSealed)
    lines.push(`  nothing is sealed (${count(result.events, 'event')}), and --require-sealed was given`);
  else if (result.ok) lines.push(`  ${count(result.unsealed, 'event')} carry no seal, and --require-sealed was given`);
  return {
    code: 1,
    text: `${m['verify.broken'](what, result.breaks.length, result.streams)}\n${lines.join('\n')}`,
  };
}

/** Runs `verify`; see the file comment. */
export async function verifyCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  const m = catalogueOf(langOf(values.lang, io));
  if ((values.store === undefined) === (positionals.length !== 1) || positionals.length > 1)
    throw new UsageError(`expected one events file or --store\nusage: ${usage}`);
  const anchorFile = values.anchor === undefined ? undefined : readAnchor(values.anchor);
  if (values['verify-key'] !== undefined && !(anchorFile && 'anchor' in anchorFile))
    throw new UsageError(`--verify-key checks the signature of a format 2 --anchor\nusage: ${usage}`);
  const { streams, what, invalid } =
    values.store === undefined ? fileStreams(positionals[0]!) : await storeStreams(values.store, io);
  const heads = anchorFile && 'heads' in anchorFile ? anchorFile.heads : undefined;
  // Every event of a store the library wrote is sealed: there an unsealed event is a break, in an interchange file a legacy prefix.
  const result = verifyChains(streams, {
    ...(heads ? { anchor: heads } : {}),
    requireSeals: values.store !== undefined,
    hash: nodeSha256,
  });
  if (invalid.length > 0) reportInvalid(escapeControls(what), storeFlag(parseStoreSpec(values.store!)), invalid, io, m);
  const judged = verdict(
    escapeControls(invalid.length > 0 ? `${what} (the rest)` : what),
    result,
    values['require-sealed'] === true,
    m,
  );
  const anchorPath = values['write-anchor'];
  const compact =
    anchorFile || anchorPath !== undefined
      ? againstAnchor(streams, result.events, anchorFile, values['verify-key'])
      : undefined;
  const code: ExitCode = judged.code || (invalid.length > 0 ? 1 : 0) || (compact && !compact.ok ? 1 : 0);
  const text = [judged.text, ...(compact?.lines ?? [])].join('\n');
  if (code === 0 && anchorPath !== undefined && compact) {
    const anchor =
      values['sign-key'] === undefined
        ? compact.anchor
        : signAnchor(compact.anchor, readPrivateKey(values['sign-key']));
    writeFileSafely(anchorPath, `${JSON.stringify(anchor, null, 2)}\n`);
    io.stdout(
      `${text}\nwrote ${escapeControls(anchorPath)}: an anchor of ${count(anchor.streams, 'stream')} and ${count(anchor.events, 'event')}, root ${anchor.root}${anchor.signature ? `, signed by key ${anchor.signature.keyId}` : ''}\n`,
    );
  } else io.stdout(`${text}\n`);
  return code;
}
