#!/usr/bin/env node
// `npm run bench [-- --json] [-- --events N] [-- --big]`: replay speed and memory, library against a
// hand-written baseline on the same generated fleet, in one run; `--big` adds the file store's
// read figures over a store of 5M events (a few minutes more). See docs/performance.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);

// The measurements need --expose-gc (a collection before each timing) and room for two copies of
// the fleet; re-run this file with those flags unless it already has them.
if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}

const { AS_OF, generateFleet } = await import('./generate.mjs');
const { baselineFold, baselinePipeline } = await import('./baseline.mjs');
const { disagreements } = await import('./compare.mjs');
const { interleaved, rate, round, table, grouped, timeOnce } = await import('./measure.mjs');
const { measureAppends, measureFileStore } = await import('./stores.mjs');
const { measureHashChain } = await import('./hash-chain.mjs');
const { measurePostgres } = await import('./postgres.mjs');
const { measureAsOfQuery } = await import('./as-of.mjs');
const { measureStateCommandRss } = await import('./rss.mjs');
const { measureStoreRss, writeBigFleet } = await import('./store-rss.mjs');
const lib = await import('../dist/index.js');
// What needs Node (the file store, node:crypto's SHA-256) is the subpath warranty-ledger/node.
const nodeLib = await import('../dist/node.js');

const flag = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const json = args.includes('--json');
const totalEvents = flag('--events', 1_000_000);
const seed = flag('--seed', 42);
const rounds = flag('--rounds', 3);
const log = (text) => process.stderr.write(`${text}\n`);
const asOfMs = Date.parse(AS_OF) + 86_400_000;
const startedMs = Date.now();

log(`generating ~${grouped(totalEvents)} events (seed ${seed})...`);
let fleet = generateFleet({ events: totalEvents, seed });
let quarter = generateFleet({ events: Math.round(totalEvents / 4), seed: seed + 1 });
const counts = { events: fleet.events, units: fleet.units, quarter: quarter.events };
const dir = mkdtempSync(join(tmpdir(), 'warranty-ledger-bench-'));
const fleetFile = join(dir, 'fleet.jsonl');
writeFileSync(fleetFile, fleet.text);
log(
  `${grouped(fleet.events)} events, ${grouped(fleet.units)} units, ${round(fleet.text.length / 1e6, 1)} MB of JSONL; ${grouped(quarter.events)} events for scaling`,
);

/** Fails the bench, naming unit and field, unless the library's views and the baseline agree on every unit. */
function checkAgreement(label, libraryViews, baseline) {
  const wrong = disagreements(libraryViews, baseline);
  if (wrong.length === 0) return;
  for (const w of wrong)
    log(`DISAGREEMENT (${label}) unit ${w.unitId}, ${w.field}: library ${w.library}, baseline ${w.baseline}`);
  process.exit(1);
}

// The library's side is what the state command does: every unit projected in turn, its view kept.
const views = (parsed) => {
  const result = new Map();
  for (const p of lib.eachUnitProjection(parsed, { asOf: AS_OF })) result.set(p.unitId, p.view);
  return result;
};

// Each measurement holds only what it needs: the pipeline the JSONL text, the fold parsed events.
// 1. Pipeline: JSONL text -> validated events -> every unit's view; and at a quarter of the events.
// Best of as many rounds as the fold: the 1M and quarter timings are memory-bound, and a shared
// machine's neighbours slow those most, so fewer rounds left scalingRatio at the mercy of one noisy stretch.
const pipelineRounds = rounds;
log(
  `pipeline: library, baseline and the quarter-size fleet, best of ${pipelineRounds}; checking the baseline agrees...`,
);
// As the state command reads a file: every line checked, the text held, each unit's events read for its turn.
const libraryPipeline = (text) => views(lib.parseJsonlHistory(text));
const QUARTER_PASSES = 4;
// One untimed pass of each side first, so that no timing (the 1M pipeline has fewest) includes JIT warm-up.
libraryPipeline(quarter.text);
baselinePipeline(quarter.text, asOfMs);
const pipeline = interleaved(
  {
    library: () => libraryPipeline(fleet.text),
    baseline: () => baselinePipeline(fleet.text, asOfMs),
    // The same work with every event held as an object first (parseJsonl), as before JsonlHistory.
    libraryEventObjects: () => views(lib.parseJsonl(fleet.text).events),
    // Four passes in one timing, so both sizes are timed over about the same stretch of a noisy machine.
    libraryQuarter: () => {
      for (let pass = 0; pass < QUARTER_PASSES; pass++) libraryPipeline(quarter.text);
    },
    // The baseline at both sizes too: what holding four times the events costs any JavaScript reducer here.
    baselineQuarter: () => {
      for (let pass = 0; pass < QUARTER_PASSES; pass++) baselinePipeline(quarter.text, asOfMs);
    },
  },
  pipelineRounds,
  (first) => {
    checkAgreement('pipeline', first.library, first.baseline);
    checkAgreement('pipeline from event objects', first.libraryEventObjects, first.baseline);
  },
);
const textMB = round(fleet.text.length / 1e6, 1);
fleet = null;
quarter = null;

// 2. Fold: every unit's view from parsed events (projectUnits, which keeps every state too, once).
const { events } = lib.parseJsonl(readFileSync(fleetFile, 'utf8'));
if (events.length !== counts.events) throw new Error(`parsed ${events.length} events of ${counts.events}`);
log(`fold: library and baseline, best of ${rounds}; checking the baseline agrees...`);
const fold = interleaved(
  {
    library: () => views(events),
    baseline: () => baselineFold(events, asOfMs),
  },
  rounds,
  (first) => checkAgreement('fold', first.library, first.baseline),
);
const projectUnitsMs = timeOnce(() => void lib.projectUnits(events, { asOf: AS_OF })).ms;

// 3. Stores.
log('append: in-memory store at 100,000 and at every event...');
const appends = await measureAppends(lib, events);
log('file store...');
const fileStore = await measureFileStore(nodeLib, events, dir);
log('hash chain: seal and verify 100,000 events with the portable SHA-256 and with node:crypto...');
const hashChain = await measureHashChain(lib, nodeLib, events.slice(0, 100_000));

// 4. As-of questions on one unit with 10,000 events, timed in a fresh process. The timeline runs
// the rule mutators on Immer drafts, after which V8's inline caches in those shared functions also
// expect proxies: the same work is then done here and the fold timed once more, to show what a
// process that does both pays.
log('as-of views of a 10,000-event unit (in a child process), then the fold once more...');
const asOfChild = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(new URL('./as-of.mjs', import.meta.url))], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (asOfChild.status !== 0) throw new Error(`the as-of measurement failed (exit ${asOfChild.status})`);
const asOfQuery = JSON.parse(asOfChild.stdout);
measureAsOfQuery(lib, { questions: 100 }); // the same Immer work in this process, for the next figure
const foldAfterDrafts = interleaved({ library: () => views(events), baseline: () => baselineFold(events, asOfMs) }, 1);

// 5. One unit with 1,000 and 10,000 open outages, timed in a fresh process.
log('one unit with 1,000 and 10,000 open outages: view and explanation (in a child process)...');
const openChild = spawnSync(
  process.execPath,
  ['--expose-gc', fileURLToPath(new URL('./open-outages.mjs', import.meta.url)), '--json'],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
if (openChild.status !== 0) throw new Error(`the open-outages measurement failed (exit ${openChild.status})`);
const openOutages = JSON.parse(openChild.stdout);

// Peak RSS of the state command over the whole file, as a child process.
log('peak RSS of `warranty-ledger state` over the fleet file...');
const rss = measureStateCommandRss(fleetFile, AS_OF);

// Peak RSS of importing the fleet file into a file store and reading that store (each in a child process), and with `--big` the same at 5M events.
log(
  'peak RSS of the file store: `import` of the fleet file, then open and read every event, `state --store file:`, `verify --store file:`...',
);
const storeRss = { events: counts.events, ...measureStoreRss(fleetFile, join(dir, 'store.jsonl'), AS_OF) };
let bigStoreRss = null;
if (args.includes('--big')) {
  log('--big: the same with 5 million events (the import alone takes minutes)...');
  const bigFile = join(dir, 'big-fleet.jsonl');
  const bigEvents = writeBigFleet(bigFile, 5, generateFleet, seed);
  bigStoreRss = { events: bigEvents, ...measureStoreRss(bigFile, join(dir, 'big-store.jsonl'), AS_OF) };
}
// PostgreSQL, on a fleet of ~100,000 events (an import of the whole fleet would take minutes).
log(
  process.env.POSTGRES_URL
    ? 'PostgreSQL: import ~100,000 events, then state --store against state FILE...'
    : 'PostgreSQL: skipped (no POSTGRES_URL)',
);
const pgFleet = generateFleet({ events: Math.min(100_000, totalEvents), seed: seed + 2 });
const pgFile = join(dir, 'pg-fleet.jsonl');
writeFileSync(pgFile, pgFleet.text);
const postgres = await measurePostgres(pgFile, pgFleet.events, AS_OF);
rmSync(dir, { recursive: true, force: true });

const rates = {
  fold: {
    library: rate(counts.events, fold.library),
    baseline: rate(counts.events, fold.baseline),
    projectUnits: rate(counts.events, projectUnitsMs),
  },
  pipeline: {
    library: rate(counts.events, pipeline.library),
    baseline: rate(counts.events, pipeline.baseline),
    eventObjects: rate(counts.events, pipeline.libraryEventObjects),
  },
  pipelineQuarter: rate(counts.quarter * QUARTER_PASSES, pipeline.libraryQuarter),
  baselineQuarter: rate(counts.quarter * QUARTER_PASSES, pipeline.baselineQuarter),
};
/** Peak RSS (MB) of each file store read, and how many events the store held. */
function storeReadFigures(figures) {
  return {
    events: figures.events,
    importFile: figures.importFile.peakRssMB,
    openAndReadAll: figures.openAndReadAll.peakRssMB,
    stateStore: figures.stateStore.peakRssMB,
    verifyStore: figures.verifyStore.peakRssMB,
  };
}
const result = {
  events: counts.events,
  units: counts.units,
  ratios: {
    fold: round(rates.fold.library / rates.fold.baseline),
    pipeline: round(rates.pipeline.library / rates.pipeline.baseline),
  },
  foldRatioAfterImmerDrafts: round(foldAfterDrafts.baseline / foldAfterDrafts.library),
  wallClockRatios: {
    fold: round(fold.wall.baseline / fold.wall.library),
    pipeline: round(pipeline.wall.baseline / pipeline.wall.library),
  },
  eventsPerSecond: {
    foldLibrary: Math.round(rates.fold.library),
    foldBaseline: Math.round(rates.fold.baseline),
    foldProjectUnits: Math.round(rates.fold.projectUnits),
    pipelineLibrary: Math.round(rates.pipeline.library),
    pipelineBaseline: Math.round(rates.pipeline.baseline),
    pipelineLibraryQuarter: Math.round(rates.pipelineQuarter),
    pipelineFromEventObjects: Math.round(rates.pipeline.eventObjects),
  },
  appendCostGrowth: round(appends.micros.large / appends.micros.small),
  appendMicros: {
    [`at${appends.small}`]: round(appends.micros.small, 3),
    [`at${appends.large}`]: round(appends.micros.large, 3),
  },
  fileStore,
  hashChain,
  postgres,
  scalingRatio: round(rates.pipeline.library / rates.pipelineQuarter),
  baselineScalingRatio: round(rates.pipeline.baseline / rates.baselineQuarter),
  scalingEvents: [counts.quarter, counts.events],
  stateCommandPeakRssMB: rss.peakRssMB,
  fileStoreReadPeakRssMB: storeReadFigures(storeRss),
  ...(bigStoreRss ? { bigFileStoreReadPeakRssMB: storeReadFigures(bigStoreRss) } : {}),
  asOfQuery,
  openOutages,
  seconds: Math.round((Date.now() - startedMs) / 1000),
};
const targets = [
  ['ratios.fold', result.ratios.fold, '>= 0.5', result.ratios.fold >= 0.5],
  ['ratios.pipeline', result.ratios.pipeline, '>= 0.5', result.ratios.pipeline >= 0.5],
  ['appendCostGrowth', result.appendCostGrowth, '<= 1.3', result.appendCostGrowth <= 1.3],
  ['scalingRatio', result.scalingRatio, '>= 0.8', result.scalingRatio >= 0.8],
  [
    'stateCommandPeakRssMB',
    result.stateCommandPeakRssMB,
    '<= 600',
    result.stateCommandPeakRssMB !== null && result.stateCommandPeakRssMB <= 600,
  ],
  [
    'fileStoreReadPeakRssMB.stateStore',
    result.fileStoreReadPeakRssMB.stateStore,
    '<= 600',
    result.fileStoreReadPeakRssMB.stateStore !== null && result.fileStoreReadPeakRssMB.stateStore <= 600,
  ],
  [
    'fileStoreReadPeakRssMB.verifyStore',
    result.fileStoreReadPeakRssMB.verifyStore,
    '<= 600',
    result.fileStoreReadPeakRssMB.verifyStore !== null && result.fileStoreReadPeakRssMB.verifyStore <= 600,
  ],
  [
    'fileStoreReadPeakRssMB.importFile',
    result.fileStoreReadPeakRssMB.importFile,
    '<= 600',
    result.fileStoreReadPeakRssMB.importFile !== null && result.fileStoreReadPeakRssMB.importFile <= 600,
  ],
  ['asOfQuery.medianMs', asOfQuery.medianMs, '< 1', asOfQuery.medianMs !== null && asOfQuery.medianMs < 1],
  ['openOutages.stateRatio', openOutages.stateRatio, '<= 2', openOutages.stateRatio <= 2],
  ['openOutages.explainRatio', openOutages.explainRatio, '<= 2', openOutages.explainRatio <= 2],
];
result.targetsMet = Object.fromEntries(targets.map(([name, , , ok]) => [name, ok]));

const rows = [
  ['fold (parsed events -> every view)', grouped(rates.fold.library), grouped(rates.fold.baseline), result.ratios.fold],
  [
    'pipeline (JSONL -> every view)',
    grouped(rates.pipeline.library),
    grouped(rates.pipeline.baseline),
    result.ratios.pipeline,
  ],
  [
    '(pipeline through parseJsonl: every event held as an object)',
    grouped(rates.pipeline.eventObjects),
    grouped(rates.pipeline.baseline),
    round(rates.pipeline.eventObjects / rates.pipeline.baseline),
  ],
  [
    '(projectUnits: every state and view kept; one run)',
    grouped(rates.fold.projectUnits),
    grouped(rates.fold.baseline),
    round(rates.fold.projectUnits / rates.fold.baseline),
  ],
  [
    '(fold after Immer drafts ran the rules; one run)',
    grouped(rate(counts.events, foldAfterDrafts.library)),
    grouped(rate(counts.events, foldAfterDrafts.baseline)),
    result.foldRatioAfterImmerDrafts,
  ],
];
const other = [
  [
    `in-memory append, µs/event at ${grouped(appends.small)} / ${grouped(appends.large)} events`,
    `${round(appends.micros.small, 3)} / ${round(appends.micros.large, 3)}`,
    `growth ${result.appendCostGrowth}`,
  ],
  [
    `hash chain, ${grouped(hashChain.events)} events: seal / verify, CPU ms, portable (node:crypto)`,
    `${grouped(hashChain.ms.sealPortable)} (${grouped(hashChain.ms.sealNode)}) / ${grouped(hashChain.ms.verifyPortable)} (${grouped(hashChain.ms.verifyNode)})`,
    `node:crypto ${hashChain.sealRatio}x / ${hashChain.verifyRatio}x faster; the CLI passes it (hash option)`,
  ],
  [
    'file store appends/s (fsync per append)',
    fileStore.appendsPerSecond === null ? null : grouped(fileStore.appendsPerSecond),
    fileStore.note,
  ],
  postgres.skipped
    ? [`PostgreSQL, ${grouped(postgres.events)} events`, 'skipped', postgres.skipped]
    : [
        `PostgreSQL, ${grouped(postgres.events)} events: import events/s; state --store / state FILE, ms`,
        `${grouped(postgres.importEventsPerSecond)}; ${grouped(postgres.stateStoreMs)} / ${grouped(postgres.stateFileMs)}`,
        `file/store ratio ${postgres.stateStoreRatio}; output ${postgres.identicalOutput ? 'byte-identical' : 'DIFFERENT'}; second import ${postgres.secondImportWroteNothing ? 'wrote nothing' : 'WROTE EVENTS'} (${grouped(postgres.secondImportMs)} ms)`,
      ],
  [
    `pipeline events/s at ${grouped(counts.quarter)} / ${grouped(counts.events)}`,
    `${grouped(rates.pipelineQuarter)} / ${grouped(rates.pipeline.library)}`,
    `scaling ${result.scalingRatio} (baseline's own: ${result.baselineScalingRatio})`,
  ],
  ['state command peak RSS, MB', result.stateCommandPeakRssMB, rss.note],
  ...[storeRss, bigStoreRss].filter(Boolean).map((f) => {
    const runs = [f.importFile, f.openAndReadAll, f.stateStore, f.verifyStore];
    return [
      `file store peak RSS at ${grouped(f.events)} events, MB: import / open + read all / state --store / verify --store`,
      runs.map((r) => r.peakRssMB).join(' / '),
      `${runs.map((r) => r.seconds).join(' / ')} s${runs
        .map((r) => r.note)
        .filter(Boolean)
        .map((n) => `; ${n}`)
        .join('')}`,
    ];
  }),
  [
    `as-of view of a ${grouped(asOfQuery.unitEvents)}-event unit, ms`,
    `median ${asOfQuery.medianMs}, p99 ${asOfQuery.p99Ms}`,
    `first fold ${asOfQuery.firstFoldMs} ms; full refold ${asOfQuery.refoldMs} ms`,
  ],
  ...['state', 'explain'].map((kind) => {
    const [a, b] = [openOutages.sizes[openOutages.small], openOutages.sizes[openOutages.large]];
    return [
      `one unit, ${grouped(openOutages.small)} / ${grouped(openOutages.large)} open outages: ${kind}, µs/event`,
      `${a[`${kind}MicrosPerEvent`]} / ${b[`${kind}MicrosPerEvent`]}`,
      `ratio ${openOutages[`${kind}Ratio`]} (1 = linear); ${b[`${kind}Ms`]} ms for ${grouped(b.events)} events`,
    ];
  }),
];
const report = [
  `${grouped(counts.events)} events (${textMB} MB of JSONL), ${grouped(counts.units)} units, as of ${AS_OF}; events/s by CPU time, best of ${rounds} (pipeline ${pipelineRounds})`,
  '',
  table(['events/s', 'library', 'baseline', 'ratio'], rows),
  `(by wall-clock time: fold ${result.wallClockRatios.fold}, pipeline ${result.wallClockRatios.pipeline})`,
  '',
  table(['measure', 'figure', 'note'], other),
  '',
  table(
    ['target', 'measured', 'wanted', 'met'],
    targets.map(([n, v, w, ok]) => [n, v, w, ok ? 'yes' : 'NO']),
  ),
  '',
  `(${result.seconds} s)`,
].join('\n');

process.stdout.write(json ? `${JSON.stringify(result)}\n` : `\n${report}\n`);

// `--docs`: the last run's table and JSON go into docs/performance.md.
if (args.includes('--docs')) {
  const doc = fileURLToPath(new URL('../docs/performance.md', import.meta.url));
  const when = `Run on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores (\`npm run bench -- --docs\`):`;
  const block = `<!-- last-run:start -->\n${when}\n\n\`\`\`text\n${report}\n\`\`\`\n\n\`\`\`json\n${JSON.stringify(result)}\n\`\`\`\n<!-- last-run:end -->`;
  writeFileSync(doc, readFileSync(doc, 'utf8').replace(/<!-- last-run:start -->[\s\S]*<!-- last-run:end -->/, block));
  log(`wrote the table into ${doc}`);
}
