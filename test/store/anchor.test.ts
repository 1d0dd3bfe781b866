/** Anchors (issue: signed compact anchors): the Merkle log, the extension check and Ed25519 signatures. */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import {
  ANCHOR_CHUNK_SIZE,
  anchorSignatureProblem,
  createAnchorWalk,
  signAnchor,
  type Anchor,
} from '../../src/store/anchor.js';
import { createMerkleLog, EMPTY_ROOT, leafHash, merkleRoot } from '../../src/store/merkle.js';

/** RFC 6962 §2.1 written as the recursion it states, to check the incremental tree against. */
function recursiveRoot(leaves: readonly Buffer[]): string {
  const node = (a: Buffer, b: Buffer) =>
    createHash('sha256')
      .update(Buffer.from([1]))
      .update(a)
      .update(b)
      .digest();
  const mth = (ls: readonly Buffer[]): Buffer => {
    if (ls.length === 0) return createHash('sha256').digest();
    if (ls.length === 1) return ls[0]!;
    let k = 1;
    while (k * 2 < ls.length) k *= 2;
    return node(mth(ls.slice(0, k)), mth(ls.slice(k)));
  };
  return mth(leaves).toString('hex');
}

const hashOf = (i: number) => createHash('sha256').update(String(i)).digest('hex');

/** A log of `n` events spread over `streams` streams, in log order. */
function log(n: number, streams: number, edit?: (i: number) => string | undefined): [string, number, string][] {
  const revisions = new Map<string, number>();
  return Array.from({ length: n }, (_, i) => {
    const streamId = `U-${i % streams}`;
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    return [streamId, revision, edit?.(i) ?? hashOf(i)];
  });
}

function anchorOf(events: readonly [string, number, string][]): Anchor {
  const walk = createAnchorWalk();
  for (const [s, r, h] of events) walk.add(s, r, h);
  return walk.anchor();
}

function checkAgainst(earlier: Anchor, events: readonly [string, number, string][]) {
  const walk = createAnchorWalk(earlier);
  for (const [s, r, h] of events) walk.add(s, r, h);
  return walk.check();
}

describe('the Merkle log (RFC 6962 shape)', () => {
  it('gives the RFC 6962 test vectors', () => {
    expect(EMPTY_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(merkleRoot([leafHash(new Uint8Array())])).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const leaves = [
      [],
      [0x00],
      [0x10],
      [0x20, 0x21],
      [0x30, 0x31],
      [0x40, 0x41, 0x42, 0x43],
      [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
      Array.from({ length: 16 }, (_, i) => 0x60 + i),
    ];
    expect(merkleRoot(leaves.map((b) => leafHash(new Uint8Array(b))))).toBe(
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    );
  });

  it('built one leaf at a time, equals the recursive definition at every size', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 70 }), (data) => {
        const leaves = data.map((d) => leafHash(d));
        const tree = createMerkleLog();
        leaves.forEach((leaf, i) => {
          tree.add(leaf);
          expect(tree.root()).toBe(recursiveRoot(leaves.slice(0, i + 1)));
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('anchors', () => {
  const events = log(1_000, 37);
  const anchor = anchorOf(events);

  it('are small: counts, a root and one hash per 65,536 events', () => {
    expect(anchor).toMatchObject({ format: 'warranty-ledger-anchor/2', streams: 37, events: 1_000, chunkRoots: [] });
    expect(JSON.stringify(anchor).length).toBeLessThan(300);
  });

  it('the same state extends its anchor, with nothing appended', () => {
    expect(checkAgainst(anchor, events)).toEqual({
      ok: true,
      breaks: [],
      changes: ['nothing appended since the anchor'],
    });
  });

  it('appends and new streams extend it, and are named', () => {
    const later = [...events, ['U-3', 1_000, hashOf(-1)], ['U-NEW', 0, hashOf(-2)], ['U-NEW', 1, hashOf(-3)]] as [
      string,
      number,
      string,
    ][];
    const check = checkAgainst(anchor, later);
    expect(check.ok).toBe(true);
    expect(check.changes).toEqual([
      '3 events appended since the anchor',
      'to 2 anchored streams',
      '1 new stream: "U-NEW"',
    ]);
  });

  it('a changed event before the anchor breaks it (a re-sealed stream included: its hashes are new)', () => {
    const check = checkAgainst(
      anchor,
      log(1_000, 37, (i) => (i === 500 ? hashOf(-9) : undefined)),
    );
    expect(check.ok).toBe(false);
    expect(check.breaks.join('\n')).toContain('the first 1000 events no longer give the anchored root');
  });

  it('a removed event, an inserted stream and a reordering each break it', () => {
    expect(checkAgainst(anchor, events.slice(0, -1)).breaks).toEqual([
      'the anchor covers 1000 events, the store holds 999: events were removed',
    ]);
    const forged = [
      ...events.slice(0, 10),
      ['U-FORGED', 0, hashOf(-5)] as [string, number, string],
      ...events.slice(10),
    ];
    expect(checkAgainst(anchor, forged).ok).toBe(false);
    const swapped = [...events];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(checkAgainst(anchor, swapped).ok).toBe(false);
  });

  it('a change is located to its chunk of 65,536 events, with the streams there', () => {
    const n = 2 * ANCHOR_CHUNK_SIZE + 10;
    const big = anchorOf(log(n, 1_000));
    expect(big.chunkRoots).toHaveLength(2);
    const check = checkAgainst(
      big,
      log(n, 1_000, (i) => (i === ANCHOR_CHUNK_SIZE + 7 ? hashOf(-1) : undefined)),
    );
    expect(check.breaks[0]).toBe(
      `events ${ANCHOR_CHUNK_SIZE + 1}–${2 * ANCHOR_CHUNK_SIZE} of the log no longer match the anchor (streams there include "U-536", "U-537", "U-538", "U-539", "U-540")`,
    );
    expect(check.breaks).toHaveLength(2);
  });

  it('an empty store anchors and is extended by anything', () => {
    const empty = anchorOf([]);
    expect(empty.root).toBe(EMPTY_ROOT);
    expect(checkAgainst(empty, events).ok).toBe(true);
  });
});

describe('signed anchors (Ed25519)', () => {
  const keys = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const anchor = signAnchor(anchorOf(log(100, 5)), keys.privateKey);

  it('verify under the signer key', () => {
    expect(anchor.signature).toMatchObject({ algorithm: 'ed25519' });
    expect(anchorSignatureProblem(anchor, keys.publicKey)).toBeNull();
  });

  it('a changed anchor, a wrong key and a missing signature are each named', () => {
    expect(anchorSignatureProblem({ ...anchor, events: 99 }, keys.publicKey)).toBe(
      'the signature does not match: the signed content was changed',
    );
    expect(anchorSignatureProblem(anchor, other.publicKey)).toMatch(
      /^signed with key [0-9a-f]{16}, not with the given key [0-9a-f]{16}$/,
    );
    const { signature: _s, ...unsigned } = anchor;
    expect(anchorSignatureProblem(unsigned, keys.publicKey)).toBe('the anchor is not signed');
  });
});

describe('verify --write-anchor / --anchor through the command line', () => {
  const scenarios = join(__dirname, '..', 'scenarios');

  async function cli(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await run(argv, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      now: () => new Date('2040-01-01T00:00:00Z'),
      stderrIsTty: false,
    });
    return { code, stdout, stderr };
  }

  it('a signed anchor is extended by appends and new streams, which are named; a re-sealed rewrite and a changed anchor are caught', async () => {
    const d = mkdtempSync(join(tmpdir(), 'wl-anchor-cli-'));
    const keys = generateKeyPairSync('ed25519');
    writeFileSync(join(d, 'key.pem'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(d, 'pub.pem'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
    const store = `file:${join(d, 'ledger.jsonl')}`;
    expect(
      (await cli(['import', join(scenarios, '02-three-failed-repairs', 'events.jsonl'), '--store', store])).code,
    ).toBe(0);
    const written = await cli([
      'verify',
      '--store',
      store,
      '--write-anchor',
      join(d, 'anchor.json'),
      '--sign-key',
      join(d, 'key.pem'),
    ]);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/signed by key [0-9a-f]{16}\n$/);
    const later = [
      {
        id: 'n-1',
        type: 'UnitSold',
        unitId: 'U-NEW',
        occurredAt: '2039-01-01T00:00:00Z',
        data: { serialNumber: 'SN-N', brand: 'Acme', model: 'M1', customerId: 'C-N', policyId: 'standard-1y' },
      },
      {
        id: 'n-2',
        type: 'MaintenanceVisited',
        unitId: 'U-1',
        occurredAt: '2039-01-02T00:00:00Z',
        data: { kind: 'periodic' },
      },
    ];
    writeFileSync(join(d, 'later.jsonl'), later.map((e) => `${JSON.stringify(e)}\n`).join(''));
    expect((await cli(['import', join(d, 'later.jsonl'), '--store', store])).code).toBe(0);
    const extended = await cli([
      'verify',
      '--store',
      store,
      '--anchor',
      join(d, 'anchor.json'),
      '--verify-key',
      join(d, 'pub.pem'),
    ]);
    expect(extended.code).toBe(0);
    expect(extended.stdout).toMatch(
      /extends the anchor of 1 stream and \d+ events \(signed by key [0-9a-f]{16}: the signature holds\)/,
    );
    expect(extended.stdout).toContain(
      '  2 events appended since the anchor\n  to 1 anchored stream\n  1 new stream: "U-NEW"',
    );

    // The same history re-sealed with one event changed: every chain holds, the anchor does not.
    const original = readFileSync(join(scenarios, '02-three-failed-repairs', 'events.jsonl'), 'utf8');
    writeFileSync(join(d, 'edited.jsonl'), original.replace('"outcome": "failed"', '"outcome": "fixed"'));
    const forged = `file:${join(d, 'forged.jsonl')}`;
    expect((await cli(['import', join(d, 'edited.jsonl'), '--store', forged])).code).toBe(0);
    const rewritten = await cli(['verify', '--store', forged, '--anchor', join(d, 'anchor.json')]);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toContain('every chain intact');
    expect(rewritten.stdout).toContain('does NOT extend the anchor');

    const anchor = JSON.parse(readFileSync(join(d, 'anchor.json'), 'utf8'));
    writeFileSync(join(d, 'changed.json'), JSON.stringify({ ...anchor, events: anchor.events - 1 }));
    const changed = await cli([
      'verify',
      '--store',
      store,
      '--anchor',
      join(d, 'changed.json'),
      '--verify-key',
      join(d, 'pub.pem'),
    ]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('anchor: the signature does not match: the signed content was changed');
  });
});
