// Peak RSS of reading a file store, each in a child process over the same store file: the library
// opening it and reading every event (store-open.mjs), `state --store file:` and `verify --store file:`.
import { appendFileSync, closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const probe = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const opener = fileURLToPath(new URL('./store-open.mjs', import.meta.url));

/** Runs `args` under node with the RSS probe, output to /dev/null; peak RSS in MB and seconds, or null and why. */
function peakRss(args) {
  const rssFile = join(tmpdir(), `warranty-ledger-rss-${process.pid}`);
  const out = openSync('/dev/null', 'w');
  const started = Date.now();
  const child = spawnSync(process.execPath, ['--max-old-space-size=8192', '--require', probe, ...args], { stdio: ['ignore', out, 'pipe'], env: { ...process.env, BENCH_RSS_FILE: rssFile } });
  closeSync(out);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  if (child.status !== 0) return { peakRssMB: null, seconds, note: `exited ${child.status}: ${String(child.stderr).slice(0, 200)}` };
  const kb = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { peakRssMB: Math.round(kb / 1024), seconds };
}

/**
 * The three reads of the store file at `path` (a fleet file is a store file). The generated fleet
 * is unsealed, and reads of a store now refuse unsealed events: `state` reads it with --no-verify
 * (the chain check itself is not measured), and `verify --store` fails at each stream's first event
 * until the bench seals its fleet (its row is then null, with the reason).
 */
export function measureStoreRss(path, asOf) {
  return {
    openAndReadAll: peakRss([opener, path]),
    stateStore: peakRss([cli, 'state', '--store', `file:${path}`, '--as-of', asOf, '--json', '--no-verify']),
    verifyStore: peakRss([cli, 'verify', '--store', `file:${path}`]),
  };
}

/**
 * Writes a store file of `parts` generated fleets of a million events each (`--big`), each fleet's
 * units renamed (`U-` becomes `U<k>-`, ids included) so that no two parts share a unit; returns
 * how many events it holds.
 */
export function writeBigStore(path, parts, generateFleet, seed) {
  let events = 0;
  for (let k = 0; k < parts; k++) {
    const fleet = generateFleet({ events: 1_000_000, seed: seed + 100 + k });
    appendFileSync(path, fleet.text.replaceAll('"U-', `"U${k}-`));
    events += fleet.events;
  }
  return events;
}
