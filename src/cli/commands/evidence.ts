/**
 * `warranty-ledger evidence FILE --unit U --out DIR [--as-of] [--known-at] [--policy FILE] [--sign-key KEY.pem]`:
 * writes the unit's evidence bundle (signed with an Ed25519 private key when given).
 * `warranty-ledger evidence --verify DIR [--verify-key PUB.pem]`: checks it by hashes, chain, policy name,
 * signature and replay.
 * Without --as-of the bundle is taken as of the unit's last event, so the same file gives the same bundle.
 * DIR must be new or empty (`--force` replaces a bundle already there); the manifest's SHA-256 is printed.
 */
import { InputError } from '../../errors.js';
import { escapeControls } from '../../projections/safe-text.js';
import { buildBundle } from '../../evidence/bundle.js';
import { presetImpostor, sha256, verifyBundle, writeBundle } from '../../evidence/files.js';
import type { Policy } from '../../policy/schema.js';
import { readPrivateKey, readPublicKey } from '../../signing/ed25519.js';
import { instantOf } from '../../unit/order.js';
import type { Catalogue } from '../../i18n/en.js';
import { HISTORY_OPTIONS, langOf, parse } from '../args.js';
import { catalogueOf } from '../width.js';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { readHistory } from '../history.js';

export const usage =
  'warranty-ledger evidence FILE.jsonl|--store SPEC --unit ID --out DIR [--force] [--sign-key KEY.pem] [--as-of DATE|TIMESTAMP] [--known-at TIMESTAMP] [--policy FILE.json]...\n' +
  '      warranty-ledger evidence --verify DIR [--verify-key PUB.pem]';

const OPTIONS = {
  ...HISTORY_OPTIONS,
  unit: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  verify: { type: 'string' },
  'sign-key': { type: 'string' },
  'verify-key': { type: 'string' },
} as const;

const lines = (items: readonly string[]) => items.map((c) => `  ${escapeControls(c)}`).join('\n');

/** Prints the outcome only once every check has run. */
function verify(dir: string, verifyKey: string | undefined, io: CliIo, m: Catalogue): ExitCode {
  const result = verifyBundle(dir, verifyKey === undefined ? {} : { verifyKey: readPublicKey(verifyKey) });
  const what = escapeControls(dir);
  const hash = result.manifestSha256 ? `manifest.json SHA-256 ${result.manifestSha256}` : m['evidence.noManifest'];
  if (result.ok) {
    const headline = result.notReplayed?.length
      ? m['evidence.verifiedOlder'](what, hash, result.notReplayed.join(', '))
      : m['evidence.verified'](what, hash);
    io.stdout(`${headline}\n${lines(result.checked)}\n`);
    return 0;
  }
  io.stdout(`${m['evidence.notVerified'](what, hash)}\n${lines(result.problems)}\n`);
  return 1;
}

export async function evidenceCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, OPTIONS, usage);
  const m = catalogueOf(langOf(values.lang, io));
  if (values.verify !== undefined) {
    if (positionals.length > 0 || values.out !== undefined || values['sign-key'] !== undefined)
      throw new UsageError(`--verify takes only the bundle's folder (and --verify-key)\nusage: ${usage}`);
    return verify(values.verify, values['verify-key'], io, m);
  }
  if (values['verify-key'] !== undefined) throw new UsageError(`--verify-key goes with --verify DIR\nusage: ${usage}`);
  if (values.unit === undefined || values.out === undefined)
    throw new UsageError(`expected --unit and --out\nusage: ${usage}`);
  const history = await readHistory(positionals, values, io, 'evidence', usage, values.unit);
  const unitId = values.unit;
  let asOf = history.asOf;
  if (values['as-of'] === undefined) {
    const last = Math.max(...history.events.filter((e) => e.unitId === unitId).map((e) => instantOf(e.occurredAt)));
    if (Number.isFinite(last)) asOf = { kind: 'instant', ms: last };
  }
  let bundle: ReturnType<typeof buildBundle>;
  try {
    bundle = buildBundle(
      { unitId, events: history.events, asOf, knownAt: history.knownAt, policies: history.policies },
      sha256,
    );
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(undefined, '--unit', error.message);
    throw error;
  }
  const impostor = presetImpostor(JSON.parse(bundle.get('policy.json')!) as Policy);
  if (impostor) throw new InputError(undefined, '--policy', `policy ${impostor}`);
  const signKey = values['sign-key'] === undefined ? undefined : readPrivateKey(values['sign-key']);
  writeBundle(values.out, bundle, { force: values.force === true, ...(signKey ? { signKey } : {}) });
  const manifest = JSON.parse(bundle.get('manifest.json')!) as { files: { name: string; sha256: string }[] };
  const out = escapeControls(values.out);
  const written = `${manifest.files.map((f) => `${f.name} ${f.sha256.slice(0, 12)}`).join(', ')}, manifest.json, manifest.sha256${signKey ? ', manifest.sig' : ''}`;
  io.stdout(
    `${m['evidence.wrote'](out, written)}\n${m['evidence.names'](sha256(bundle.get('manifest.json')!), out)}\n`,
  );
  return 0;
}
