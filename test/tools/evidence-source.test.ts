/**
 * Bundles that prove their source (issue: history an auditor can trust, finding 7): --verify checks
 * the events' hash chain and each seal, reads only the plain files a bundle holds, refuses a preset's
 * name on other terms, and checks an Ed25519 signature of the manifest when a key is given.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFrom } from '../../src/evidence/bundle.js';
import { sha256, verifyBundle } from '../../src/evidence/files.js';
import { parseJsonl, PRESETS, serializeEvent, type UnitEvent } from '../../src/index.js';
import { parsePolicy } from '../../src/policy/resolve.js';
import { parseTimePoint } from '../../src/time/as-of.js';
import { cli, scenarioFile } from './support.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'wl-evsrc-'));

/** Scenario 02 imported into a file store (sealed), and U-1's bundle taken from the store. */
async function sealedBundle(extra: string[] = []): Promise<string> {
  const d = tmp();
  const store = `file:${join(d, 'ledger.jsonl')}`;
  expect((await cli(['import', scenarioFile('02-three-failed-repairs'), '--store', store])).code).toBe(0);
  const out = join(d, 'bundle');
  const r = await cli(['evidence', '--store', store, '--unit', 'U-1', '--out', out, '--as-of', '2025-06-30', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return out;
}

/** Rewrites the whole bundle consistently from edited events, as a forger with write access would. */
function forge(dir: string, edit: (events: UnitEvent[]) => UnitEvent[]): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const events = edit(parseJsonl(readFileSync(join(dir, 'events.jsonl'), 'utf8')).events);
  const policy = parsePolicy(JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8')));
  const files = bundleFrom(manifest.unitId, events, policy, parseTimePoint(manifest.asOf, 'asOf'), undefined, sha256);
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
}

function writeKeys(dir: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const key = join(dir, 'key.pem');
  const pub = join(dir, 'pub.pem');
  writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { key, pub };
}

describe('bundles from a sealed store prove their chain', () => {
  it('hold the stream from its first event, sealed, with its head in the manifest, and verify', async () => {
    const dir = await sealedBundle();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const events = parseJsonl(readFileSync(join(dir, 'events.jsonl'), 'utf8')).events;
    expect(manifest.source).toEqual({ events: events.length, sealed: true, head: events.at(-1)!.hash });
    const r = await cli(['evidence', '--verify', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('events.jsonl: every seal holds and the chain runs from the stream');
    expect(r.stdout).toContain('policy.json: the preset standard-1y v1, term for term');
  });

  it('an event edited with its old seal kept fails, even when every other file is rewritten to match', async () => {
    const dir = await sealedBundle();
    forge(dir, (events) =>
      events.map((e) =>
        e.type === 'RepairCompleted' && e.data.outcome === 'failed'
          ? ({ ...e, data: { ...e.data, outcome: 'fixed' } } as UnitEvent)
          : e,
      ),
    );
    const result = verifyBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(
      /events\.jsonl: the hash chain breaks at line \d+ \(event "e02-\d+"\): changed/,
    );
  });

  it('a stripped seal in a sealed stream is named as an edit', async () => {
    const dir = await sealedBundle();
    forge(dir, (events) =>
      events.map((e, i) => (i === 3 ? ({ ...e, prevHash: undefined, hash: undefined } as UnitEvent) : e)),
    );
    // The forger's manifest now says "not sealed", yet some events are: an unsealed event in a sealed stream.
    expect(verifyBundle(dir).problems.join('\n')).toContain(
      'events are sealed, the manifest says none: in a sealed stream an unsealed event can only be an edit',
    );
  });
});

describe('--verify reads only the plain files a bundle holds', () => {
  it('a manifest naming a file outside the bundle is refused without reading it', async () => {
    const dir = await sealedBundle();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.files.push({ name: '../../../../etc/hostname', bytes: 1, sha256: '0'.repeat(64) });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const result = verifyBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain(
      'manifest.json: not a warranty-ledger-evidence/3 manifest (nor of an earlier format)',
    );
    manifest.files[manifest.files.length - 1].name = 'hostname';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    expect(verifyBundle(dir).problems).toContain('hostname: not a file a bundle holds; not read');
  });

  it('events.jsonl as a FIFO and policy.json as a link to /dev/zero are refused at once, not read', async () => {
    const dir = await sealedBundle();
    rmSync(join(dir, 'events.jsonl'));
    execFileSync('mkfifo', [join(dir, 'events.jsonl')]);
    rmSync(join(dir, 'policy.json'));
    symlinkSync('/dev/zero', join(dir, 'policy.json'));
    const result = verifyBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain('events.jsonl: not a plain file (a link, a folder, a FIFO or a device)');
    expect(result.problems).toContain('policy.json: not a plain file (a link, a folder, a FIFO or a device)');
  });

  it('a manifest with "files":[null] is refused in one line', async () => {
    const dir = await sealedBundle();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, files: [null] }));
    const r = await cli(['evidence', '--verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('manifest.json: not a warranty-ledger-evidence/3 manifest (nor of an earlier format)');
    expect(r.stderr).toBe('');
  });
});

describe("a preset's name on other terms", () => {
  const impostor = {
    ...PRESETS[0],
    repeatedFailure: { threshold: { value: 9, comparison: 'at-least' }, remedy: 'replacement' },
  };

  it('is refused when a bundle is made', async () => {
    const d = tmp();
    writeFileSync(join(d, 'policy.json'), JSON.stringify(impostor));
    const r = await cli([
      'evidence',
      scenarioFile('02-three-failed-repairs'),
      '--unit',
      'U-1',
      '--out',
      join(d, 'b'),
      '--policy',
      join(d, 'policy.json'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'has the id and version of the preset standard-1y v1 but other terms: a custom policy must carry its own id',
    );
  });

  it('fails --verify, and a policy with its own id is named custom', async () => {
    const dir = await sealedBundle();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const events = parseJsonl(readFileSync(join(dir, 'events.jsonl'), 'utf8')).events;
    const write = (policy: unknown, saleEvents: UnitEvent[]) => {
      for (const [name, text] of bundleFrom(
        'U-1',
        saleEvents,
        parsePolicy(policy),
        parseTimePoint(manifest.asOf, 'asOf'),
        undefined,
        sha256,
      ))
        writeFileSync(join(dir, name), text);
    };
    write(impostor, events);
    expect(verifyBundle(dir).problems.join('\n')).toContain(
      'policy.json: has the id and version of the preset standard-1y v1 but other terms',
    );
    const custom = { ...impostor, id: 'acme-3-strikes' };
    write(
      custom,
      parseJsonl(
        events
          .map((e) =>
            serializeEvent(
              e.type === 'UnitSold'
                ? ({
                    ...e,
                    prevHash: undefined,
                    hash: undefined,
                    data: { ...e.data, policyId: 'acme-3-strikes' },
                  } as UnitEvent)
                : ({ ...e, prevHash: undefined, hash: undefined } as UnitEvent),
            ),
          )
          .join('\n'),
      ).events,
    );
    const result = verifyBundle(dir);
    expect(result.checked).toContain(
      "policy.json: a custom policy, acme-3-strikes v1 (not one of the library's presets)",
    );
  });
});

describe('signed bundles (Ed25519)', () => {
  it('--sign-key writes manifest.sig; --verify-key checks it; a wrong key, a missing signature and a changed manifest fail', async () => {
    const keys = writeKeys(tmp());
    const other = writeKeys(tmp());
    const dir = await sealedBundle(['--sign-key', keys.key]);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.sig'), 'utf8'))).toMatchObject({ algorithm: 'ed25519' });
    const ok = await cli(['evidence', '--verify', dir, '--verify-key', keys.pub]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('manifest.sig: a valid Ed25519 signature of manifest.json');
    const wrong = await cli(['evidence', '--verify', dir, '--verify-key', other.pub]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/manifest\.sig: signed with key [0-9a-f]{16}, not with the given key [0-9a-f]{16}/);
    forge(dir, (events) => events.slice(0, -1));
    const changed = await cli(['evidence', '--verify', dir, '--verify-key', keys.pub]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('manifest.sig: the signature does not match: the signed content was changed');
    rmSync(join(dir, 'manifest.sig'));
    const missing = await cli(['evidence', '--verify', dir, '--verify-key', keys.pub]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(
      'manifest.sig: missing: the bundle is not signed, and --verify-key asks for a signature',
    );
  });

  it('a key that is not an Ed25519 PEM is one line, exit 1', async () => {
    const d = tmp();
    writeFileSync(join(d, 'key.pem'), 'not a key');
    const r = await cli([
      'evidence',
      scenarioFile('02-three-failed-repairs'),
      '--unit',
      'U-1',
      '--out',
      join(d, 'b'),
      '--sign-key',
      join(d, 'key.pem'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${join(d, 'key.pem')}: not a PEM PKCS #8 private key\n`);
  });
});
