// Checks that the library and the baseline agree, for every unit, on coverage ends, failed-repair
// counts and downtime minutes: the comparison of speeds is then one of equal work.

const DAY = 86_400_000;

function formatDay(day) {
  return day === null ? null : new Date(day * DAY).toISOString().slice(0, 10);
}

function describe(map) {
  return JSON.stringify(Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** The disagreements (unit, field, library, baseline) between views by unit and the baseline's results, at most `limit`. */
export function disagreements(views, baseline, limit = 20) {
  const found = [];
  const add = (unitId, field, library, base) =>
    found.length < limit && found.push({ unitId, field, library, baseline: base });
  for (const [unitId, b] of baseline) {
    const view = views.get(unitId);
    if (!view) {
      add(unitId, 'unit', 'missing', 'present');
      continue;
    }
    const coverage = new Map(view.coverage.map((c) => [c.component, c.end]));
    const baseCoverage = new Map([...b.coverage].map(([c, end]) => [c, formatDay(end)]));
    if (describe(coverage) !== describe(baseCoverage))
      add(unitId, 'coverage', describe(coverage), describe(baseCoverage));
    const failed = new Map(view.failedRepairs.map((f) => [`${f.component}/${f.problemCode}`, f.count]));
    if (describe(failed) !== describe(b.failedRepairs))
      add(unitId, 'failedRepairs', describe(failed), describe(b.failedRepairs));
    if (view.downtimeMinutes !== b.downtimeMinutes)
      add(unitId, 'downtimeMinutes', view.downtimeMinutes, b.downtimeMinutes);
  }
  for (const [unitId, view] of views)
    if (!baseline.has(unitId) && view.policy !== null) add(unitId, 'unit', 'present', 'missing');
  return found;
}
