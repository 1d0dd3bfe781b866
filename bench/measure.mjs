// Timing helpers: library and baseline run back to back on the same data, best of a few rounds
// each (the machine is shared and noisy), and compared as ratios rather than absolute times.

/** Collects garbage between measurements when the process runs with --expose-gc. */
export function settle() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

/**
 * One call of `fn` (after a collection): its wall time and the CPU time of this process (all its
 * threads, the garbage collector's included), in ms, and its result.
 */
export function timeOnce(fn) {
  settle();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = fn();
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms: (used.user + used.system) / 1000, wallMs, result };
}

/**
 * Runs each of `fns` (name -> function) `rounds` times, interleaved (a, b, a, b, ...), and returns
 * the best CPU time of each in ms (`wall` has the best wall times); `onFirstRound` gets the first
 * round's results. CPU time, because the machine
 * is shared: another process's work shows in wall time, not in ours.
 */
export function interleaved(fns, rounds, onFirstRound = undefined) {
  const best = Object.fromEntries(Object.keys(fns).map((k) => [k, Infinity]));
  const wall = { ...best };
  for (let r = 0; r < rounds; r++) {
    let results = r === 0 && onFirstRound ? {} : undefined;
    for (const [name, fn] of Object.entries(fns)) {
      const t = timeOnce(fn);
      best[name] = Math.min(best[name], t.ms);
      wall[name] = Math.min(wall[name], t.wallMs);
      if (results) results[name] = t.result;
    }
    // The first round's results, for checking them (outside the timings), then let go.
    if (results) onFirstRound(results);
    results = undefined;
  }
  return Object.assign(best, { wall });
}

/** Events per second for `events` events done in `ms`. */
export const rate = (events, ms) => (events * 1000) / ms;

export const round = (x, digits = 2) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

/** A plain-text table: a header row and rows of cells, columns padded to fit. */
export function table(header, rows) {
  const all = [header, ...rows].map((row) =>
    row.map((cell) => (cell === null || cell === undefined ? '—' : String(cell))),
  );
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(all[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...all.slice(1).map(line)].join('\n');
}

/** 1234567.8 -> "1,234,568". */
export const grouped = (x) => (x === null ? null : Math.round(x).toLocaleString('en-US'));
