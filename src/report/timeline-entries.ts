/**
 * What the page writes beside the time axis, in one language: one entry per kept event, per
 * coverage start and end, per finding, the return window's end and the as-of moment. Each entry
 * carries its instant, its time in the policy's zone and its text; the layout places them.
 */
import type { UnitEvent } from '../events/envelope.js';
import type { Catalogue } from '../i18n/en.js';
import type { Finding } from '../projections/explain.js';
import type { TimelineData, TimelineEvent } from './timeline-data.js';
import { domainOf } from './timeline-domain.js';
import { zonedTime } from './zoned.js';

/** Which mark stands on the axis for an entry, and how its label is drawn. */
export type EntryKind =
  | 'setup'
  | 'fault'
  | 'repair'
  | 'repair-failed'
  | 'return'
  | 'other'
  | 'coverage'
  | 'window'
  | 'flag'
  | 'gap'
  | 'asof';

export interface Entry {
  ms: number;
  kind: EntryKind;
  /** The printed time (with offset) or date (with zone). */
  when: string;
  text: string;
  /** The event behind it, when it is one. */
  eventId?: string;
  /** `entitlement`, `anomaly`, `breach` for flags. */
  flag?: string;
}

const SETUP = new Set(['UnitSold', 'UnitDelivered', 'InstallationCompleted', 'AcceptanceSigned']);
const RETURNS = new Set(['ReturnRequested', 'ReturnInspected', 'ReturnCompleted', 'ReturnRejected']);

function eventText(e: UnitEvent, m: Catalogue): string {
  switch (e.type) {
    case 'UnitSold':
      return m['page.ev.UnitSold'](e.data.serialNumber, e.data.brand, e.data.model, e.data.customerId);
    case 'UnitDelivered':
    case 'InstallationCompleted':
    case 'AcceptanceSigned':
      return m[`page.ev.${e.type}`];
    case 'FaultReported': {
      const d = e.data;
      const text = m['page.ev.FaultReported'](d.faultId, d.component, d.problemCode, m[`page.severity.${d.severity}`]);
      return d.outOfService ? `${text}${m['page.comma']}${m['page.outOfService']}` : text;
    }
    case 'FaultDiagnosed':
      return m['page.ev.FaultDiagnosed'](e.data.faultId, e.data.cause);
    case 'ServiceResponded':
    case 'TechnicianArrived':
    case 'ServiceRestored':
    case 'LoanerProvided':
      return m[`page.ev.${e.type}`](e.data.faultId);
    case 'RepairCompleted':
      return m['page.ev.RepairCompleted'](e.data.faultId, m[`page.repair.${e.data.outcome}`]);
    case 'UnitReplaced':
      return m['page.ev.UnitReplaced'](e.data.newSerialNumber, e.data.reason);
    case 'ReturnRequested':
      return m['page.ev.ReturnRequested'](e.data.returnId, m[`page.returnReason.${e.data.reason}`]);
    case 'ReturnInspected':
      return m['page.ev.ReturnInspected'](e.data.returnId, e.data.intact, e.data.humanDamage);
    case 'ReturnCompleted':
      return m['page.ev.ReturnCompleted'](e.data.returnId, `${e.data.refund.amount} ${e.data.refund.currency}`);
    case 'ReturnRejected':
      return m['page.ev.ReturnRejected'](e.data.returnId, e.data.reason);
    case 'TrainingProvided':
      return m['page.ev.TrainingProvided'](e.data.free);
    case 'MaintenanceVisited':
      return m['page.ev.MaintenanceVisited'](e.data.kind);
    case 'FollowUpRecorded':
      return m['page.ev.FollowUpRecorded'](e.data.faultId ?? null, e.data.satisfaction ?? null);
    case 'OwnershipTransferred':
      return m['page.ev.OwnershipTransferred'](e.data.customerId);
    case 'WarrantyExtended':
      return m['page.ev.WarrantyExtended'](e.data.months, e.data.component ?? null, e.data.reason);
    default: {
      const never: never = e;
      return String(never);
    }
  }
}

function kindOf(t: TimelineEvent): EntryKind {
  const type = t.event.type;
  if (SETUP.has(type)) return 'setup';
  if (type === 'FaultReported') return 'fault';
  if (type === 'RepairCompleted') return t.failure || t.event.data.outcome === 'failed' ? 'repair-failed' : 'repair';
  if (RETURNS.has(type)) return 'return';
  return 'other';
}

function eventEntry(d: TimelineData, t: TimelineEvent, m: Catalogue, last: boolean): Entry {
  let text = `${t.id} · ${eventText(t.event, m)}`;
  if (t.failure) {
    const th = t.failure.threshold;
    text += `${m['page.stop']}${m['page.repairFailure'](t.failure.count, th ? m['page.threshold'](th.value, th.comparison) : '', t.failure.recurrenceId)}`;
  }
  // The status after a return (or at the last event): what the unit is at the as-of moment.
  if (t.event.type === 'ReturnCompleted' || (last && d.header.status === 'returned'))
    text += `${m['page.stop']}${m['page.statusAfter'](m[`page.status.${d.header.status}`])}`;
  return { ms: t.ms, kind: kindOf(t), when: zonedTime(t.ms, d.timeZone), text, eventId: t.id };
}

function findingEntries(d: TimelineData, m: Catalogue): Entry[] {
  const ids = (f: Finding) => f.events.map((r) => r.id).join(', ');
  return d.flags.map((flag) => {
    const f = flag.finding;
    const entry: Entry = { ms: flag.ms, kind: 'flag', flag: flag.kind, when: zonedTime(flag.ms, d.timeZone), text: '' };
    if (flag.kind === 'entitlement') {
      const choices = f.choices?.length
        ? `${m['page.semi']}${m['page.choices'](f.choices.map((c) => (c === 'repair' || c === 'replacement' || c === 'refund' ? m[`page.choice.${c}`] : c)).join(' / '))}`
        : '';
      const kindText = KINDS.has(f.kind) ? m[`page.kind.${f.kind as EntitlementKind}`] : f.kind;
      entry.text = `${m['page.entitlement'](kindText, f.component ?? null, f.faultId ?? null, m[`page.fstatus.${f.status ?? 'open'}`])}${choices}${m['page.stop']}${m['page.because'](f.rule, f.section, f.basis ?? null, ids(f))}${f.fulfilledBy ? `${m['page.semi']}${m['page.fulfilledBy'](f.fulfilledBy.id)}` : ''}`;
    } else if (flag.kind === 'anomaly') entry.text = m['page.anomaly'](f.rule, f.section, ids(f));
    else
      entry.text = m['page.breach'](
        f.faultId ?? '?',
        m[`page.measure.${f.kind as 'response' | 'arrival' | 'resolution'}`],
        m['page.minutes'](f.actualMinutes ?? 0),
        m['page.minutes'](f.limitMinutes ?? 0),
        f.stillOpen === true,
      );
    return entry;
  });
}

type EntitlementKind = 'replacement' | 'refund' | 'loaner' | 'free-training' | 'warranty-restart';
const KINDS = new Set<string>(['replacement', 'refund', 'loaner', 'free-training', 'warranty-restart']);

const START_NAMES = ['UnitSold', 'UnitDelivered', 'InstallationCompleted', 'AcceptanceSigned'] as const;

function startEvent(event: string, m: Catalogue): string {
  const known = START_NAMES.find((n) => n === event);
  return known ? m[`page.startEvent.${known}`] : event;
}

/** A coverage start's label, naming the policy's chosen start when the line starts on its day. */
function withChosenStart(text: string, day: string, d: TimelineData, m: Catalogue): string {
  const chosen = d.chosenStart?.day === day ? d.chosenStart : null;
  return chosen
    ? `${text}${m['page.semi']}${m['page.chosenStart'](startEvent(chosen.event, m), chosen.eventId, chosen.offsetDays)}`
    : text;
}

function coverageEntries(d: TimelineData, m: Catalogue): Entry[] {
  const out: Entry[] = [];
  const zone = d.timeZone;
  for (const b of d.bars) {
    out.push({
      ms: b.startMs,
      kind: 'coverage',
      when: m['page.dateIn'](b.start, zone),
      text: withChosenStart(m['page.coverageStart'](b.component, b.start), b.start, d, m),
    });
    if (b.end !== null && b.endMs !== null)
      out.push({
        ms: b.endMs - 1,
        kind: 'coverage',
        when: m['page.dateIn'](b.end, zone),
        text: m['page.coverageEnd'](b.component, b.end),
      });
  }
  // The starts a line had before it moved (a replacement, a restart): the chosen start may be one of them.
  const seen = new Set(d.bars.map((b) => `${b.component}\u0000${b.start}`));
  for (const o of d.superseded) {
    const key = `${o.component}\u0000${o.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const start = `${m['page.coverageStart'](o.component, o.start)}${m['page.semi']}${m['page.movedBy'](o.by)}`;
    out.push({
      ms: o.startMs,
      kind: 'coverage',
      when: m['page.dateIn'](o.start, zone),
      text: withChosenStart(start, o.start, d, m),
    });
  }
  const w = d.returnWindow;
  if (w)
    out.push({
      ms: w.endMs - 1,
      kind: 'window',
      when: m['page.dateIn'](w.lastDay, zone),
      text: m['page.returnWindow'](w.days, `${w.fromEventId} ${w.fromDay}`, w.lastDay),
    });
  return out;
}

/** Every entry of the page in time order (ties: coverage and events first, then findings, then the as-of). */
export function entriesOf(d: TimelineData, m: Catalogue): Entry[] {
  const zone = d.timeZone;
  const asOfWhen = /^\d{4}-\d{2}-\d{2}$/.test(d.asOfText)
    ? m['page.endOfDay'](d.asOfText, zone)
    : zonedTime(d.asOfMs, zone);
  const events = d.events.map((t, i) => eventEntry(d, t, m, i === d.events.length - 1));
  const rank: Record<EntryKind, number> = {
    coverage: 0,
    window: 0,
    setup: 1,
    fault: 1,
    repair: 1,
    'repair-failed': 1,
    return: 1,
    other: 1,
    flag: 2,
    gap: 3,
    asof: 4,
  };
  const domain = domainOf(d);
  const all: Entry[] = [
    ...coverageEntries(d, m),
    ...events,
    ...findingEntries(d, m),
    { ms: d.asOfMs, kind: 'asof' as const, when: asOfWhen, text: m['page.asOfEntry'](asOfWhen) },
  ];
  for (const e of all) if (e.kind === 'coverage' && e.ms > domain.hi) e.text += ` (${m['page.beyondAxis']})`;
  if (domain.gap)
    all.push({
      ms: domain.hi,
      kind: 'gap',
      when: '',
      text: m['page.gap'](Math.floor((d.asOfMs - domain.storyEnd) / 86_400_000)),
    });
  return all
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.ms - b.e.ms || rank[a.e.kind] - rank[b.e.kind] || a.i - b.i)
    .map(({ e }) => e);
}
