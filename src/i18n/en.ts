/**
 * The English message catalogue: every text a person reads, by key. The Chinese catalogue
 * (zh-CN.ts) has the type of this one, so a key missing there fails to compile (and a test checks
 * both at run time). A message with values is a function of them.
 */
export const en = {
  // — shared: labels used by several outputs —
  'lang.name': 'English',

  // — the timeline page (report) —
  'page.comma': ', ',
  'page.semi': '; ',
  'page.stop': '. ',
  'page.movedBy': (id: string) => `until ${id} moved it`,
  'page.title': (unit: string) => `Timeline of ${unit}`,
  'page.heading': (unit: string, status: string) => `Timeline of ${unit}: ${status}`,
  'page.serial': 'serial',
  'page.brand': 'brand',
  'page.model': 'model',
  'page.customer': 'customer',
  'page.policy': 'policy',
  'page.policyValue': (id: string, version: number, zone: string) => `${id} v${version}, time zone ${zone}`,
  'page.asOf': 'as of',
  'page.knownAt': 'known at',
  'page.knownAtNone': 'everything recorded',
  'page.status': 'status',
  'page.downtime': 'downtime in the current period',
  'page.minutes': (min: number) =>
    min >= 60 ? `${min} min (${Math.floor(min / 1440)} d ${Math.floor((min % 1440) / 60)} h)` : `${min} min`,
  'page.status.pending': 'pending (coverage not started)',
  'page.status.active': 'active',
  'page.status.expired': 'expired',
  'page.status.returned': 'returned',
  'page.none': 'none',
  'page.timesIn': (zone: string) =>
    `Every time is shown in the policy's time zone, ${zone}, with its offset; every date is a calendar date there.`,
  'page.dateIn': (day: string, zone: string) => `${day} (${zone})`,
  'page.endOfDay': (day: string, zone: string) => `${day}, end of day (${zone})`,
  'page.columns': 'Columns',
  'page.col.line': (n: number, component: string) => `${n}: coverage of ${component}`,
  'page.col.window': 'R: return window',
  'page.col.outage': 'D: out of service (dark: counted for downtime)',
  'page.legend': 'Marks on the axis',
  'page.legend.setup': 'sale, delivery, installation, acceptance',
  'page.legend.fault': 'fault reported',
  'page.legend.repair': 'repair (hollow red: failed)',
  'page.legend.return': 'return',
  'page.legend.other': 'other event',
  'page.legend.flag': 'entitlement, anomaly or breach',
  'page.chart': (unit: string) => `timeline of ${unit}`,
  'page.asOfEntry': (when: string) => `as of ${when}`,
  'page.gap': (days: number) => `axis break: ${days} days without events up to the as-of moment`,
  'page.coverageStart': (component: string, day: string) => `coverage of ${component} starts ${day}`,
  'page.startEvent.UnitSold': 'UnitSold',
  'page.startEvent.UnitDelivered': 'UnitDelivered',
  'page.startEvent.InstallationCompleted': 'InstallationCompleted',
  'page.startEvent.AcceptanceSigned': 'AcceptanceSigned',
  'page.chosenStart': (event: string, id: string, offset: number) =>
    `chosen start: ${event} ${id}${offset ? ` + ${offset} day(s)` : ''}`,
  'page.coverageEnd': (component: string, day: string) => `coverage of ${component} ends ${day} (last covered day)`,
  'page.coverageLifetime': (component: string) => `coverage of ${component} has no end (lifetime)`,
  'page.beyondAxis': 'beyond the axis',
  'page.returnWindow': (days: number, from: string, last: string) =>
    `return window of ${days} days from ${from} ends: ${last} is its last day`,
  'page.severity.general': 'general',
  'page.severity.serious': 'serious',
  'page.severity.urgent': 'urgent',
  'page.outOfService': 'out of service',
  'page.ev.UnitSold': (serial: string, brand: string, model: string, customer: string) =>
    `sold: serial ${serial}, ${brand} ${model}, to ${customer}`,
  'page.ev.UnitDelivered': 'delivered',
  'page.ev.InstallationCompleted': 'installation completed',
  'page.ev.AcceptanceSigned': 'acceptance signed',
  'page.ev.FaultReported': (fault: string, component: string, problem: string, severity: string) =>
    `fault ${fault} reported: ${component} / ${problem}, ${severity}`,
  'page.ev.FaultDiagnosed': (fault: string, cause: string) => `fault ${fault} diagnosed: cause ${cause}`,
  'page.ev.ServiceResponded': (fault: string) => `service responded to ${fault}`,
  'page.ev.TechnicianArrived': (fault: string) => `technician arrived for ${fault}`,
  'page.ev.RepairCompleted': (fault: string, outcome: string) => `repair of ${fault}: ${outcome}`,
  'page.repair.fixed': 'fixed',
  'page.repair.failed': 'failed',
  'page.repairFailure': (count: number, threshold: string, recurrence: string | null) =>
    `FAILED${recurrence ? ` (the recurrence ${recurrence} failed it)` : ''}: failed repair ${count}${threshold ? ` (threshold ${threshold})` : ''}`,
  'page.threshold': (value: number, comparison: string) => (comparison === 'more-than' ? `> ${value}` : `≥ ${value}`),
  'page.ev.ServiceRestored': (fault: string) => `service restored after ${fault}`,
  'page.ev.LoanerProvided': (fault: string) => `loaner provided for ${fault}`,
  'page.ev.UnitReplaced': (serial: string, reason: string) => `unit replaced: new serial ${serial} (${reason})`,
  'page.ev.ReturnRequested': (id: string, reason: string) => `return ${id} requested: ${reason}`,
  'page.ev.ReturnInspected': (id: string, intact: boolean, damage: boolean) =>
    `return ${id} inspected: ${intact ? 'intact' : 'not intact'}, ${damage ? 'human damage' : 'no human damage'}`,
  'page.ev.ReturnCompleted': (id: string, refund: string) => `return ${id} completed: refund ${refund}`,
  'page.ev.ReturnRejected': (id: string, reason: string) => `return ${id} rejected: ${reason}`,
  'page.ev.TrainingProvided': (free: boolean) => `training provided${free ? ' (free)' : ''}`,
  'page.ev.MaintenanceVisited': (kind: string) => `maintenance visit (${kind})`,
  'page.ev.FollowUpRecorded': (fault: string | null, satisfaction: number | null) =>
    `follow-up${fault ? ` of ${fault}` : ''}${satisfaction !== null ? `, satisfaction ${satisfaction}/5` : ''}`,
  'page.ev.OwnershipTransferred': (customer: string) => `ownership transferred to ${customer}`,
  'page.ev.WarrantyExtended': (months: number, component: string | null, reason: string) =>
    `warranty${component ? ` of ${component}` : ''} extended by ${months} months: ${reason}`,
  'page.statusAfter': (status: string) => `status now: ${status}`,
  'page.returnReason.no-reason': 'no reason',
  'page.returnReason.unusable': 'unusable',
  'page.returnReason.cannot-operate': 'cannot operate it',
  'page.kind.replacement': 'replacement',
  'page.kind.refund': 'refund',
  'page.kind.loaner': 'loaner',
  'page.kind.free-training': 'free training',
  'page.kind.warranty-restart': 'warranty restart',
  'page.choice.repair': 'repair',
  'page.choice.replacement': 'replacement',
  'page.choice.refund': 'refund',
  'page.fstatus.open': 'open',
  'page.fstatus.fulfilled': 'fulfilled',
  'page.entitlement': (kind: string, component: string | null, fault: string | null, status: string) =>
    `owed: ${kind}${component ? ` of the ${component}` : ''}${fault ? ` for ${fault}` : ''}: ${status}`,
  'page.choices': (list: string) => `the buyer chooses: ${list}`,
  'page.because': (rule: string, section: string, basis: string | null, events: string) =>
    `rule ${rule}, rulebook ${section}${basis ? `, ${basis}` : ''}; events ${events}`,
  'page.fulfilledBy': (id: string) => `fulfilled by ${id}`,
  'page.anomaly': (rule: string, section: string, events: string) => `anomaly ${rule} (rulebook ${section}): ${events}`,
  'page.measure.response': 'response',
  'page.measure.arrival': 'arrival',
  'page.measure.resolution': 'resolution',
  'page.breach': (fault: string, measure: string, actual: string, limit: string, open: boolean) =>
    `${fault} ${measure} time breached: ${actual} > limit ${limit}${open ? ' (still growing)' : ''}`,
  'page.hidden.heading': 'Recorded after the known-at moment (hidden)',
  'page.hidden.intro': (knownAt: string, count: number) =>
    `${count} event(s) had occurred by the as-of moment but were recorded after ${knownAt}; the page leaves them out.`,
  'page.th.event': 'event',
  'page.th.type': 'type',
  'page.th.occurred': 'occurred',
  'page.th.recorded': 'recorded',
  'page.coverage.heading': 'Coverage lines',
  'page.th.component': 'component',
  'page.th.start': 'start',
  'page.th.end': 'end (last covered day)',
  'page.th.active': 'active on the as-of date',
  'page.superseded.heading': 'Coverage before it moved',
  'page.th.movedBy': 'moved by',
  'page.th.on': 'on',
  'page.lifetime': 'lifetime',
  'page.yes': 'yes',
  'page.no': 'no',
  'page.findings.heading': 'Entitlements, anomalies and breaches',
  'page.th.when': 'when',
  'page.th.what': 'what',
  'page.th.why': 'why',
  'page.findings.none': 'None at the as-of moment.',

  // — the command line (state, fleet, care, diff, import) —

  // — explain and the evidence bundle's explanation —
};

/** The shape every catalogue has: the English one's keys, each a text or a function of the same values. */
export type Catalogue = { readonly [K in keyof typeof en]: (typeof en)[K] };
