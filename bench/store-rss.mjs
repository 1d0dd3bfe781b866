// Peak RSS of reading a file store, each in a child process over the same store file: the library
// opening it and reading every event (store-open.mjs), `state --store file:` and `verify --store file:`.
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
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

/** The three reads of the store file at `path` (a fleet file is a store file). */
export function measureStoreRss(path, asOf) {
  return {
    openAndReadAll: peakRss([opener, path]),
    stateStore: peakRss([cli, 'state', '--store', `file:${path}`, '--as-of', asOf, '--json']),
    verifyStore: peakRss([cli, 'verify', '--store', `file:${path}`]),
  };
}
