/**
 * The English message catalogue: every text a person reads, by key. The Chinese catalogue
 * (zh-CN.ts) has the type of this one, so a key missing there fails to compile (and a test checks
 * both at run time). A message with values is a function of them.
 */
export const en = {
  // — shared: labels used by several outputs —
  'lang.name': 'English',
  /** Between the items of a list. */
  sep: ', ',
  none: 'none',
  lifetime: 'lifetime',
  'status.pending': 'pending',
  'status.active': 'active',
  'status.expired': 'expired',
  'status.returned': 'returned',
  'entitlement.open': 'open',
  'entitlement.fulfilled': 'fulfilled',
  'kind.replacement': 'replacement',
  'kind.refund': 'refund',
  'kind.loaner': 'loaner',
  'kind.free-training': 'free-training',
  'kind.warranty-restart': 'warranty-restart',
  'remedy.repair': 'repair',
  'remedy.replacement': 'replacement',
  'remedy.refund': 'refund',
  'measure.response': 'response',
  'measure.arrival': 'arrival',
  'measure.resolution': 'resolution',
  'severity.general': 'general',
  'severity.serious': 'serious',
  'severity.urgent': 'urgent',
  ofComponent: (component: string) => ` of the ${component}`,
  /** A date computed in a policy's time zone, with the zone named. */
  dayIn: (day: string, zone: string) => `${day} (${zone})`,
  minutes: (n: number) => `${n} min`,
  /** Minutes with days and hours beside them (only when an hour or more). */
  duration: (minutes: number, days: number, hours: number, rest: number) =>
    `${minutes} min (${days > 0 ? `${days} d ` : ''}${hours} h ${rest} min)`,
  policyVersion: (id: string, version: number) => `${id} v${version}`,
  noSale: 'no sale recorded',
  serial: (s: string) => `serial ${s}`,

  // — the timeline page (report) —

  // — the command line (state, fleet, care, diff, import) —
  'state.coverage': 'coverage',
  'state.failedRepairs': 'failed repairs',
  'state.downtime': 'downtime',
  'state.entitlements': 'entitlements',
  'state.breaches': 'SLA breaches',
  'state.anomalies': 'anomalies',
  'state.noUnits': 'no units',
  'state.active': 'active',
  'state.inactive': 'inactive',
  'state.choices': (choices: string) => `, choices ${choices}`,
  'state.because': (why: string) => `because ${why}`,
  'state.breach': (faultId: string, measure: string, actual: string, limit: string) =>
    `${faultId} ${measure}: ${actual}, limit ${limit}`,
  'state.growing': 'still growing (the step is missing at the as-of moment)',
  'state.asOf': (asOf: string) => `as of ${asOf}`,
  'summary.unit': 'unit',
  'summary.status': 'status',
  'summary.policy': 'policy',
  'summary.coverageEnd': 'coverage end',
  'summary.openEntitlements': 'open entitlements',
  'summary.openBreaches': 'open breaches',
  'summary.openKinds': 'open entitlement kinds',
  'summary.timeZone': 'time zone',
  'care.head': (units: number, overdue: number, missing: number) =>
    `care: ${units} unit(s); ${overdue} maintenance visit(s) overdue, ${missing} follow-up(s) missing`,
  'care.attention': (n: number) => `; ${n} unit(s) need attention (--all shows every unit)`,
  'care.coverage': (span: string) => `coverage ${span}`,
  'care.notStarted': 'not started',
  'care.maintenance': 'maintenance',
  'care.followUp': 'follow-up',
  'care.followUps': 'follow-ups',
  'care.noneRequired': 'none required by the policy',
  'care.nothingDue': (months: number) => `every ${months} months: nothing due within coverage`,
  'care.done': (on: string, id: string) => `done ${on} (${id})`,
  'care.lateVisit': (on: string, id: string, days: number) => `LATE: visited ${on} (${id}), ${days} day(s) after`,
  'care.overdue': (more: number | undefined) =>
    `OVERDUE since then${more ? `; ${more} more slot(s) passed since` : ''}`,
  'care.notYet': 'due (not yet)',
  'care.due': (due: string, what: string) => `due ${due}: ${what}`,
  'care.late': (on: string, id: string) => `LATE: ${on} (${id})`,
  'care.missing': 'MISSING',
  'care.pending': 'pending',
  'care.item': (kind: string, eventId: string, fault: string, on: string, due: string, what: string) =>
    `${kind} ${eventId}${fault} on ${on}, due by ${due}: ${what}`,
  'care.kind.repair': 'repair',
  'care.kind.installation': 'installation',
  'care.col.unit': 'unit',
  'care.col.policy': 'policy',
  'care.col.section': 'section',
  'care.col.event': 'event',
  'care.col.fault': 'fault',
  'care.col.on': 'on',
  'care.col.due': 'due',
  'care.col.status': 'status',
  'care.col.done': 'done on',
  'care.col.doneBy': 'done by',
  'care.status.done': 'done',
  'care.status.late': 'late',
  'care.status.overdue': 'overdue',
  'care.status.due': 'due',
  'care.status.missing': 'missing',
  'care.status.pending': 'pending',
  'fleet.head': (
    asOf: string,
    units: number,
    events: number,
    failures: number,
    warnings: number,
    ending: number,
    open: number,
    breaches: number,
  ) =>
    `fleet as of ${asOf}: ${units} units, ${events} events, ${failures} failures, ${warnings} early warning(s), ${ending} ending soon, ${open} open entitlement(s), ${breaches} SLA breach(es)`,
  'fleet.failures':
    'failures per model / component / problem (total, per installed unit; years; quarters; last 6 months)',
  'fleet.failureLine': (
    group: string,
    total: number,
    units: number,
    rate: string,
    years: string,
    quarters: string,
    months: string,
  ) => `${group}: ${total} (${rate} per installed unit, ${units} installed); ${years}; ${quarters}; ${months}`,
  'fleet.warnings': 'early warnings per model / component / problem (months at or above the threshold)',
  'fleet.warningLine': (group: string, months: string, threshold: string) => `${group}: ${months} (${threshold})`,
  'fleet.warningMonth': (month: string, failures: number, units: number) =>
    `${month} ${failures} failures in ${units} unit(s)`,
  'fleet.threshold': (comparison: 'at-least' | 'more-than', value: number) =>
    `${comparison === 'at-least' ? 'at least' : 'more than'} ${value} a month`,
  'fleet.ending': 'units nearing the end of coverage',
  'fleet.endingLine': (unitId: string, model: string, end: string, days: number) =>
    `${unitId} (${model}): unit line ends ${end}, ${days} day(s) left`,
  'fleet.open': 'open entitlements (age: days since it arose)',
  'fleet.openLine': (unitId: string, what: string, rule: string, ids: string, since: string, age: number) =>
    `${unitId}: ${what} by ${rule}: ${ids}; since ${since}, ${age} day(s) open`,
  'fleet.breaches': 'service-level breaches',
  'fleet.breachLine': (unitId: string, faultId: string, measure: string, actual: string, limit: string) =>
    `${unitId} ${faultId} ${measure}: ${actual} > ${limit}`,
  'fleet.more': (n: number) => `... and ${n} more (--json lists all)`,
  'fleet.col.section': 'section',
  'fleet.col.model': 'model',
  'fleet.col.component': 'component',
  'fleet.col.problem': 'problem',
  'fleet.col.month': 'month',
  'fleet.col.failures': 'failures',
  'fleet.col.units': 'units',
  'fleet.col.installed': 'installed units',
  'fleet.col.rate': 'failures per installed unit',
  'fleet.col.unit': 'unit',
  'fleet.col.kind': 'kind',
  'fleet.col.rule': 'rule',
  'fleet.col.fault': 'fault',
  'fleet.col.since': 'since',
  'fleet.col.ageDays': 'age (days)',
  'fleet.col.end': 'coverage end',
  'fleet.col.daysLeft': 'days left',
  'fleet.col.measure': 'measure',
  'fleet.col.actual': 'actual (min)',
  'fleet.col.limit': 'limit (min)',
  'fleet.section.failures': 'failures',
  'fleet.section.warning': 'early warning',
  'fleet.section.ending': 'ending soon',
  'fleet.section.open': 'open entitlement',
  'fleet.section.breach': 'SLA breach',
  'diff.head': (policies: string, rejudged: number, changed: number) =>
    `re-judged under ${policies}: ${rejudged} unit(s), ${changed} changed`,
  'diff.noPolicy': 'no policy',
  'diff.status': 'status',
  'diff.coverage': (component: string) => `coverage ${component}`,
  'diff.failedRepairs': 'failed repairs',
  'diff.downtime': 'downtime',
  'diff.entitlementGained': '+ entitlement',
  'diff.entitlementLost': '- entitlement',
  'diff.breachGained': '+ SLA breach',
  'diff.breachLost': '- SLA breach',
  'diff.anomalyGained': '+ anomaly',
  'diff.anomalyLost': '- anomaly',

  'import.done': (file: string, store: string, events: number, units: number, written: number, skipped: number) =>
    `imported ${file} into ${store}: read ${events} events (${units} units), wrote ${written}, skipped ${skipped} already stored`,
  'evidence.noManifest': 'no manifest.json',
  'evidence.verified': (dir: string, hash: string) =>
    `verified ${dir} (${hash}): every file matches its SHA-256, no file is left out of the manifest, and replaying the events under the policy snapshot gives the same bytes`,
  'evidence.notVerified': (dir: string, hash: string) => `NOT VERIFIED ${dir} (${hash}):`,
  'evidence.wrote': (dir: string, files: string) => `wrote ${dir}: ${files}`,
  'evidence.names': (hash: string, dir: string) =>
    `manifest.json SHA-256 ${hash} (also in ${dir}/manifest.sha256): the value that names this bundle`,

  'verify.sizes': (streams: number, events: number) =>
    `${streams} stream${streams === 1 ? '' : 's'}, ${events} event${events === 1 ? '' : 's'}`,
  'verify.nothingSealed': (what: string, sizes: string, empty: boolean) =>
    `NOTHING SEALED in ${what}: ${sizes}; ${empty ? 'there is nothing to verify' : 'none carries a seal, so no chain proves anything about them (written before hashing, or their seals were stripped)'}; --require-sealed makes this a failure`,
  'verify.verified': (what: string, sizes: string, sealed: number, unsealed: number) =>
    `verified ${what}: ${sizes}, every chain intact; ${sealed} sealed${unsealed > 0 ? `, ${unsealed} unsealed (written before hashing: covered only once a sealed event follows them)` : ''}`,
  'verify.broken': (what: string, broken: number, streams: number) =>
    `NOT VERIFIED ${what}: ${broken} of ${streams} stream${streams === 1 ? '' : 's'} broken`,
  'verify.invalid': (what: string, n: number, store: string) =>
    `NOT VERIFIED ${what}: ${n} event${n === 1 ? '' : 's'} its reader rejects, left out below (nothing was changed; \`warranty-ledger state --store ${store} --skip-invalid\` reads the rest)`,

  // — explain and the evidence bundle's explanation —
  note: (reason: string) => reason,
  'rule.sale': 'a unit is sold once; a second sale is ignored and the first stands',
  'rule.no-sale': 'no UnitSold event for this unit: it has no policy to be judged under',
  'rule.fault': 'a fault is reported once under its id, and every event about a fault names one reported before it',
  'rule.warranty-extension':
    'an extension adds months to a line with a term; a lifetime line or a component without a line is not extended',
  'rule.replace-only-line':
    'a covered fault on a line that grants replacement only is settled by exchanging the component, never by a repair',
  'rule.part-coverage': 'a part replaced under coverage for a covered fault gets a line of its own',
  'rule.repeated-failure':
    'failed repairs of the same problem (scope unit: of the product), at the threshold, owe the policy remedy where the line grants it',
  'rule.early-fault':
    "a covered fault reported within the early-fault window owes an exchange, a refund or a repair, the buyer's choice among the window's remedies",
  'rule.repair-time-limit': 'a covered fault not resolved within the time limit from its report owes the policy remedy',
  'rule.replacement-without-entitlement': 'no replacement was owed (none open) and the reason is not goodwill',
  'rule.downtime': 'covered outages past the threshold restart the warranty or owe a replacement at the restoration',
  'rule.return-window': 'a return requested within the window whose inspection passes owes a refund',
  'rule.cannot-operate':
    'the customer cannot operate the goods: one free training is owed; the first free TrainingProvided after the request fulfils it',
  'rule.unboxing-defect': 'a replacement with the same model is owed unconditionally',
  'rule.refund-outside-window': 'a refund paid for a return requested after the window: nobody was owed it',
  'rule.refund-without-entitlement': 'a refund was paid with no refund owed',
  'rule.returns': 'a return is requested once under its id before it is inspected or rejected',
  'rule.returned': 'a completed return ends coverage; after it only follow-ups are recorded',
  'rule.charged-while-covered': 'a covered cause reported within coverage: nothing was owed (section 10)',
  'rule.service-levels': 'each severity has limits on response, arrival and resolution',
  'rule.loaner': 'a covered fault out of service past the threshold owes a loaner',
  'rule.invalid-event': 'a stored event its reader rejects, left out of the view (state --store --skip-invalid)',
  'text.unit': (unitId: string, status: string) => `Unit ${unitId}: ${status}`,
  'text.policy': (name: string, title: string | null, zone: string) =>
    `${name}${title ? ` (${title})` : ''}, time zone ${zone}`,
  'text.noPolicy': 'no policy (no sale)',
  'text.endOfDay': (day: string, zone: string | undefined) => `${day} (end of day${zone ? ` in ${zone}` : ''})`,
  'text.asOf': (asOf: string, knownAt: string | undefined) =>
    `as of ${asOf}${knownAt ? `, as known at ${knownAt}` : ''}`,
  'text.story': 'Story (business-time order; each event, then what it changed)',
  'text.recordedAt': (at: string) => `recorded ${at}`,
  'text.noChange': '(no change to the view)',
  'text.afterLast': 'After the last event, up to the as-of moment',
  'text.coverage': 'Coverage',
  'text.activeOn': 'active on the as-of date',
  'text.notActiveOn': 'not active on the as-of date',
  'text.failedRepairs': 'Failed repairs (section 6)',
  'text.downtime': (minutes: number, since: string | undefined) =>
    `Downtime (section 7): ${minutes} min in the current period${since ? ` (since ${since})` : ''}, overlaps counted once`,
  'text.stillOut': ' (still out of service)',
  'text.entitlements': 'Entitlements',
  'text.anomalies': 'Anomalies',
  'text.breaches': 'Service-level breaches (section 11)',
  'text.ignored': 'Looked at and not counted',
  'text.ignoredBy': (rule: string, section: string, reason: string) => `${rule}, section ${section}: ${reason}`,
  'text.decidedAt': (eventId: string) => `decided at ${eventId}`,
  'text.recordedThen': (at: string) => `occurred ${at}, recorded then`,
  'text.recorded': (occurred: string, recorded: string) => `occurred ${occurred}, recorded ${recorded}`,
  'text.role': (role: string) => `, the ${role}`,
  'text.breach': (actual: number, limit: number, open: boolean) =>
    `${actual} min, limit ${limit} min${open ? ' (still missing at the as-of moment)' : ''}`,
  'text.choices': (choices: readonly string[]) => `, choices: ${choices.join(', ')}`,
  'text.rule': (rule: string, section: string, basis: string | undefined) =>
    `rule ${rule}, rulebook section ${section}${basis ? `; ${basis}` : ''}`,
  'text.eventsBehind': 'events behind it:',
  'text.arose': (at: string) => `arose ${at}`,
  'explain.policy': (id: string, version: number) => `policy ${id} v${version}`,
  'explain.threshold': (atLeast: boolean, value: number, unit: string) =>
    `${atLeast ? 'at least' : 'more than'} ${value} ${unit}`,
  'explain.unit.failedRepairs': 'failed repairs',
  'explain.unit.minutes': 'minutes',
  'explain.months': (n: number) => `${n} months`,
  'explain.word.repair': 'repair',
  'explain.word.replacement': 'exchange',
  'explain.word.refund': 'refund',
  'explain.single': (kind: string) => (kind === 'replacement' ? 'an exchange' : `a ${kind}`),
  'explain.choices': (words: readonly string[], last: string) => `${words.join(', ')} or ${last}, the buyer's choice`,
  'explain.chosen': (cite: string) => `fulfilled by ${cite}: the buyer's choice`,
  'explain.fulfilledBy': (cite: string) => `fulfilled by ${cite}`,
  'explain.causeAtMark': (cause: string | null | undefined, inCoverage: boolean) =>
    `cause at the mark: ${cause ?? 'undiagnosed (presumed covered)'}; reported within coverage: ${inCoverage ? 'yes' : 'no'}`,
  'explain.rf.rule': (basis: string, threshold: string, of: string, choices: string | undefined) =>
    `${basis}: ${threshold}${of}, counting covered faults reported within coverage${choices ? `: ${choices}` : ''}`,
  'explain.rf.none': 'no repeated-failure rule',
  'explain.rf.ofProduct': ' of the product, any problem',
  'explain.rf.ofProblem': (problem: string | undefined) => ` of the same problem${problem ? ` (${problem})` : ''}`,
  'explain.rf.failed': 'outcome failed',
  'explain.rf.recurred': (unitScope: boolean, cite: string) =>
    `outcome fixed, failed when ${unitScope ? 'the product' : 'the same problem'} was reported again by ${cite}`,
  'explain.rf.outcome': (outcome: string) => `outcome ${outcome}`,
  'explain.loaner.rule': (policy: string, threshold: string) =>
    `${policy}: a covered fault out of service ${threshold} owes a loaner`,
  'explain.loaner.mark': (faultId: string, reported: string, mark: string, minutes: number) =>
    `${faultId} reported ${reported}, out of service; the mark is ${mark} (report + ${minutes} min)`,
  'explain.loaner.stillOut': 'still out of service at the mark',
  'explain.loaner.restored': (at: string) => `restored ${at}, after the mark`,
  'explain.rol.rule': (policy: string, component: string) =>
    `${policy}: the ${component} line grants replacement only: a covered fault on it is settled by exchanging the ${component}, never by a repair`,
  'explain.rol.fault': (faultId: string, report: string, repair: string, cause: string | null | undefined) =>
    `${faultId} reported ${report}, within coverage; cause at its first repair ${repair}: ${cause ?? 'undiagnosed (presumed covered)'}`,
  'explain.rol.owed': (faultId: string, component: string) =>
    `no repair of ${faultId} has replaced the ${component} yet, and the unit has not been replaced: the exchange is still owed`,
  'explain.rw.rule': (policy: string, days: number, noReason: boolean) =>
    `${policy}: returns within ${days} days of delivery (else the sale)${noReason ? ', no reason needed' : ''}`,
  'explain.rw.window': (opens: string, cite: string, last: string) =>
    `window opens ${opens} (${cite}); last day ${last}`,
  'explain.rw.requested': (cite: string, reason: string) => `requested ${cite}, reason ${reason}: within the window`,
  'explain.rw.inspected': (cite: string, intact: boolean) =>
    `inspection ${cite} passed (no human damage${intact ? ', intact' : ''})`,
  'explain.rw.notInspected': 'not inspected yet',
  'explain.row.requested': (cite: string, window: string) => `requested ${cite}, after the ${window}`,
  'explain.row.window': (days: number, from: string, last: string) =>
    `window ${days} days from ${from}: last day ${last}`,
  'explain.row.noWindow': 'no window',
  'explain.row.completed': (cite: string) => `completed ${cite} with a refund nobody was owed`,
  'explain.rwe.noRule': ' (the policy has no returns rule)',
  'explain.cwc': (cite: string, faultId: string | undefined, reason: string) =>
    `${cite} charged the customer for ${faultId ?? 'a fault'}, ${reason}`,
  'explain.unboxing': (faultId: string, reason: string) => `${faultId} was found at unboxing: ${reason}`,
  'explain.cov.part': (rule: string, own: string, from: string, by: string) =>
    `a part line (section 5, rule ${rule}): own term ${own} from ${from}, by ${by}`,
  'explain.cov.partFloor': (coveredBy: string, end: string) =>
    `it never ends before the ${coveredBy} line that covered it before; last covered day ${end}`,
  'explain.cov.start': (cite: string, offsetDays: number, day: string) =>
    `start chain (section 3): ${cite} + ${offsetDays} day(s) = ${day}`,
  'explain.cov.restarted': (on: string, by: string, start: string) =>
    `restarted on ${on} by ${by}; the line starts on the later of the two: ${start}`,
  'explain.cov.term': (
    months: number,
    extMonths: number,
    extBy: string,
    from: string,
    start: string,
    sameDay: boolean,
    end: string,
    downtimeDays: number | undefined,
  ) =>
    `term ${months} months${extMonths ? ` + ${extMonths} months extended by ${extBy}` : ''} from ${from}: covers up to ${sameDay ? 'and including' : 'the day before'} ${start} + ${months + extMonths} months, last covered day ${end}${downtimeDays === undefined ? '' : ` (plus ${downtimeDays} day(s) for the closed downtime of the period)`}`,
  'explain.cov.lifetime': 'lifetime line: no end',
  'explain.from.sale': 'sale',
  'explain.from.delivery': 'delivery',
  'explain.ef.rule': (basis: string, days: number, from: string, choices: string) =>
    `${basis}: a fault within ${days} days of the ${from}: ${choices}`,
  'explain.ef.fault': (faultId: string, cite: string, on: string, from: string, fromCite: string, last: string) =>
    `${faultId} reported ${cite}, on ${on}; the window counts from ${from} (${fromCite}), last day ${last}`,
  'explain.ef.diagnosis': (cause: string | null | undefined) =>
    `latest diagnosis: ${cause ?? 'none (presumed covered)'}`,
  'explain.ef.owed': 'no choice made yet: still owed',
  'explain.rtl.rule': (basis: string, threshold: string, choices: string) =>
    `${basis}: a covered fault not resolved ${threshold} after its report: ${choices}`,
  'explain.rtl.mark': (faultId: string, reported: string, mark: string, minutes: number) =>
    `${faultId} reported ${reported}; the mark is ${mark} (report + ${minutes} min)`,
  'explain.rtl.notResolved': (resolved: string | undefined) =>
    `not resolved by the mark${resolved ? ` (resolved ${resolved})` : ''}`,
  'explain.rtl.resolved': (at: string) => `resolved ${at}`,
  'explain.rtl.owed': 'neither exchanged nor refunded yet: still owed',
  'explain.sl.rule': (policy: string, severity: string, measure: string, limit: number, fromArrival: boolean) =>
    `${policy}: ${severity} faults, ${measure} within ${limit} min of the ${fromArrival ? 'arrival' : 'report'}`,
  'explain.sl.from': (text: string) => `from: ${text}`,
  'explain.sl.to': (text: string) => `to: ${text}`,
  'explain.sl.breached': (actual: number, limit: number) => `${actual} whole minutes > ${limit}: breached`,
  'explain.sl.reported': (at: string, id: string) => `reported at ${at} (${id})`,
  'explain.sl.at': (measure: string, at: string, event: string | undefined) =>
    `${measure} at ${at}${event ? ` (${event})` : ''}`,
  'explain.sl.atResolution': (measure: string, at: string, event: string | undefined) =>
    `no ${measure} recorded: taken at the resolution ${at}${event ? ` (${event})` : ''}`,
  'explain.sl.missing': (measure: string, at: string) => `no ${measure} by the as-of moment ${at}: measured up to then`,
  'explain.dt.rule': (policy: string, threshold: string | undefined, effect: string, period: string | null) =>
    `${policy}: ${threshold ? `${threshold} out of service -> ${effect}` : 'no downtime rule'}; counted: covered faults reported within coverage, from ${period ?? 'the start'} (the current period)`,
  'explain.dt.effect.restart': 'restart',
  'explain.dt.effect.replace': 'replace',
  'explain.dt.outage': (faultId: string, from: string, to: string, minutes: number, cite: string) =>
    `${faultId}: out of service ${from} -> ${to} = ${minutes} min (${cite})`,
  'explain.dt.total': (minutes: number, at: string, restart: boolean) =>
    `total, overlaps counted once: ${minutes} min; fired at the restoration ${at}${restart ? ': every line with a term starts again that day' : ''}`,
  'explain.dt.counted': 'counted',
  'explain.dt.outside': 'not counted: reported outside coverage (fine print 2)',
  'explain.dt.excluded': (cause: string) => `not counted: excluded cause ${cause} (section 9)`,
  'explain.ignoredCause': (cause: string, diagnosisId: string | undefined, diagnosedAt: string | undefined) =>
    `; cause ${cause}${diagnosisId ? ` (${diagnosisId}, diagnosed ${diagnosedAt})` : ''}, section 9`,
  'story.sold': (
    serial: string,
    brand: string,
    model: string,
    customer: string,
    policy: string,
    price: string | undefined,
  ) =>
    `sold: serial ${serial}, ${brand} ${model}, customer ${customer}, policy ${policy}${price ? `, price ${price}` : ''}`,
  'story.delivered': 'delivered',
  'story.installed': 'installation completed',
  'story.accepted': 'acceptance signed',
  'story.fault': (faultId: string, problem: string, flags: readonly string[]) =>
    `fault ${faultId} reported: ${problem} (${flags.join(', ')})`,
  'story.outOfService': 'out of service',
  'story.inService': 'still in service',
  'story.atUnboxing': 'found at unboxing',
  'story.diagnosed': (faultId: string, cause: string) => `${faultId} diagnosed: cause ${cause}`,
  'story.responded': (faultId: string) => `${faultId}: service responded`,
  'story.arrived': (faultId: string) => `${faultId}: technician arrived`,
  'story.repaired': (faultId: string, outcome: string, parts: string | undefined, charged: string | undefined) =>
    `${faultId}: repair completed, outcome ${outcome}${parts ? `, parts replaced: ${parts}` : ''}${charged ? `, charged ${charged}` : ''}`,
  'story.restored': (faultId: string) => `${faultId}: service restored`,
  'story.loaner': (faultId: string) => `${faultId}: loaner provided`,
  'story.replaced': (serial: string, reason: string) => `unit replaced by serial ${serial} (reason ${reason})`,
  'story.returnRequested': (id: string, reason: string) => `return ${id} requested (reason ${reason})`,
  'story.returnInspected': (id: string, intact: boolean, humanDamage: boolean) =>
    `return ${id} inspected: ${intact ? 'intact' : 'not intact'}, ${humanDamage ? 'human damage' : 'no human damage'}`,
  'story.returnCompleted': (id: string, refund: string) => `return ${id} completed, refund ${refund}`,
  'story.returnRejected': (id: string, reason: string) => `return ${id} rejected: ${reason}`,
  'story.training': (free: boolean) => `training provided (${free ? 'free' : 'charged'})`,
  'story.maintenance': (kind: string) => `maintenance visit (${kind})`,
  'story.followUp': (faultId: string | undefined, satisfaction: number | undefined) =>
    `follow-up recorded${faultId ? ` for ${faultId}` : ''}${satisfaction === undefined ? '' : `, satisfaction ${satisfaction}/5`}`,
  'story.ownership': (customer: string) => `ownership transferred to ${customer}`,
  'story.extended': (months: number, line: string, reason: string) =>
    `warranty extended by ${months} months (${line} line; ${reason})`,
  'outcome.fixed': 'fixed',
  'outcome.failed': 'failed',
  'visit.periodic': 'periodic',
  'visit.inspection': 'inspection',
  'story.unitLine': 'unit',
  'change.status': (from: string | undefined, to: string) => `status ${from ? `${from} -> ` : ''}${to}`,
  'change.newLine': (component: string, span: string) => `coverage ${component}: ${span} (new line)`,
  'change.line': (component: string, from: string, to: string) => `coverage ${component}: ${from} -> ${to}`,
  'change.lineDropped': (component: string, was: string) => `coverage ${component}: line dropped (was ${was})`,
  'change.active': (component: string, active: boolean, end: string) =>
    `coverage ${component} ${active ? 'now active' : `no longer active (ended ${end})`}`,
  'change.failedRepairs': (problem: string, from: number, to: number, counts: string | undefined) =>
    `failed repairs ${problem}: ${from} -> ${to} (${counts === undefined ? 'reset' : `counts ${counts}`})`,
  'change.downtime': (from: number, to: number) =>
    `downtime ${from} -> ${to} min (${to > from ? '+' : ''}${to - from}${to < from ? ', period restarted' : ''})`,
  'change.downtimeOpen': (from: number, to: number) => `downtime ${from} -> ${to} min (an outage still open)`,
  'change.fulfilled': (tag: string) => `entitlement ${tag} fulfilled`,
  'change.withdrawn': (tag: string, withdrawn: boolean) =>
    `entitlement ${tag} ${withdrawn ? 'withdrawn: the cause is now excluded' : 'owed again: the cause is now covered'}`,
  'change.because': (rule: string, section: string, ids: string) => `${rule}, section ${section}: ${ids}`,
  'change.arises': (tag: string, status: string, why: string) => `entitlement ${tag} arises, ${status} (${why})`,
  'change.markPassed': 'a time mark passed',
  'change.anomaly': (rule: string, section: string, ids: string) => `anomaly ${rule} (section ${section}): ${ids}`,
  'change.breach': (faultId: string, measure: string, actual: number, limit: number) =>
    `SLA breach ${faultId} ${measure}: ${actual} min > limit ${limit} min (so far)`,
  'change.breachNow': (faultId: string, measure: string, actual: number, limit: number) =>
    `SLA breach ${faultId} ${measure}: ${actual} min > limit ${limit} min`,
  'change.breachGrows': (faultId: string, measure: string, from: number, to: number) =>
    `SLA breach ${faultId} ${measure}: ${from} -> ${to} min (still missing)`,
  'change.ignored': (rule: string, section: string, eventId: string, reason: string) =>
    `ignored by ${rule} (section ${section}): ${eventId}: ${reason}`,
  'change.serial': (from: string, to: string) => `serial ${from} -> ${to}`,
  'change.owner': (from: string, to: string) => `owner ${from} -> ${to}`,
};

/** The shape every catalogue has: the English one's keys, each a text or a function of the same values. */
export type Catalogue = { readonly [K in keyof typeof en]: (typeof en)[K] };
