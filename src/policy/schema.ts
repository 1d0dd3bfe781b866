/**
 * A warranty policy as data (rulebook 14): every number the rules use lives here, validated with
 * zod. The presets are plain values of this schema.
 */
import { z } from 'zod';
import { CAUSES, EXCLUDED_CAUSES } from '../events/catalogue.js';
import { isValidTimeZone, parseDay } from '../time/calendar.js';

const name = z.string().min(1).max(200);

/** A threshold states its number and whether reaching it (`at-least`) or passing it (`more-than`) counts. */
const threshold = <S extends z.ZodNumber>(value: S) =>
  z.strictObject({ value, comparison: z.enum(['at-least', 'more-than']) });

const remedy = z.enum(['repair', 'replacement', 'refund']);
/** A remedy a coverage line grants, and a form in which the buyer may take an entitlement. */
export type Remedy = z.infer<typeof remedy>;

/** The law or clause behind a rule, shown by explanations (e.g. "三包 Art 11"). */
const basis = z.string().min(1).max(200);

/** A remedy a rule owes: one of them, or exchange or refund at the buyer's choice. */
const owedRemedy = z.enum(['replacement', 'refund', 'replacement-or-refund']);

/**
 * An early-fault window (rulebook 16): a covered fault reported no later than `from` + `days` days
 * owes an entitlement the buyer may take as any of `remedies` (in this order).
 */
const earlyFaultWindow = z
  .strictObject({
    days: z.number().int().min(0).max(3_650),
    from: z.enum(['sale', 'delivery']),
    remedies: z.array(remedy).min(1),
    basis: basis.optional(),
  })
  .refine((w) => w.remedies.includes('replacement') || w.remedies.includes('refund'), {
    message: 'an early-fault window needs replacement or refund among its remedies',
    path: ['remedies'],
  })
  .refine((w) => new Set(w.remedies).size === w.remedies.length, {
    message: 'each remedy once',
    path: ['remedies'],
  });

/** One coverage line: a component, its term (months or lifetime) and the remedies it grants. */
export const CoverageLine = z.union([
  z.strictObject({ component: name, months: z.number().int().min(1).max(1_200), remedies: z.array(remedy).min(1) }),
  z.strictObject({ component: name, lifetime: z.literal(true), remedies: z.array(remedy).min(1) }),
]);

/** A service-level limit in minutes, counted from the report or from the technician's arrival. */
const limit = z.strictObject({
  minutes: z.number().int().min(0),
  from: z.enum(['report', 'arrival']).default('report'),
});
const severityLevels = z.strictObject({
  response: limit.optional(),
  arrival: limit.optional(),
  resolution: limit.optional(),
});

/** What a policy's coverage starts from, first match wins: the latest such event, plus `offsetDays`. */
const startStep = z.strictObject({
  event: z.enum(['AcceptanceSigned', 'InstallationCompleted', 'UnitDelivered', 'UnitSold']),
  offsetDays: z.number().int().min(0).max(366),
});

export const Policy = z
  .strictObject({
    id: name,
    version: z.number().int().min(1),
    title: z.string().max(500).optional(),
    /** Sales from this date on (in the policy's time zone) are judged under this version. */
    effectiveFrom: z
      .string()
      .refine((s) => parseDay(s) !== undefined, 'expected a date YYYY-MM-DD in the years 1000 to 9999')
      .optional(),
    timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').default('UTC'),
    start: z.array(startStep).min(1),
    coverage: z.array(CoverageLine).min(1),
    /**
     * Where a term of N months from S ends (rulebook 2, 16): `day-before` (default) covers [S, S + N
     * months); `same-day` also covers S + N months itself (the first day is not counted).
     */
    periodEnd: z.enum(['day-before', 'same-day']).optional(),
    partRule: z.union([
      z.strictObject({ kind: z.literal('extend'), months: z.number().int().min(1).max(1_200) }),
      z.strictObject({ kind: z.literal('restart') }),
      z.strictObject({ kind: z.literal('none') }),
    ]),
    repeatedFailure: z
      .strictObject({
        threshold: threshold(z.number().int().min(1)),
        remedy: owedRemedy,
        /** What a run is counted over: one (component, problemCode) (default), or the whole unit. */
        scope: z.enum(['problem', 'unit']).optional(),
        basis: basis.optional(),
      })
      .nullable(),
    /** Early-fault windows, the first that fits wins (rulebook 16); none by default. */
    earlyFault: z.array(earlyFaultWindow).max(20).optional(),
    /** A covered fault not resolved within the threshold (minutes from its report) owes the remedy (rulebook 16). */
    repairTimeLimit: z
      .strictObject({ threshold: threshold(z.number().int().min(0)), remedy: owedRemedy, basis: basis.optional() })
      .nullable()
      .optional(),
    downtime: z
      .strictObject({
        threshold: threshold(z.number().int().min(0)),
        effect: z.enum(['restart', 'replace']),
      })
      .nullable(),
    extendByDowntime: z.boolean(),
    replacement: z.enum(['restart', 'continue']),
    returns: z
      .strictObject({
        windowDays: z.number().int().min(0).max(3_650),
        noReason: z.boolean(),
        freeTraining: z.boolean(),
      })
      .nullable(),
    unboxingDefect: z.strictObject({ remedy: z.literal('replacement') }).nullable(),
    exclusions: z.array(z.enum(CAUSES)),
    charges: z.strictObject({
      withinCoverage: z.strictObject({
        covered: z.literal('free'),
        excluded: z.enum(['parts-at-cost', 'parts-and-labour-at-cost']),
      }),
      afterCoverage: z.enum(['parts-at-cost', 'parts-and-labour-at-cost', 'parts-at-contract-price-plus-labour-fee']),
      partsAvailableYears: z.number().int().min(0).max(100),
    }),
    serviceLevels: z.strictObject({ general: severityLevels, serious: severityLevels, urgent: severityLevels }),
    loaner: z.strictObject({ threshold: threshold(z.number().int().min(0)) }).nullable(),
    care: z
      .strictObject({
        maintenanceEveryMonths: z.number().int().min(1).max(120).nullable(),
        followUpWithinDays: z.number().int().min(0).max(365),
      })
      .optional(),
    fleet: z.strictObject({ earlyWarningFailures: threshold(z.number().int().min(1)) }).optional(),
  })
  .refine((p) => p.coverage.some((line) => line.component === 'unit'), {
    message: 'a policy needs a "unit" coverage line',
    path: ['coverage'],
  })
  .refine((p) => new Set(p.coverage.map((l) => l.component)).size === p.coverage.length, {
    message: 'one coverage line per component',
    path: ['coverage'],
  });

/** A validated policy. */
export type Policy = z.infer<typeof Policy>;
/** A policy as written in a file: defaulted fields may be left out. */
export type PolicyInput = z.input<typeof Policy>;
export type CoverageLine = z.infer<typeof CoverageLine>;
export type ServiceLevelLimit = z.infer<typeof limit>;
export type Threshold = { value: number; comparison: 'at-least' | 'more-than' };

/** True when `actual` meets the threshold (`at-least`: >=, `more-than`: >). */
export function reaches(actual: number, t: Threshold): boolean {
  return t.comparison === 'at-least' ? actual >= t.value : actual > t.value;
}

/** The causes rulebook 9 excludes, the default `exclusions` of every preset. */
export const DEFAULT_EXCLUSIONS = [...EXCLUDED_CAUSES];
