/**
 * The model of the model-based tests, far simpler than the ledger: per unit, the ids of the
 * acknowledged events and a handful of facts computed naively (sold?, failed repairs per problem,
 * replacements owed and given). Its `decide` says what the ledger must answer to each command.
 */

export const THRESHOLD = 3;

export interface ModelUnit {
  sold: boolean;
  events: string[];
  /** faultId -> problemCode. */
  faults: Map<string, string>;
  /** problemCode -> failed repairs counted, fixed repairs waiting for a recurrence (fine print 16), remedy given for it. */
  problems: Map<string, { failed: number; pendingFixed: number; entitled: boolean }>;
  replacementsOpen: number;
  replacementsFulfilled: number;
  nextFault: number;
}

export interface Model {
  readonly units: ModelUnit[];
  /** Every acknowledged event id, in the order acknowledged (the store's global order). */
  readonly all: string[];
  /** Accepted commands by id: what they were and the events their first execution returned. */
  readonly accepted: Map<string, { unit: number; events: unknown[] }>;
  readonly acceptedIds: string[];
  step: number;
}

export function initialModel(unitCount: number): Model {
  const units = Array.from({ length: unitCount }, () => ({
    sold: false,
    events: [],
    faults: new Map(),
    problems: new Map(),
    replacementsOpen: 0,
    replacementsFulfilled: 0,
    nextFault: 1,
  }));
  return { units, all: [], accepted: new Map(), acceptedIds: [], step: 0 };
}

/** What a command should do: be recorded (with its effect on the model), or be refused by a rule. */
export type Outcome =
  | { readonly kind: 'accepted'; apply(): void }
  | { readonly kind: 'rejected'; readonly rule: string };

const accept = (apply: () => void = () => {}): Outcome => ({ kind: 'accepted', apply });
const reject = (rule: string): Outcome => ({ kind: 'rejected', rule });

function problem(unit: ModelUnit, code: string) {
  let p = unit.problems.get(code);
  if (!p) unit.problems.set(code, (p = { failed: 0, pendingFixed: 0, entitled: false }));
  return p;
}

function countFailure(unit: ModelUnit, code: string): void {
  const p = problem(unit, code);
  p.failed++;
  if (p.failed >= THRESHOLD && !p.entitled) {
    p.entitled = true;
    unit.replacementsOpen++;
  }
}

export type ModelCommand =
  | { readonly type: 'sell' }
  | { readonly type: 'report'; readonly faultId: string; readonly problemCode: string }
  | { readonly type: 'repair'; readonly faultId: string; readonly outcome: 'fixed' | 'failed' }
  | { readonly type: 'replace'; readonly reason: 'repeated-failure' | 'goodwill' }
  | { readonly type: 'maintain' };

/** The model's decision: the rules of the rulebook this test exercises, written the plain way. */
export function decideInModel(unit: ModelUnit, command: ModelCommand): Outcome {
  if (command.type === 'sell') return unit.sold ? reject('sale') : accept(() => (unit.sold = true));
  if (!unit.sold) return reject('sale');
  switch (command.type) {
    case 'report':
      return accept(() => {
        unit.faults.set(command.faultId, command.problemCode);
        unit.nextFault++;
        const p = problem(unit, command.problemCode);
        for (; p.pendingFixed > 0; p.pendingFixed--) countFailure(unit, command.problemCode);
      });
    case 'repair': {
      const code = unit.faults.get(command.faultId);
      if (code === undefined) return reject('fault');
      return accept(() =>
        command.outcome === 'failed' ? countFailure(unit, code) : problem(unit, code).pendingFixed++,
      );
    }
    case 'replace':
      if (command.reason === 'repeated-failure' && unit.replacementsOpen === 0)
        return reject('replacement-without-entitlement');
      return accept(() => {
        unit.replacementsFulfilled += unit.replacementsOpen;
        unit.replacementsOpen = 0;
        unit.problems.clear();
      });
    case 'maintain':
      return accept();
  }
}

/** The failed-repair counts above zero, as the view lists them (sorted for comparison). */
export function failedRepairsOf(unit: ModelUnit): { component: string; problemCode: string; count: number }[] {
  return [...unit.problems]
    .filter(([, p]) => p.failed > 0)
    .map(([problemCode, p]) => ({ component: 'unit', problemCode, count: p.failed }))
    .sort((a, b) => a.problemCode.localeCompare(b.problemCode));
}
