// Timing helpers: library and baseline run back to back on the same data, best of a few rounds
// each (the machine is shared and noisy), and compared as ratios rather than absolute times.

/** Collects garbage between measurements when the process runs with --expose-gc. */
export function settle() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

/** Milliseconds one call of `fn` takes (after a collection), and its result. */
export function timeOnce(fn) {
  settle();
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

export async function timeOnceAsync(fn) {
  settle();
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/**
 * Runs each of `fns` (name -> function) `rounds` times, interleaved (a, b, a, b, ...), and returns
 * the best time of each in ms.
 */
export function interleaved(fns, rounds) {
  const best = Object.fromEntries(Object.keys(fns).map((k) => [k, Infinity]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(fns)) best[name] = Math.min(best[name], timeOnce(fn).ms);
  }
  return best;
}

/** Events per second for `events` events done in `ms`. */
export const rate = (events, ms) => (events * 1000) / ms;

export const round = (x, digits = 2) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

/** A plain-text table: a header row and rows of cells, columns padded to fit. */
export function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map((cell) => (cell === null || cell === undefined ? '—' : String(cell))));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(all[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...all.slice(1).map(line)].join('\n');
}

/** 1234567.8 -> "1,234,568". */
export const grouped = (x) => (x === null ? null : Math.round(x).toLocaleString('en-US'));
