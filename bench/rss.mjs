// Peak RSS of `warranty-ledger state FILE --json` run as a child process over the whole fleet file.
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const probe = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Runs the bin with its output sent to /dev/null; peak RSS in MB (null with the reason when it fails). */
export function measureStateCommandRss(file, asOf) {
  const rssFile = join(tmpdir(), `warranty-ledger-rss-${process.pid}`);
  const out = openSync('/dev/null', 'w');
  const started = Date.now();
  const child = spawnSync(process.execPath, ['--require', probe, cli, 'state', file, '--as-of', asOf, '--json'], {
    stdio: ['ignore', out, 'pipe'],
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  closeSync(out);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  if (child.status !== 0)
    return { peakRssMB: null, note: `state exited ${child.status}: ${String(child.stderr).slice(0, 200)}` };
  const kb = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { peakRssMB: Math.round(kb / 1024), note: `state --json, ${seconds} s, output to /dev/null` };
}
