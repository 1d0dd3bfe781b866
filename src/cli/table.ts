/** The readable table `warranty-ledger state` prints without `--json`: one block per unit, or one line per unit. */
import type { Catalogue } from '../i18n/en.js';
import type { UnitProjection } from '../projections/project.js';
import { printableLines } from '../projections/safe-text.js';
import type { UnitView } from '../projections/unit-view.js';
import { serviceLevelBreaches } from '../rules/service-levels.js';
import { columns, duration, padTo, widthOf } from './width.js';

/** The breaches (fault and measure) whose step is still missing at the as-of moment: they still grow. */
export function growingBreaches(p: UnitProjection): Set<string> {
  if (!p.state || !p.policy) return new Set();
  return new Set(
    serviceLevelBreaches(p.state, p.policy, p.asOf.ms)
      .filter((b) => b.open)
      .map((b) => `${b.faultId}/${b.measure}`),
  );
}

const because = (b: { rule: string; eventIds: string[] }[]) =>
  b.map((x) => `${x.rule}: ${x.eventIds.join(', ')}`).join('; ');

/** An entitlement as the text outputs name it: its kind (and component, fault, choices). */
export function entitlementText(
  m: Catalogue,
  e: Pick<UnitView['entitlements'][number], 'kind' | 'component' | 'faultId' | 'choices'>,
): string {
  const choices = e.choices ? m['state.choices'](e.choices.map((c) => m[`remedy.${c}`]).join(' / ')) : '';
  return `${m[`kind.${e.kind}`]}${e.component ? m.ofComponent(e.component) : ''}${e.faultId ? ` (${e.faultId})` : ''}${choices}`;
}

/** One unit's block; control characters from event data are printed escaped. */
export function unitTable(p: UnitProjection, m: Catalogue): string {
  const v = p.view;
  const zone = p.policy?.timeZone;
  const growing = growingBreaches(p);
  const componentWidth = Math.max(0, ...v.coverage.map((c) => widthOf(c.component)));
  const policy = v.policy ? m.policyVersion(v.policy.id, v.policy.version) : m.noSale;
  const head = `${p.unitId}  ${m[`status.${v.status}`].toUpperCase()}  ${policy}${v.serialNumber ? `  ${m.serial(v.serialNumber)}` : ''}`;
  const rows: string[][] = [];
  const block = (label: string, items: string[][]) => {
    if (items.length === 0) rows.push([label, m.none]);
    items.forEach((cells, i) => {
      rows.push([i === 0 ? label : '', ...cells]);
    });
  };
  const span = (start: string, end: string | null) => {
    const text = `${start} .. ${end ?? m.lifetime}`;
    return zone ? m.dayIn(text, zone) : text;
  };
  block(
    m['state.coverage'],
    v.coverage.map((c) => [
      `${padTo(c.component, componentWidth)}  ${span(c.start, c.end)}  ${c.active ? m['state.active'] : m['state.inactive']}`,
    ]),
  );
  block(
    m['state.failedRepairs'],
    v.failedRepairs.map((f) => [`${f.component} / ${f.problemCode}: ${f.count}`]),
  );
  rows.push([m['state.downtime'], duration(m, v.downtimeMinutes)]);
  block(
    m['state.entitlements'],
    v.entitlements.map((e) => [
      `${entitlementText(m, e)} ${m[`entitlement.${e.status}`].toUpperCase()}  ${m['state.because'](because(e.because))}`,
    ]),
  );
  block(
    m['state.breaches'],
    v.slaBreaches.map((b) => [
      `${m['state.breach'](b.faultId, m[`measure.${b.measure}`], duration(m, b.actualMinutes), duration(m, b.limitMinutes))}${growing.has(`${b.faultId}/${b.measure}`) ? `  ${m['state.growing']}` : ''}`,
    ]),
  );
  block(
    m['state.anomalies'],
    v.anomalies.map((a) => [`${a.rule}: ${a.eventIds.join(', ')}`]),
  );
  return printableLines([head, ...columns(rows, '  ')]);
}
