/**
 * fast-check arbitraries: one per event type (`eventArbitraries`), any event (`anyEvent`), and
 * histories: `unitHistory()` runs generated commands through `decide` and `evolve`, so every
 * history it builds is one the ledger itself would have recorded; `fleetHistory()` holds several
 * such units; `importedHistory()` is any sequence of valid events for one unit, in any order, as
 * an importer might bring it (the rules must flag, never throw).
 */
import fc from 'fast-check';
import {
  CAUSES,
  COMMAND_EVENTS,
  createPolicyBook,
  decide,
  evolve,
  initialState,
  isCommandRejected,
  PRESETS,
  SEVERITIES,
  type CommandType,
  type EventData,
  type EventOf,
  type EventType,
  type PendingEvent,
  type UnitCommand,
  type UnitEvent,
  type UnitState,
} from '../../src/index.js';

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
/** 2023-01-01T00:00:00Z and 2026-01-01T00:00:00Z. */
const EARLIEST_SALE = Date.UTC(2023, 0, 1);
const LATEST_SALE = Date.UTC(2026, 0, 1);

export const POLICY_IDS = PRESETS.map((p) => p.id);
const COMPONENTS = ['unit', 'compressor', 'tank', 'parts', 'fan-motor', 'pump'] as const;
const PROBLEMS = ['no-power', 'noisy', 'leak'] as const;

// ---- building blocks -------------------------------------------------------------------------

/** Identifiers as an importer might write them: any text, quotes, emoji and `__proto__` included. */
const anyId = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'F-1', 'e"1', 'a\nb'),
);
const text = fc.string({ maxLength: 30 });
const money = fc.record({
  amount: fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100),
  currency: fc.constantFrom('CNY', 'EUR', 'USD'),
});

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** An instant written with a UTC offset (whole seconds), e.g. 2025-03-01T16:00:00+08:00. */
function withOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** An ISO 8601 timestamp with an offset, between 2023 and 2032, in `Z` or `±hh:mm` form. */
export const timestamp = fc.oneof(
  fc.integer({ min: EARLIEST_SALE, max: Date.UTC(2032, 0, 1) }).map((ms) => new Date(ms).toISOString()),
  fc
    .tuple(fc.integer({ min: EARLIEST_SALE, max: Date.UTC(2032, 0, 1) }), fc.constantFrom(-300, 0, 330, 480, 540))
    .map(([ms, offset]) => withOffset(ms, offset)),
);

// ---- one arbitrary per event type ------------------------------------------------------------

/** The `data` of each event type, within its contract schema. */
export const eventData: { [T in EventType]: fc.Arbitrary<EventData<T>> } = {
  UnitSold: fc.record(
    {
      serialNumber: anyId,
      brand: fc.constantFrom('Acme', 'Gree'),
      model: fc.constantFrom('M1', 'M2'),
      customerId: anyId,
      policyId: fc.constantFrom(...POLICY_IDS),
      price: money,
    },
    { requiredKeys: ['serialNumber', 'brand', 'model', 'customerId', 'policyId'] },
  ),
  UnitDelivered: fc.constant({}),
  InstallationCompleted: fc.constant({}),
  AcceptanceSigned: fc.constant({}),
  FaultReported: fc.record(
    {
      faultId: anyId,
      component: fc.constantFrom(...COMPONENTS),
      problemCode: fc.constantFrom(...PROBLEMS),
      severity: fc.constantFrom(...SEVERITIES),
      outOfService: fc.boolean(),
      atUnboxing: fc.boolean(),
    },
    { requiredKeys: ['faultId', 'component', 'problemCode', 'severity', 'outOfService'] },
  ),
  FaultDiagnosed: fc.record({ faultId: anyId, cause: fc.constantFrom(...CAUSES) }),
  ServiceResponded: fc.record({ faultId: anyId }),
  TechnicianArrived: fc.record({ faultId: anyId }),
  RepairCompleted: fc.record(
    {
      faultId: anyId,
      outcome: fc.constantFrom('fixed' as const, 'failed' as const),
      partsReplaced: fc.array(
        fc.record({ component: fc.constantFrom(...COMPONENTS), serialNumber: anyId }, { requiredKeys: ['component'] }),
        { minLength: 1, maxLength: 2 },
      ),
      charged: money,
    },
    { requiredKeys: ['faultId', 'outcome'] },
  ),
  ServiceRestored: fc.record({ faultId: anyId }),
  LoanerProvided: fc.record({ faultId: anyId }),
  UnitReplaced: fc.record({
    newSerialNumber: anyId,
    reason: fc.constantFrom(
      'repeated-failure' as const,
      'downtime' as const,
      'unboxing-defect' as const,
      'goodwill' as const,
    ),
  }),
  ReturnRequested: fc.record({
    returnId: anyId,
    reason: fc.constantFrom('no-reason' as const, 'unusable' as const, 'cannot-operate' as const),
  }),
  ReturnInspected: fc.record({ returnId: anyId, intact: fc.boolean(), humanDamage: fc.boolean() }),
  ReturnCompleted: fc.record({ returnId: anyId, refund: money }),
  ReturnRejected: fc.record({ returnId: anyId, reason: text }),
  TrainingProvided: fc.record({ free: fc.boolean() }),
  MaintenanceVisited: fc.record({ kind: fc.constantFrom('periodic' as const, 'inspection' as const) }),
  FollowUpRecorded: fc.record({ faultId: anyId, satisfaction: fc.integer({ min: 1, max: 5 }) }, { requiredKeys: [] }),
  OwnershipTransferred: fc.record({ customerId: anyId }),
  WarrantyExtended: fc.record(
    { months: fc.integer({ min: 1, max: 1_200 }), component: fc.constantFrom(...COMPONENTS), reason: text },
    { requiredKeys: ['months', 'reason'] },
  ),
};

/** A whole event of `type` (any id, unit and timestamps). */
export function eventOf<T extends EventType>(type: T): fc.Arbitrary<EventOf<T>> {
  return fc
    .record({
      id: anyId,
      unitId: anyId,
      occurredAt: timestamp,
      recordedAt: timestamp,
      data: eventData[type] as fc.Arbitrary<EventData<T>>,
    })
    .map(({ id, unitId, occurredAt, recordedAt, data }) => ({ id, type, unitId, occurredAt, recordedAt, data }));
}

/** One arbitrary per event type. */
export const eventArbitraries = Object.fromEntries(
  (Object.keys(eventData) as EventType[]).map((type) => [type, eventOf(type)]),
) as {
  [T in EventType]: fc.Arbitrary<EventOf<T>>;
};

/** Any event of the catalogue. */
export const anyEvent: fc.Arbitrary<UnitEvent> = fc.oneof(
  ...(Object.values(eventArbitraries) as fc.Arbitrary<UnitEvent>[]),
);

/** Events with distinct ids (the same id is the same event). */
export const distinctEvents = (maxLength = 20) => fc.uniqueArray(anyEvent, { selector: (e) => e.id, maxLength });

// ---- histories the decider records -----------------------------------------------------------

/** Weights of the commands a history is made of: faults, repairs and restorations dominate. */
const COMMAND_WEIGHTS: [CommandType, number][] = [
  ['RecordDelivery', 2],
  ['RecordInstallation', 2],
  ['RecordAcceptance', 2],
  ['ReportFault', 9],
  ['DiagnoseFault', 3],
  ['RecordResponse', 3],
  ['RecordArrival', 2],
  ['RecordRepair', 9],
  ['RestoreService', 6],
  ['ProvideLoaner', 2],
  ['ReplaceUnit', 2],
  ['RequestReturn', 2],
  ['InspectReturn', 2],
  ['CompleteReturn', 1],
  ['RejectReturn', 1],
  ['ProvideTraining', 1],
  ['RecordMaintenance', 1],
  ['RecordFollowUp', 1],
  ['TransferOwnership', 1],
  ['ExtendWarranty', 1],
];

/** Minutes between two commands: minutes, around the 24-hour mark, days, months. */
const gapMinutes = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 180 }), weight: 4 },
  { arbitrary: fc.integer({ min: 1_430, max: 1_450 }), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 30 * 1_440 }), weight: 4 },
  { arbitrary: fc.integer({ min: 30 * 1_440, max: 400 * 1_440 }), weight: 1 },
);

/** How late the ledger learned of an event: mostly at once, sometimes weeks later. */
const lagMinutes = fc.oneof(
  { arbitrary: fc.constant(0), weight: 6 },
  { arbitrary: fc.integer({ min: 1, max: 5 }), weight: 1 },
  { arbitrary: fc.integer({ min: 60, max: 60 * 1_440 }), weight: 2 },
);

interface Step {
  readonly command: CommandType;
  readonly gapMinutes: number;
  readonly gapSeconds: number;
  readonly lagMinutes: number;
  /** Chooses which fault or return a command refers to. */
  readonly pick: number;
  readonly data: unknown;
}

const step: fc.Arbitrary<Step> = fc
  .oneof(
    ...COMMAND_WEIGHTS.map(([command, weight]) => ({
      arbitrary: eventData[COMMAND_EVENTS[command]].map((data) => ({ command, data })),
      weight,
    })),
  )
  .chain(({ command, data }) =>
    fc.record({
      command: fc.constant(command),
      data: fc.constant(data as unknown),
      gapMinutes,
      gapSeconds: fc.integer({ min: 0, max: 59 }),
      lagMinutes,
      pick: fc.nat(),
    }),
  );

const policies = createPolicyBook();

/** Fills in the references a generated command needs: existing fault and return ids, components the policy knows. */
function commandData(
  s: Step,
  state: UnitState,
  counters: { faults: number; returns: number },
  components: readonly string[],
): unknown {
  const data = { ...(s.data as Record<string, unknown>) };
  const faults = state.faults.map((f) => f.faultId);
  const returns = Object.keys(state.returns);
  const existing = (ids: string[], fresh: string) =>
    ids.length === 0 || s.pick % 10 === 0 ? fresh : ids[s.pick % ids.length]!;
  if (s.command === 'ReportFault') {
    counters.faults += 1;
    data.faultId = `F-${counters.faults}`;
    data.atUnboxing = s.pick % 15 === 0 ? true : undefined;
  } else if ('faultId' in data || s.command === 'RecordFollowUp') {
    if (s.command !== 'RecordFollowUp' || s.pick % 2 === 0) data.faultId = existing(faults, 'F-none');
    else delete data.faultId;
  }
  if (s.command === 'RequestReturn') {
    counters.returns += 1;
    data.returnId = `R-${counters.returns}`;
  } else if ('returnId' in data) {
    data.returnId = existing(returns, 'R-none');
  }
  if (s.command === 'RecordRepair') {
    data.partsReplaced = s.pick % 3 === 0 ? [{ component: components[s.pick % components.length]! }] : undefined;
    data.charged = s.pick % 7 === 0 ? data.charged : undefined;
  }
  if (s.command === 'ExtendWarranty')
    data.component = s.pick % 2 === 0 ? undefined : components[s.pick % components.length];
  if (s.command === 'ReportFault') data.component = components[s.pick % components.length];
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return data;
}

/** Runs steps as commands through `decide`, skipping refused ones, folding each recorded event with `evolve`. */
function record(
  unitId: string,
  policyId: string,
  saleMs: number,
  saleLag: number,
  steps: readonly Step[],
): UnitEvent[] {
  const policy = policies.resolve(policyId);
  const components = [...new Set(['unit', ...policy.coverage.map((l) => l.component), 'fan-motor'])];
  let state = initialState(unitId);
  const events: UnitEvent[] = [];
  const counters = { faults: 0, returns: 0 };
  let ms = saleMs;
  const emit = (command: UnitCommand, lag: number) => {
    let decided: PendingEvent[];
    try {
      decided = decide(command, state, policy);
    } catch (error) {
      if (isCommandRejected(error)) return;
      throw error;
    }
    for (const pending of decided) {
      const event = {
        ...pending,
        recordedAt: new Date(Date.parse(pending.occurredAt) + lag * MINUTE).toISOString(),
      } as UnitEvent;
      events.push(event);
      state = evolve(state, event, policy);
    }
  };
  const sale = { serialNumber: `SN-${unitId}`, brand: 'Acme', model: 'M1', customerId: `C-${unitId}`, policyId };
  emit(
    { type: 'RegisterSale', commandId: `${unitId}-c0`, unitId, occurredAt: new Date(saleMs).toISOString(), data: sale },
    saleLag,
  );
  steps.forEach((s, i) => {
    ms += s.gapMinutes * MINUTE + s.gapSeconds * 1000;
    const data = commandData(s, state, counters, components);
    emit(
      {
        type: s.command,
        commandId: `${unitId}-c${i + 1}`,
        unitId,
        occurredAt: new Date(ms).toISOString(),
        data,
      } as UnitCommand,
      s.lagMinutes,
    );
  });
  return events;
}

/** A valid history of one unit, recorded through the decider; events in business-time order. */
export function unitHistory(unitId = 'U-1', options: { maxSteps?: number } = {}): fc.Arbitrary<UnitEvent[]> {
  return fc
    .record({
      policyId: fc.constantFrom(...POLICY_IDS),
      saleMs: fc.integer({ min: EARLIEST_SALE / MINUTE, max: LATEST_SALE / MINUTE }).map((m) => m * MINUTE),
      saleLag: lagMinutes,
      steps: fc.array(step, { minLength: 1, maxLength: options.maxSteps ?? 30, size: 'max' }),
    })
    .map(({ policyId, saleMs, saleLag, steps }) => record(unitId, policyId, saleMs, saleLag, steps));
}

/** Valid histories of one to three units, unit after unit. */
export function fleetHistory(options: { maxUnits?: number; maxSteps?: number } = {}): fc.Arbitrary<UnitEvent[]> {
  return fc
    .integer({ min: 1, max: options.maxUnits ?? 3 })
    .chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => unitHistory(`U-${i + 1}`, { maxSteps: options.maxSteps ?? 20 }))),
    )
    .map((units) => units.flat());
}

// ---- imported histories ------------------------------------------------------------------------

/**
 * Any valid events of one unit, in any order, with a sale among them: fault and return ids drawn
 * from a small set so that events refer to each other, times anywhere in a few years.
 */
export function importedHistory(unitId = 'U-1'): fc.Arbitrary<UnitEvent[]> {
  const time = fc
    .integer({ min: EARLIEST_SALE / MINUTE, max: (LATEST_SALE + 2 * 365 * DAY) / MINUTE })
    .map((m) => new Date(m * MINUTE).toISOString());
  const oneEvent = fc
    .tuple(fc.constantFrom(...(Object.keys(eventData) as EventType[])), fc.nat(), time)
    .chain(([type, pick, occurredAt]) =>
      eventData[type].map((data) => {
        const d = { ...(data as Record<string, unknown>) };
        if ('faultId' in d) d.faultId = `F-${pick % 4}`;
        if ('returnId' in d) d.returnId = `R-${pick % 2}`;
        return { type, unitId, occurredAt, recordedAt: occurredAt, data: d } as Omit<UnitEvent, 'id'>;
      }),
    );
  return fc
    .tuple(eventArbitraries.UnitSold, time, fc.array(oneEvent, { maxLength: 40 }))
    .map(([sale, saleAt, rest]) =>
      [{ ...sale, unitId, occurredAt: saleAt, recordedAt: saleAt }, ...rest].map(
        (e, i) => ({ ...e, id: `x-${i}` }) as UnitEvent,
      ),
    )
    .chain((events) => fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }));
}

// ---- as-of moments -----------------------------------------------------------------------------

/** An as-of moment: a date, a timestamp anywhere in the histories' years, or far in the future. */
export const asOfPoint: fc.Arbitrary<string> = fc.oneof(
  fc.constant('2100-01-01'),
  fc
    .integer({ min: EARLIEST_SALE / DAY, max: Date.UTC(2032, 0, 1) / DAY })
    .map((d) => new Date(d * DAY).toISOString().slice(0, 10)),
  fc
    .integer({ min: EARLIEST_SALE / 1000, max: Date.UTC(2032, 0, 1) / 1000 })
    .map((s) => new Date(s * 1000).toISOString()),
);
