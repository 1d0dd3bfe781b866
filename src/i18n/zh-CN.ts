/**
 * The Simplified Chinese message catalogue, with the rulebook's own words for its terms (包修,
 * 包换, 包退, 三包, 质保期, 故障, 维修, 停机, 备用机, …). Same keys and values as en.ts.
 */
import type { Catalogue } from './en.js';

export const zhCN: Catalogue = {
  // — shared: labels used by several outputs —
  'lang.name': '简体中文',
  /** Between the items of a list. */
  sep: '，',
  none: '无',
  lifetime: '终身',
  'status.pending': '未开始',
  'status.active': '质保期内',
  'status.expired': '已过质保期',
  'status.returned': '已退货',
  'entitlement.open': '待履行',
  'entitlement.fulfilled': '已履行',
  'kind.replacement': '包换',
  'kind.refund': '包退',
  'kind.loaner': '备用机',
  'kind.free-training': '免费培训',
  'kind.warranty-restart': '质保期重新计算',
  'remedy.repair': '包修',
  'remedy.replacement': '包换',
  'remedy.refund': '包退',
  'measure.response': '响应',
  'measure.arrival': '到场',
  'measure.resolution': '排除故障',
  'severity.general': '一般',
  'severity.serious': '严重',
  'severity.urgent': '紧急',
  ofComponent: (component: string) => `（部件 ${component}）`,
  dayIn: (day: string, zone: string) => `${day}（${zone}）`,
  minutes: (n: number) => `${n} 分钟`,
  duration: (minutes: number, days: number, hours: number, rest: number) =>
    `${minutes} 分钟（${days > 0 ? `${days} 天 ` : ''}${hours} 小时 ${rest} 分钟）`,
  policyVersion: (id: string, version: number) => `${id} 第 ${version} 版`,
  noSale: '无销售记录',
  serial: (s: string) => `序列号 ${s}`,

  // — the timeline page (report) —

  // — the command line (state, fleet, care, diff, import) —
  'state.coverage': '质保',
  'state.failedRepairs': '维修失败',
  'state.downtime': '停机',
  'state.entitlements': '应得权益',
  'state.breaches': '服务时限超时',
  'state.anomalies': '异常',
  'state.noUnits': '没有机器',
  'state.active': '有效',
  'state.inactive': '无效',
  'state.choices': (choices: string) => `，可选 ${choices}`,
  'state.because': (why: string) => `依据 ${why}`,
  'state.breach': (faultId: string, measure: string, actual: string, limit: string) =>
    `${faultId} ${measure}：${actual}，时限 ${limit}`,
  'state.growing': '仍在增加（截至时点该步骤尚未发生）',
  'state.asOf': (asOf: string) => `截至 ${asOf}`,
  'summary.unit': '机器',
  'summary.status': '状态',
  'summary.policy': '政策',
  'summary.coverageEnd': '质保期止',
  'summary.openEntitlements': '待履行权益',
  'summary.openBreaches': '仍在超时',
  'summary.openKinds': '待履行权益种类',
  'summary.timeZone': '时区',
  'care.head': (units: number, overdue: number, missing: number) =>
    `保养与回访：${units} 台机器；${overdue} 次保养逾期，${missing} 次回访缺失`,
  'care.attention': (n: number) => `；${n} 台需要处理（--all 显示全部机器）`,
  'care.coverage': (span: string) => `质保 ${span}`,
  'care.notStarted': '尚未开始',
  'care.maintenance': '保养',
  'care.followUp': '回访',
  'care.followUps': '回访',
  'care.noneRequired': '政策不要求',
  'care.nothingDue': (months: number) => `每 ${months} 个月一次：质保期内无到期保养`,
  'care.done': (on: string, id: string) => `已完成 ${on}（${id}）`,
  'care.lateVisit': (on: string, id: string, days: number) => `逾期：${on} 上门（${id}），晚 ${days} 天`,
  'care.overdue': (more: number | undefined) => `已逾期${more ? `；此后又错过 ${more} 次` : ''}`,
  'care.notYet': '未到期',
  'care.due': (due: string, what: string) => `应于 ${due}：${what}`,
  'care.late': (on: string, id: string) => `逾期：${on}（${id}）`,
  'care.missing': '缺失',
  'care.pending': '待回访',
  'care.item': (kind: string, eventId: string, fault: string, on: string, due: string, what: string) =>
    `${kind} ${eventId}${fault}，${on}，应于 ${due} 前回访：${what}`,
  'care.kind.repair': '维修',
  'care.kind.installation': '安装',
  'care.col.unit': '机器',
  'care.col.policy': '政策',
  'care.col.section': '类别',
  'care.col.event': '事件',
  'care.col.fault': '故障',
  'care.col.on': '日期',
  'care.col.due': '到期日',
  'care.col.status': '状态',
  'care.col.done': '完成日期',
  'care.col.doneBy': '完成事件',
  'care.status.done': '已完成',
  'care.status.late': '逾期完成',
  'care.status.overdue': '已逾期',
  'care.status.due': '未到期',
  'care.status.missing': '缺失',
  'care.status.pending': '待回访',
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
    `截至 ${asOf} 的机群：${units} 台机器，${events} 个事件，${failures} 次故障，${warnings} 条预警，${ending} 台即将过保，${open} 项待履行权益，${breaches} 次服务时限超时`,
  'fleet.failures': '按型号 / 部件 / 故障分类的故障（合计，每台在装机器；年；季度；最近 6 个月）',
  'fleet.failureLine': (
    group: string,
    total: number,
    units: number,
    rate: string,
    years: string,
    quarters: string,
    months: string,
  ) => `${group}：${total} 次（在装 ${units} 台，每台 ${rate} 次）；${years}；${quarters}；${months}`,
  'fleet.warnings': '按型号 / 部件 / 故障分类的预警（达到阈值的月份）',
  'fleet.warningLine': (group: string, months: string, threshold: string) => `${group}：${months}（${threshold}）`,
  'fleet.warningMonth': (month: string, failures: number, units: number) => `${month} ${units} 台 ${failures} 次故障`,
  'fleet.threshold': (comparison: 'at-least' | 'more-than', value: number) =>
    `每月${comparison === 'at-least' ? '至少' : '超过'} ${value} 次`,
  'fleet.ending': '即将过保的机器',
  'fleet.endingLine': (unitId: string, model: string, end: string, days: number) =>
    `${unitId}（${model}）：整机质保 ${end} 到期，还剩 ${days} 天`,
  'fleet.open': '待履行权益（已待天数）',
  'fleet.openLine': (unitId: string, what: string, rule: string, ids: string, since: string, age: number) =>
    `${unitId}：${what}，规则 ${rule}：${ids}；自 ${since} 起，已待 ${age} 天`,
  'fleet.breaches': '服务时限超时',
  'fleet.breachLine': (unitId: string, faultId: string, measure: string, actual: string, limit: string) =>
    `${unitId} ${faultId} ${measure}：${actual} > ${limit}`,
  'fleet.more': (n: number) => `……另有 ${n} 条（--json 列出全部）`,
  'fleet.col.section': '类别',
  'fleet.col.model': '型号',
  'fleet.col.component': '部件',
  'fleet.col.problem': '故障',
  'fleet.col.month': '月份',
  'fleet.col.failures': '故障次数',
  'fleet.col.units': '机器数',
  'fleet.col.installed': '在装机器数',
  'fleet.col.rate': '每台在装机器故障次数',
  'fleet.col.unit': '机器',
  'fleet.col.kind': '权益',
  'fleet.col.rule': '规则',
  'fleet.col.fault': '故障',
  'fleet.col.since': '起始',
  'fleet.col.ageDays': '已待天数',
  'fleet.col.end': '质保期止',
  'fleet.col.daysLeft': '剩余天数',
  'fleet.col.measure': '指标',
  'fleet.col.actual': '实际（分钟）',
  'fleet.col.limit': '时限（分钟）',
  'fleet.section.failures': '故障',
  'fleet.section.warning': '预警',
  'fleet.section.ending': '即将过保',
  'fleet.section.open': '待履行权益',
  'fleet.section.breach': '服务时限超时',
  'diff.head': (policies: string, rejudged: number, changed: number) =>
    `按 ${policies} 重新判定：${rejudged} 台机器，${changed} 台有变化`,
  'diff.noPolicy': '无政策',
  'diff.status': '状态',
  'diff.coverage': (component: string) => `质保 ${component}`,
  'diff.failedRepairs': '维修失败',
  'diff.downtime': '停机',
  'diff.entitlementGained': '+ 权益',
  'diff.entitlementLost': '- 权益',
  'diff.breachGained': '+ 服务时限超时',
  'diff.breachLost': '- 服务时限超时',
  'diff.anomalyGained': '+ 异常',
  'diff.anomalyLost': '- 异常',

  'import.done': (file: string, store: string, events: number, units: number, written: number, skipped: number) =>
    `已将 ${file} 导入 ${store}：读取 ${events} 个事件（${units} 台机器），写入 ${written} 个，跳过已存的 ${skipped} 个`,
  'evidence.noManifest': '没有 manifest.json',
  'evidence.verified': (dir: string, hash: string) =>
    `已验证 ${dir}（${hash}）：每个文件都与其 SHA-256 相符，清单没有遗漏文件，按政策快照重放事件得到相同的字节`,
  'evidence.notVerified': (dir: string, hash: string) => `未通过验证 ${dir}（${hash}）：`,
  'evidence.wrote': (dir: string, files: string) => `已写入 ${dir}：${files}`,
  'evidence.names': (hash: string, dir: string) =>
    `manifest.json SHA-256 ${hash}（也在 ${dir}/manifest.sha256 中）：这是标识此证据包的值`,

  'verify.sizes': (streams: number, events: number) => `${streams} 个事件流，${events} 个事件`,
  'verify.nothingSealed': (what: string, sizes: string, empty: boolean) =>
    `${what} 没有任何封印：${sizes}；${empty ? '没有可验证的内容' : '没有事件带封印，因此没有哈希链能证明它们（写于启用哈希之前，或封印被去掉）'}；加 --require-sealed 则视为失败`,
  'verify.verified': (what: string, sizes: string, sealed: number, unsealed: number) =>
    `已验证 ${what}：${sizes}，每条链完好；${sealed} 个已封印${unsealed > 0 ? `，${unsealed} 个未封印（写于启用哈希之前：只有其后有封印事件时才受保护）` : ''}`,
  'verify.broken': (what: string, broken: number, streams: number) =>
    `未通过验证 ${what}：${streams} 个事件流中 ${broken} 个断裂`,
  'verify.invalid': (what: string, n: number, store: string) =>
    `未通过验证 ${what}：${n} 个事件读取时被拒绝，列于下方（未作任何修改；\`warranty-ledger state --store ${store} --skip-invalid\` 可读取其余部分）`,

  // — explain and the evidence bundle's explanation —
  note: (reason: string) => noteInChinese(reason),
  'rule.sale': '一台机器只销售一次；第二次销售不计，以第一次为准',
  'rule.no-sale': '此机器没有 UnitSold 事件：没有可依据的政策',
  'rule.fault': '每个故障编号只报修一次，有关故障的每个事件都须指向之前已报修的故障',
  'rule.warranty-extension': '延保只延长有期限的质保；终身质保或没有质保的部件不延长',
  'rule.replace-only-line': '只包换的质保部件：保修范围内的故障以更换该部件解决，不以维修解决',
  'rule.part-coverage': '质保期内因保修范围内的故障更换的部件，单独享有质保',
  'rule.repeated-failure': '同一质量问题（范围为整机时：整机）维修失败达到阈值，在该质保允许时应按政策包换或包退',
  'rule.early-fault': '早期故障期内报修的保修范围内故障，可在该期限的补救方式中由消费者选择换货、退货或维修',
  'rule.repair-time-limit': '保修范围内的故障自报修起超过修理期限未排除，应按政策补救',
  'rule.replacement-without-entitlement': '不应换货（没有待履行的包换）且原因不是善意换货',
  'rule.downtime': '保修范围内停机超过阈值，恢复时质保期重新计算或应包换',
  'rule.return-window': '在退货期内申请退货且检验合格，应包退',
  'rule.cannot-operate': '客户不会操作：应提供一次免费培训；申请后第一次免费 TrainingProvided 即为履行',
  'rule.unboxing-defect': '无条件更换同型号机器',
  'rule.refund-outside-window': '退货期之后申请的退货却退了款：本不应退',
  'rule.refund-without-entitlement': '没有应退款项却退了款',
  'rule.returns': '每个退货编号只申请一次，且在检验或拒绝之前',
  'rule.returned': '退货完成即终止质保；此后只记录回访',
  'rule.charged-while-covered': '质保期内报修、原因在保修范围内：不应收费（规则第 10 节）',
  'rule.service-levels': '每个严重程度都有响应、到场和排除故障的时限',
  'rule.loaner': '保修范围内的故障停机超过阈值，应提供备用机',
  'rule.invalid-event': '读取时被拒绝的已存事件，不计入视图（state --store --skip-invalid）',
  'text.unit': (unitId: string, status: string) => `机器 ${unitId}：${status}`,
  'text.policy': (name: string, title: string | null, zone: string) =>
    `${name}${title ? `（${title}）` : ''}，时区 ${zone}`,
  'text.noPolicy': '无政策（无销售记录）',
  'text.endOfDay': (day: string, zone: string | undefined) => `${day}（${zone ? `${zone} ` : ''}当日结束时）`,
  'text.asOf': (asOf: string, knownAt: string | undefined) =>
    `截至 ${asOf}${knownAt ? `，以 ${knownAt} 时已记录的为准` : ''}`,
  'text.story': '经过（按业务时间排序；每个事件及其带来的变化）',
  'text.recordedAt': (at: string) => `记录于 ${at}`,
  'text.noChange': '（视图无变化）',
  'text.afterLast': '最后一个事件之后，截至时点之前',
  'text.coverage': '质保',
  'text.activeOn': '截至日有效',
  'text.notActiveOn': '截至日无效',
  'text.failedRepairs': '维修失败（规则第 6 节）',
  'text.downtime': (minutes: number, since: string | undefined) =>
    `停机（规则第 7 节）：本期 ${minutes} 分钟${since ? `（自 ${since} 起）` : ''}，重叠部分只计一次`,
  'text.stillOut': '（仍在停机）',
  'text.entitlements': '应得权益',
  'text.anomalies': '异常',
  'text.breaches': '服务时限超时（规则第 11 节）',
  'text.ignored': '已审查但不计入',
  'text.ignoredBy': (rule: string, section: string, reason: string) => `${rule}，规则手册${sec(section)}：${reason}`,
  'text.decidedAt': (eventId: string) => `判定于 ${eventId}`,
  'text.recordedThen': (at: string) => `发生于 ${at}，同时记录`,
  'text.recorded': (occurred: string, recorded: string) => `发生于 ${occurred}，记录于 ${recorded}`,
  'text.role': (role: string) => `，${role === 'recurrence' ? '复发' : role}`,
  'text.breach': (actual: number, limit: number, open: boolean) =>
    `${actual} 分钟，时限 ${limit} 分钟${open ? '（截至时点仍未完成）' : ''}`,
  'text.choices': (choices: readonly string[]) => `，可选：${choices.join('、')}`,
  'text.rule': (rule: string, section: string, basis: string | undefined) =>
    `规则 ${rule}，规则手册${sec(section)}${basis ? `；${basis}` : ''}`,
  'text.eventsBehind': '依据的事件：',
  'text.arose': (at: string) => `产生于 ${at}`,
  'explain.policy': (id: string, version: number) => `政策 ${id} 第 ${version} 版`,
  'explain.threshold': (atLeast: boolean, value: number, unit: string) =>
    `${atLeast ? '至少' : '超过'} ${value} ${unit}`,
  'explain.unit.failedRepairs': '次维修失败',
  'explain.unit.minutes': '分钟',
  'explain.months': (n: number) => `${n} 个月`,
  'explain.word.repair': '维修',
  'explain.word.replacement': '换货',
  'explain.word.refund': '退货',
  'explain.single': (kind: string) =>
    kind === 'replacement' ? '换货' : kind === 'refund' ? '退货' : kind === 'loaner' ? '备用机' : kind,
  'explain.choices': (words: readonly string[], last: string) => `${words.join('、')}或${last}，由消费者选择`,
  'explain.chosen': (cite: string) => `已由 ${cite} 履行：消费者的选择`,
  'explain.fulfilledBy': (cite: string) => `已由 ${cite} 履行`,
  'explain.causeAtMark': (cause: string | null | undefined, inCoverage: boolean) =>
    `到点时的故障原因：${cause ?? '未诊断（推定在保修范围内）'}；质保期内报修：${inCoverage ? '是' : '否'}`,
  'explain.rf.rule': (basis: string, threshold: string, of: string, choices: string | undefined) =>
    `${basis}：${of}${threshold}，只计质保期内报修、在保修范围内的故障${choices ? `：${choices}` : ''}`,
  'explain.rf.none': '没有维修失败规则',
  'explain.rf.ofProduct': '整机（任何故障）',
  'explain.rf.ofProblem': (problem: string | undefined) => `同一质量问题${problem ? `（${problem}）` : ''}`,
  'explain.rf.failed': '结果：维修失败',
  'explain.rf.recurred': (unitScope: boolean, cite: string) =>
    `结果为已修复，但${unitScope ? '整机' : '同一问题'}又由 ${cite} 报修，视为维修失败`,
  'explain.rf.outcome': (outcome: string) => `结果：${outcome}`,
  'explain.loaner.rule': (policy: string, threshold: string) =>
    `${policy}：保修范围内的故障停机${threshold}，应提供备用机`,
  'explain.loaner.mark': (faultId: string, reported: string, mark: string, minutes: number) =>
    `${faultId} 于 ${reported} 报修，已停机；到点时刻为 ${mark}（报修后 ${minutes} 分钟）`,
  'explain.loaner.stillOut': '到点时仍在停机',
  'explain.loaner.restored': (at: string) => `${at} 恢复，晚于到点时刻`,
  'explain.rol.rule': (policy: string, component: string) =>
    `${policy}：${component} 的质保只包换：其保修范围内的故障以更换 ${component} 解决，不以维修解决`,
  'explain.rol.fault': (faultId: string, report: string, repair: string, cause: string | null | undefined) =>
    `${faultId} 由 ${report} 报修，在质保期内；首次维修 ${repair} 时的原因：${cause ?? '未诊断（推定在保修范围内）'}`,
  'explain.rol.owed': (faultId: string, component: string) =>
    `${faultId} 的维修尚未更换 ${component}，整机也未更换：仍应包换`,
  'explain.rw.rule': (policy: string, days: number, noReason: boolean) =>
    `${policy}：交付（否则为销售）后 ${days} 天内可退货${noReason ? '，无需理由' : ''}`,
  'explain.rw.window': (opens: string, cite: string, last: string) =>
    `退货期自 ${opens}（${cite}）起；最后一天 ${last}`,
  'explain.rw.requested': (cite: string, reason: string) => `${cite} 申请退货，理由 ${reason}：在退货期内`,
  'explain.rw.inspected': (cite: string, intact: boolean) => `检验 ${cite} 合格（无人为损坏${intact ? '，完好' : ''}）`,
  'explain.rw.notInspected': '尚未检验',
  'explain.row.requested': (cite: string, window: string) => `${cite} 申请退货，已过${window}`,
  'explain.row.window': (days: number, from: string, last: string) =>
    ` ${days} 天退货期（自 ${from} 起，最后一天 ${last}）`,
  'explain.row.noWindow': '（无退货期）',
  'explain.row.completed': (cite: string) => `${cite} 完成退货并退款，但本不应退`,
  'explain.rwe.noRule': '（政策没有退货规则）',
  'explain.cwc': (cite: string, faultId: string | undefined, reason: string) =>
    `${cite} 就 ${faultId ?? '故障'} 向客户收费，${reason}`,
  'explain.unboxing': (faultId: string, reason: string) => `${faultId} 为开箱故障：${reason}`,
  'explain.cov.part': (rule: string, own: string, from: string, by: string) =>
    `部件质保（规则第 5 节，规则 ${rule}）：自 ${from} 起 ${own}，依据 ${by}`,
  'explain.cov.partFloor': (coveredBy: string, end: string) =>
    `不早于原先覆盖它的 ${coveredBy} 质保结束；最后保修日 ${end}`,
  'explain.cov.start': (cite: string, offsetDays: number, day: string) =>
    `起算（规则第 3 节）：${cite} + ${offsetDays} 天 = ${day}`,
  'explain.cov.restarted': (on: string, by: string, start: string) =>
    `${on} 由 ${by} 重新起算；质保从两者中较晚者开始：${start}`,
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
    `质保期 ${months} 个月${extMonths ? ` + 由 ${extBy} 延保 ${extMonths} 个月` : ''}，自 ${from} 起：保修至 ${start} + ${months + extMonths} 个月${sameDay ? '当日（含）' : '的前一天'}，最后保修日 ${end}${downtimeDays === undefined ? '' : `（另加本期已结束停机 ${downtimeDays} 天）`}`,
  'explain.cov.lifetime': '终身质保：无结束日',
  'explain.from.sale': '销售',
  'explain.from.delivery': '交付',
  'explain.ef.rule': (basis: string, days: number, from: string, choices: string) =>
    `${basis}：${from}后 ${days} 天内出现故障：${choices}`,
  'explain.ef.fault': (faultId: string, cite: string, on: string, from: string, fromCite: string, last: string) =>
    `${faultId} 由 ${cite} 报修，日期 ${on}；期限自 ${from}（${fromCite}）起算，最后一天 ${last}`,
  'explain.ef.diagnosis': (cause: string | null | undefined) => `最近一次诊断：${cause ?? '无（推定在保修范围内）'}`,
  'explain.ef.owed': '消费者尚未选择：仍应履行',
  'explain.rtl.rule': (basis: string, threshold: string, choices: string) =>
    `${basis}：保修范围内的故障自报修起${threshold}未排除：${choices}`,
  'explain.rtl.mark': (faultId: string, reported: string, mark: string, minutes: number) =>
    `${faultId} 于 ${reported} 报修；到点时刻为 ${mark}（报修后 ${minutes} 分钟）`,
  'explain.rtl.notResolved': (resolved: string | undefined) => `到点时未排除${resolved ? `（${resolved} 排除）` : ''}`,
  'explain.rtl.resolved': (at: string) => `${at} 排除`,
  'explain.rtl.owed': '尚未换货或退货：仍应履行',
  'explain.sl.rule': (policy: string, severity: string, measure: string, limit: number, fromArrival: boolean) =>
    `${policy}：${severity}故障，${fromArrival ? '到场' : '报修'}后 ${limit} 分钟内${measure}`,
  'explain.sl.from': (text: string) => `起：${text}`,
  'explain.sl.to': (text: string) => `止：${text}`,
  'explain.sl.breached': (actual: number, limit: number) => `${actual} 整分钟 > ${limit}：超时`,
  'explain.sl.reported': (at: string, id: string) => `${at} 报修（${id}）`,
  'explain.sl.at': (measure: string, at: string, event: string | undefined) =>
    `${at} ${measure}${event ? `（${event}）` : ''}`,
  'explain.sl.atResolution': (measure: string, at: string, event: string | undefined) =>
    `未记录${measure}：按 ${at} 排除故障计${event ? `（${event}）` : ''}`,
  'explain.sl.missing': (measure: string, at: string) => `截至时点 ${at} 仍未${measure}：计至该时点`,
  'explain.dt.rule': (policy: string, threshold: string | undefined, effect: string, period: string | null) =>
    `${policy}：${threshold ? `停机${threshold} -> ${effect}` : '没有停机规则'}；计入：质保期内报修、在保修范围内的故障，自${period ?? '开始'}起（本期）`,
  'explain.dt.effect.restart': '质保期重新计算',
  'explain.dt.effect.replace': '包换',
  'explain.dt.outage': (faultId: string, from: string, to: string, minutes: number, cite: string) =>
    `${faultId}：停机 ${from} -> ${to} = ${minutes} 分钟（${cite}）`,
  'explain.dt.total': (minutes: number, at: string, restart: boolean) =>
    `合计（重叠只计一次）：${minutes} 分钟；于 ${at} 恢复时触发${restart ? '：有期限的质保当日重新起算' : ''}`,
  'explain.dt.counted': '计入',
  'explain.dt.outside': '不计入：质保期外报修（细则 2）',
  'explain.dt.excluded': (cause: string) => `不计入：原因 ${cause} 不在保修范围内（规则第 9 节）`,
  'explain.ignoredCause': (cause: string, diagnosisId: string | undefined, diagnosedAt: string | undefined) =>
    `；原因 ${cause}${diagnosisId ? `（${diagnosisId}，${diagnosedAt} 诊断）` : ''}，规则第 9 节`,
  'story.sold': (
    serial: string,
    brand: string,
    model: string,
    customer: string,
    policy: string,
    price: string | undefined,
  ) => `销售：序列号 ${serial}，${brand} ${model}，客户 ${customer}，政策 ${policy}${price ? `，价格 ${price}` : ''}`,
  'story.delivered': '已交付',
  'story.installed': '安装完成',
  'story.accepted': '验收签字',
  'story.fault': (faultId: string, problem: string, flags: readonly string[]) =>
    `报修故障 ${faultId}：${problem}（${flags.join('，')}）`,
  'story.outOfService': '停机',
  'story.inService': '仍可使用',
  'story.atUnboxing': '开箱发现',
  'story.diagnosed': (faultId: string, cause: string) => `${faultId} 诊断：原因 ${cause}`,
  'story.responded': (faultId: string) => `${faultId}：服务已响应`,
  'story.arrived': (faultId: string) => `${faultId}：技术人员到场`,
  'story.repaired': (faultId: string, outcome: string, parts: string | undefined, charged: string | undefined) =>
    `${faultId}：维修完成，结果 ${outcome}${parts ? `，更换部件：${parts}` : ''}${charged ? `，收费 ${charged}` : ''}`,
  'story.restored': (faultId: string) => `${faultId}：恢复使用`,
  'story.loaner': (faultId: string) => `${faultId}：已提供备用机`,
  'story.replaced': (serial: string, reason: string) => `整机更换为序列号 ${serial}（原因 ${reason}）`,
  'story.returnRequested': (id: string, reason: string) => `申请退货 ${id}（理由 ${reason}）`,
  'story.returnInspected': (id: string, intact: boolean, humanDamage: boolean) =>
    `退货 ${id} 检验：${intact ? '完好' : '不完好'}，${humanDamage ? '有人为损坏' : '无人为损坏'}`,
  'story.returnCompleted': (id: string, refund: string) => `退货 ${id} 完成，退款 ${refund}`,
  'story.returnRejected': (id: string, reason: string) => `退货 ${id} 被拒：${reason}`,
  'story.training': (free: boolean) => `已提供培训（${free ? '免费' : '收费'}）`,
  'story.maintenance': (kind: string) => `保养上门（${kind}）`,
  'story.followUp': (faultId: string | undefined, satisfaction: number | undefined) =>
    `已回访${faultId ? `（${faultId}）` : ''}${satisfaction === undefined ? '' : `，满意度 ${satisfaction}/5`}`,
  'story.ownership': (customer: string) => `所有权转给 ${customer}`,
  'story.extended': (months: number, line: string, reason: string) => `延保 ${months} 个月（${line} 质保；${reason}）`,
  'outcome.fixed': '已修复',
  'outcome.failed': '未修复',
  'visit.periodic': '定期保养',
  'visit.inspection': '巡检',
  'story.unitLine': '整机',
  'change.status': (from: string | undefined, to: string) => `状态 ${from ? `${from} -> ` : ''}${to}`,
  'change.newLine': (component: string, span: string) => `质保 ${component}：${span}（新增）`,
  'change.line': (component: string, from: string, to: string) => `质保 ${component}：${from} -> ${to}`,
  'change.lineDropped': (component: string, was: string) => `质保 ${component}：取消（原为 ${was}）`,
  'change.active': (component: string, active: boolean, end: string) =>
    `质保 ${component} ${active ? '现已生效' : `不再有效（${end} 到期）`}`,
  'change.failedRepairs': (problem: string, from: number, to: number, counts: string | undefined) =>
    `维修失败 ${problem}：${from} -> ${to}（${counts === undefined ? '清零' : `计入 ${counts}`}）`,
  'change.downtime': (from: number, to: number) =>
    `停机 ${from} -> ${to} 分钟（${to > from ? '+' : ''}${to - from}${to < from ? '，重新计期' : ''}）`,
  'change.downtimeOpen': (from: number, to: number) => `停机 ${from} -> ${to} 分钟（仍有停机未恢复）`,
  'change.fulfilled': (tag: string) => `权益 ${tag} 已履行`,
  'change.withdrawn': (tag: string, withdrawn: boolean) =>
    `权益 ${tag} ${withdrawn ? '撤销：原因现不在保修范围内' : '恢复应得：原因现在保修范围内'}`,
  'change.because': (rule: string, section: string, ids: string) => `${rule}，规则手册${sec(section)}：${ids}`,
  'change.arises': (tag: string, status: string, why: string) => `产生权益 ${tag}，${status}（${why}）`,
  'change.markPassed': '已过时限',
  'change.anomaly': (rule: string, section: string, ids: string) => `异常 ${rule}（规则手册${sec(section)}）：${ids}`,
  'change.breach': (faultId: string, measure: string, actual: number, limit: number) =>
    `服务时限超时 ${faultId} ${measure}：${actual} 分钟 > 时限 ${limit} 分钟（目前）`,
  'change.breachNow': (faultId: string, measure: string, actual: number, limit: number) =>
    `服务时限超时 ${faultId} ${measure}：${actual} 分钟 > 时限 ${limit} 分钟`,
  'change.breachGrows': (faultId: string, measure: string, from: number, to: number) =>
    `服务时限超时 ${faultId} ${measure}：${from} -> ${to} 分钟（仍未完成）`,
  'change.ignored': (rule: string, section: string, eventId: string, reason: string) =>
    `${rule}（规则手册${sec(section)}）不计：${eventId}：${reason}`,
  'change.serial': (from: string, to: string) => `序列号 ${from} -> ${to}`,
  'change.owner': (from: string, to: string) => `所有人 ${from} -> ${to}`,
};

/** The rules' notes (written in English into the state) in Chinese, phrase by phrase; anything unknown as it is. */
const NOTE_PHRASES: readonly [RegExp, string][] = [
  [/^no loaner for (\S+): /, '$1 无备用机：'],
  [/^no part line: the policy gives replaced parts no line of their own$/, '无部件质保：政策不给更换的部件单独质保'],
  [/^no part line: fault (\S+) /, '无部件质保：故障 $1 '],
  [/^not counted: the recurrence (\S+) /, '不计入：复发故障 $1 '],
  [/^not counted: (\S+) /, '不计入：$1 '],
  [/^no exchange owed: (\S+) /, '无需包换：$1 '],
  [/^no early-fault remedy: (\S+) /, '无早期故障补救：$1 '],
  [/^(\S+) not counted for downtime: /, '$1 不计入停机：'],
  [/^fault (\S+) was already reported; this report is ignored$/, '故障 $1 已报修过；本次报修不计'],
  [/^no fault (\S+) was reported before this (\S+); ignored$/, '此 $2 之前没有报修故障 $1；不计'],
  [/^no request (\S+) before this inspection$/, '此次检验之前没有退货申请 $1'],
  [/^no refund: the policy has no returns rule \(fine print 7\)$/, '不退款：政策没有退货规则（细则 7）'],
  [/^no free training: the policy has no returns rule \(fine print 7\)$/, '无免费培训：政策没有退货规则（细则 7）'],
  [/^one free training only; it is already owed or given$/, '免费培训只有一次；已应得或已提供'],
  [/^no refund: requested after the (\d+)-day window$/, '不退款：在 $1 天退货期之后申请'],
  [/^no refund: human damage bars a return \(rulebook 8\)$/, '不退款：人为损坏不予退货（规则第 8 节）'],
  [/^no refund: a return without a defect needs intact goods$/, '不退款：无质量问题的退货须商品完好'],
  [/^no refund: the policy takes no no-reason returns$/, '不退款：政策不接受无理由退货'],
  [/^a second sale; the first \((\S+)\) stands$/, '第二次销售；以第一次（$1）为准'],
  [/^not applied: the (\S+) line is lifetime$/, '未生效：$1 为终身质保'],
  [/^not applied: no coverage line for component (\S+)$/, '未生效：部件 $1 没有质保'],
  [/excluded cause at the (\d+)-minute mark \(rulebook 9\)$/, '第 $1 分钟时原因不在保修范围内（规则第 9 节）'],
  [/excluded cause at restoration \(rulebook 9\)$/, '恢复时原因不在保修范围内（规则第 9 节）'],
  [/has an excluded cause at its first repair \(rulebook 9\)$/, '首次维修时原因不在保修范围内（规则第 9 节）'],
  [/has an excluded cause at its resolution \(rulebook 5, 9\)$/, '排除故障时原因不在保修范围内（规则第 5、9 节）'],
  [/has an excluded cause \(rulebook 5, 9\)$/, '原因不在保修范围内（规则第 5、9 节）'],
  [/has an excluded cause \(rulebook 9\)$/, '原因不在保修范围内（规则第 9 节）'],
  [/(?:was )?reported outside coverage \(fine print 2\)$/, '质保期外报修（细则 2）'],
  [/was reported outside coverage$/, '质保期外报修'],
];

/** A rulebook section as the registry writes it (`4, fine print 21`) in Chinese: `第 4 节、细则 21`. */
function sec(section: string): string {
  return section
    .split(', ')
    .map((part) => (part.startsWith('fine print ') ? `细则 ${part.slice(11)}` : `第 ${part} 节`))
    .join('、');
}

function noteInChinese(reason: string): string {
  let text = reason;
  for (const [pattern, chinese] of NOTE_PHRASES) text = text.replace(pattern, chinese);
  return text;
}
