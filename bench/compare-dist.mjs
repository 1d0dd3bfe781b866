#!/usr/bin/env node
// Fold and pipeline ratios of another build against the same baseline, for before/after figures:
//   git worktree add /tmp/before <commit> && (cd /tmp/before && npm ci && npx tsup)
//   node --expose-gc --max-old-space-size=8192 bench/compare-dist.mjs /tmp/before/dist/index.js dist/index.js
// (a build without eachUnitProjection is measured through projectUnits, views kept).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AS_OF, generateFleet } from './generate.mjs';
import { baselineFold, baselinePipeline } from './baseline.mjs';
import { interleaved } from './measure.mjs';

const asOfMs = Date.parse(AS_OF) + 86_400_000;
const { text, events: count } = generateFleet({ events: 1_000_000 });
for (const dist of process.argv.slice(2)) {
  const lib = await import(pathToFileURL(resolve(dist)).href);
  const views = (events) => {
    const result = new Map();
    if (lib.eachUnitProjection)
      for (const p of lib.eachUnitProjection(events, { asOf: AS_OF })) result.set(p.unitId, p.view);
    else for (const [unitId, p] of lib.projectUnits(events, { asOf: AS_OF })) result.set(unitId, p.view);
    return result;
  };
  const pipeline = interleaved(
    { library: () => views(lib.parseJsonl(text).events), baseline: () => baselinePipeline(text, asOfMs) },
    2,
  );
  const { events } = lib.parseJsonl(text);
  const fold = interleaved({ library: () => views(events), baseline: () => baselineFold(events, asOfMs) }, 2);
  const ratio = (t) => Math.round((t.baseline / t.library) * 100) / 100;
  console.log(
    JSON.stringify({
      dist,
      events: count,
      fold: ratio(fold),
      pipeline: ratio(pipeline),
      wallClock: { fold: ratio(fold.wall), pipeline: ratio(pipeline.wall) },
    }),
  );
}
