/**
 * Anchors: one small JSON that pins a store's whole history at a moment, as Certificate
 * Transparency's signed tree heads pin a log. An anchor holds the number of streams and events and
 * the Merkle root (./merkle.ts) over every event in the store's log order, each leaf the event's
 * stream, revision and chain hash; the roots of each full chunk of 65,536 events let a later check
 * say where history changed. A later state *extends* the anchor when its first `events` events
 * still give the root: appends and new streams are allowed, nothing before them may change.
 * Optionally signed with Ed25519 (../signing/ed25519.ts) over its canonical JSON.
 */
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../events/canonical.js';
import { checkSignature, signBytes, type Signature } from '../signing/ed25519.js';
import type { StreamInput } from './chain-verify.js';
import { GENESIS_HASH, chainHash, storedBody } from './hash-chain.js';
import { nodeSha256 } from '../node/sha256.js';
import { createMerkleLog, leafHash, type MerkleLog } from './merkle.js';

export const ANCHOR_FORMAT = 'warranty-ledger-anchor/2';
export const ANCHOR_CHUNK_SIZE = 65_536;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

export const Anchor = z.strictObject({
  format: z.literal(ANCHOR_FORMAT),
  streams: z.number().int().min(0),
  events: z.number().int().min(0),
  root: hex64,
  chunkSize: z.literal(ANCHOR_CHUNK_SIZE),
  chunkRoots: z.array(hex64),
  signature: z
    .strictObject({
      algorithm: z.literal('ed25519'),
      keyId: z.string().regex(/^[0-9a-f]{16}$/),
      value: z.string().max(200),
    })
    .optional(),
});
export type Anchor = z.infer<typeof Anchor>;

/** What an anchor's check found: breaks (history before the anchor changed) and changes (what came after it). */
export interface AnchorCheck {
  readonly ok: boolean;
  readonly breaks: string[];
  readonly changes: string[];
}

const leafOf = (streamId: string, revision: number, hash: string): Buffer =>
  leafHash(JSON.stringify([streamId, revision, hash]));

const NAMED = 5;
const names = (ids: Iterable<string>, total: number): string =>
  `${[...ids].map((id) => JSON.stringify(id)).join(', ')}${total > NAMED ? `, … (${total} in all)` : ''}`;

/**
 * Walks a store's events in log order (the file's line order, a store's global position) and
 * builds its anchor; given an earlier anchor, also checks that this state extends it.
 */
export function createAnchorWalk(earlier?: Anchor) {
  const log = createMerkleLog();
  let chunk: MerkleLog = createMerkleLog();
  const chunkRoots: string[] = [];
  const streams = new Set<string>();
  let chunkStreams = new Set<string>();
  const breaks: string[] = [];
  let prefixRoot: string | undefined;
  let prefixStreams = 0;
  let prefixChunkStreams = new Set<string>();
  const newStreams = new Set<string>();
  let newStreamCount = 0;
  const appendedTo = new Set<string>();

  const checkChunk = (index: number, root: string, from: number, to: number) => {
    const anchored = earlier?.chunkRoots[index];
    if (anchored !== undefined && anchored !== root) {
      breaks.push(
        `events ${from + 1}–${to} of the log no longer match the anchor (streams there include ${names(chunkStreams, chunkStreams.size)})`,
      );
    }
  };

  return {
    /** The next event in log order: its stream, its revision there, and its chain hash. */
    add(streamId: string, revision: number, hash: string): void {
      const leaf = leafOf(streamId, revision, hash);
      const position = log.size;
      if (earlier && position >= earlier.events) {
        if (!streams.has(streamId)) {
          newStreamCount++;
          if (newStreams.size < NAMED) newStreams.add(streamId);
        } else appendedTo.add(streamId);
      }
      streams.add(streamId);
      if (chunkStreams.size < NAMED) chunkStreams.add(streamId);
      log.add(leaf);
      chunk.add(leaf);
      if (chunk.size === ANCHOR_CHUNK_SIZE) {
        const root = chunk.root();
        checkChunk(chunkRoots.length, root, position + 1 - ANCHOR_CHUNK_SIZE, position + 1);
        chunkRoots.push(root);
        chunk = createMerkleLog();
        chunkStreams = new Set();
      }
      if (earlier && log.size === earlier.events) {
        prefixRoot = log.root();
        prefixStreams = streams.size;
        prefixChunkStreams = new Set(chunkStreams);
      }
    },

    /** This state's anchor, unsigned. */
    anchor(): Anchor {
      return {
        format: ANCHOR_FORMAT,
        streams: streams.size,
        events: log.size,
        root: log.root(),
        chunkSize: ANCHOR_CHUNK_SIZE,
        chunkRoots: [...chunkRoots],
      };
    },

    /** Whether this state extends `earlier`, and what changed since it. */
    check(): AnchorCheck {
      if (!earlier) return { ok: true, breaks: [], changes: [] };
      const found = [...breaks];
      if (earlier.events === 0) prefixRoot = createMerkleLog().root();
      if (log.size < earlier.events) {
        found.push(`the anchor covers ${earlier.events} events, the store holds ${log.size}: events were removed`);
      } else if (prefixRoot !== earlier.root) {
        if (found.length === 0) {
          const from = Math.floor(earlier.events / ANCHOR_CHUNK_SIZE) * ANCHOR_CHUNK_SIZE;
          found.push(
            `events ${from + 1}–${earlier.events} of the log no longer match the anchor (streams there include ${names(prefixChunkStreams, prefixChunkStreams.size)})`,
          );
        }
        found.push(
          `the first ${earlier.events} events no longer give the anchored root ${earlier.root.slice(0, 12)}…: history the anchor covers was changed, removed, inserted or reordered`,
        );
      } else if (prefixStreams !== earlier.streams) {
        found.push(`the anchor records ${earlier.streams} streams, its events hold ${prefixStreams}`);
      }
      const appended = log.size - earlier.events;
      const changes =
        appended <= 0
          ? ['nothing appended since the anchor']
          : [
              `${appended} event${appended === 1 ? '' : 's'} appended since the anchor`,
              ...(appendedTo.size > 0
                ? [`to ${appendedTo.size} anchored stream${appendedTo.size === 1 ? '' : 's'}`]
                : []),
              ...(newStreamCount > 0
                ? [
                    `${newStreamCount} new stream${newStreamCount === 1 ? '' : 's'}: ${names(newStreams, newStreamCount)}`,
                  ]
                : []),
            ];
      return { ok: found.length === 0, breaks: found, changes };
    },
  };
}

/** The bytes a signature covers: the anchor's canonical JSON without its signature. */
const signedBytes = (anchor: Anchor): string => {
  const { signature: _s, ...body } = anchor;
  return canonicalJson(body);
};

export function signAnchor(anchor: Anchor, privateKey: KeyObject): Anchor {
  return { ...anchor, signature: signBytes(signedBytes(anchor), privateKey) };
}

/** Why an anchor's signature does not hold under `publicKey` (missing included), or null. */
export function anchorSignatureProblem(anchor: Anchor, publicKey: KeyObject): string | null {
  if (!anchor.signature) return 'the anchor is not signed';
  return checkSignature(signedBytes(anchor), anchor.signature as Signature, publicKey);
}

/**
 * The anchor of a store read as streams (each event with its place in the log order), and, given
 * an earlier anchor, whether this state extends it. Memory: 40 bytes per event, not the events.
 */
export function anchorOfStreams(
  streams: Iterable<StreamInput>,
  events: number,
  earlier?: Anchor,
): { anchor: Anchor; check: AnchorCheck } {
  const hashes = Buffer.alloc(events * 32);
  const streamOf = new Uint32Array(events);
  const revisionOf = new Uint32Array(events);
  const filled = new Uint8Array(events);
  const ids: string[] = [];
  for (const input of streams) {
    const id = ids.push(input.streamId) - 1;
    let prev = GENESIS_HASH;
    input.events.forEach((event, revision) => {
      const hash = event.hash ?? chainHash(prev, storedBody(event), nodeSha256);
      prev = hash;
      const at = input.positions?.[revision];
      if (at === undefined || at >= events || filled[at])
        throw new RangeError(`stream ${input.streamId}: no place in the log for revision ${revision}`);
      filled[at] = 1;
      hashes.write(hash, at * 32, 'hex');
      streamOf[at] = id;
      revisionOf[at] = revision;
    });
  }
  const walk = createAnchorWalk(earlier);
  for (let at = 0; at < events; at++) {
    if (!filled[at]) throw new RangeError(`no event at place ${at} of the log`);
    walk.add(ids[streamOf[at]!]!, revisionOf[at]!, hashes.toString('hex', at * 32, at * 32 + 32));
  }
  return { anchor: walk.anchor(), check: walk.check() };
}
