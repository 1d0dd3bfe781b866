/**
 * Which of a unit's events a projection judges, and under which policy: the sale known by the
 * known-at moment names the policy in force on its date; the events kept are those that occurred by
 * the as-of moment and were recorded by the known-at moment, both in the policy's zone. Every
 * projection (views, explanations, care, fleet, timelines, evidence) selects through here.
 */
import type { Policy } from '../policy/schema.js';
import { presetPolicyBook, type PolicyBook } from '../policy/resolve.js';
import { cutoffIn, isBefore, toTimePoint, type Cutoff, type TimePoint } from '../time/as-of.js';
import { dayOf } from '../time/calendar.js';
import { compareTimed, type Timed } from '../unit/order.js';

export interface ProjectionOptions {
  /** Business time: a date (end of that day in the policy's zone) or a timestamp (inclusive). */
  readonly asOf: TimePoint | Date | string;
  /** Ledger time: keep only events recorded by then. */
  readonly knownAt?: TimePoint | Date | string | undefined;
  /** The policies to judge under (presets when absent). */
  readonly policies?: PolicyBook | undefined;
}

/** What one unit's projection starts from: its policy, the cutoffs and the events kept, in business order. */
export interface UnitSelection {
  readonly unitId: string;
  /** Null when no sale is among the kept events. */
  readonly policy: Policy | null;
  readonly asOf: Cutoff;
  readonly knownAt: Cutoff | undefined;
  /** The events that occurred by the as-of moment and were recorded by the known-at moment. */
  readonly kept: readonly Timed[];
}

/** The moments and policies of one projection request, resolved once for every unit. */
export interface SelectionRequest {
  readonly book: PolicyBook;
  readonly asOf: TimePoint;
  readonly knownAt: TimePoint | undefined;
  /** The known-at moment in UTC (which sale is known), when there is one. */
  readonly knownAtUtc: Cutoff | undefined;
  /** Cutoffs by time zone. */
  readonly cutoffs: Map<string, { asOf: Cutoff; knownAt: Cutoff | undefined }>;
}

export function selectionRequest(options: ProjectionOptions): SelectionRequest {
  const knownAt = options.knownAt === undefined ? undefined : toTimePoint(options.knownAt, 'knownAt');
  return {
    book: options.policies ?? presetPolicyBook(),
    asOf: toTimePoint(options.asOf, 'asOf'),
    knownAt,
    knownAtUtc: knownAt && cutoffIn(knownAt, 'UTC'),
    cutoffs: new Map(),
  };
}

function cutoffsIn(request: SelectionRequest, zone: string): { asOf: Cutoff; knownAt: Cutoff | undefined } {
  let found = request.cutoffs.get(zone);
  if (!found) {
    found = { asOf: cutoffIn(request.asOf, zone), knownAt: request.knownAt && cutoffIn(request.knownAt, zone) };
    request.cutoffs.set(zone, found);
  }
  return found;
}

/** The policy a unit's sale names, in force on the sale date (or the version the sale fixed). */
export function policyForSale(sale: Timed, book: PolicyBook): Policy {
  if (sale.event.type !== 'UnitSold') throw new TypeError('not a sale');
  const { policyId, policyVersion } = sale.event.data;
  const latest = book.resolve(policyId);
  return book.resolve(policyId, { version: policyVersion, saleDay: dayOf(sale.occurredMs, latest.timeZone) });
}

/** The events that had occurred (and were known) by the cutoffs: a prefix of `known` unless `knownAt` drops some. */
function keptOf(known: readonly Timed[], asOf: Cutoff, knownAt: Cutoff | undefined): readonly Timed[] {
  if (knownAt) return known.filter((t) => isBefore(t.occurredMs, asOf) && isBefore(t.recordedMs, knownAt));
  let n = 0;
  while (n < known.length && isBefore(known[n]!.occurredMs, asOf)) n++;
  return n === known.length ? known : known.slice(0, n);
}

/** Selects from a unit's events in business-time order; undefined when none is kept (fine print 12). */
export function selectKnown(known: readonly Timed[], request: SelectionRequest): UnitSelection | undefined {
  const knownAtUtc = request.knownAtUtc;
  const sale = known.find((t) => t.event.type === 'UnitSold' && (!knownAtUtc || isBefore(t.recordedMs, knownAtUtc)));
  const policy = sale ? policyForSale(sale, request.book) : null;
  const { asOf, knownAt } = cutoffsIn(request, policy?.timeZone ?? 'UTC');
  const kept = keptOf(known, asOf, knownAt);
  if (kept.length === 0) return undefined;
  const hasSale = kept.some((t) => t.event.type === 'UnitSold');
  return { unitId: kept[0]!.event.unitId, policy: hasSale ? policy : null, asOf, knownAt, kept };
}

/** Selects from a unit's events in any order (a request prepared once serves many units). */
export function selectUnit(
  unitEvents: readonly Timed[],
  options: ProjectionOptions | SelectionRequest,
): UnitSelection | undefined {
  const request = 'cutoffs' in options ? options : selectionRequest(options);
  return selectKnown([...unitEvents].sort(compareTimed), request);
}
