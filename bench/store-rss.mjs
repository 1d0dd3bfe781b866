// Peak RSS of writing and reading a file store, each in a child process: `import` of the fleet file
// into a store, then over that store the library opening it and reading every event
// (store-open.mjs), `state --store file:` and `verify --store file:`.
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
  const child = spawnSync(process.execPath, ['--max-old-space-size=8192', '--require', probe, ...args], {
    stdio: ['ignore', out, 'pipe'],
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  closeSync(out);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  if (child.status !== 0)
    return { peakRssMB: null, seconds, note: `exited ${child.status}: ${String(child.stderr).slice(0, 200)}` };
  const kb = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { peakRssMB: Math.round(kb / 1024), seconds };
}

/**
 * Imports the interchange file at `fleetFile` into a new file store at `storePath` (sealing every
 * event, as a store the library writes is), then reads that store three ways: the library opening
 * it and reading every event, `state --store` (its chains checked first, as every read does) and
 * `verify --store`. Each is a child process; its peak RSS is the figure.
 */
export function measureStoreRss(fleetFile, storePath, asOf) {
  rmSync(storePath, { force: true });
  const importFile = peakRss([cli, 'import', fleetFile, '--store', `file:${storePath}`]);
  if (importFile.peakRssMB === null) {
    const failed = { peakRssMB: null, seconds: 0, note: 'the import failed' };
    return { importFile, openAndReadAll: failed, stateStore: failed, verifyStore: failed };
  }
  return {
    importFile,
    openAndReadAll: peakRss([opener, storePath]),
    stateStore: peakRss([cli, 'state', '--store', `file:${storePath}`, '--as-of', asOf, '--json']),
    verifyStore: peakRss([cli, 'verify', '--store', `file:${storePath}`]),
  };
}

/**
 * Writes an interchange file of `parts` generated fleets of a million events each (`--big`), each fleet's
 * units renamed (`U-` becomes `U<k>-`, ids included) so that no two parts share a unit; returns
 * how many events it holds.
 */
export function writeBigFleet(path, parts, generateFleet, seed) {
  let events = 0;
  for (let k = 0; k < parts; k++) {
    const fleet = generateFleet({ events: 1_000_000, seed: seed + 100 + k });
    appendFileSync(path, fleet.text.replaceAll('"U-', `"U${k}-`));
    events += fleet.events;
  }
  return events;
}
