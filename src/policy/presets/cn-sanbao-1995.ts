/**
 * `cn-sanbao-1995` (rulebook 16): what China's 三包 rules for household appliances owe the buyer,
 * beside the seller's own terms. 部分商品修理更换退货责任规定 (国经贸〔1995〕458号), for
 * refrigerators, washing machines and household air conditioners.
 */
import type { PolicyInput } from '../schema.js';
import { PARTS_AT_COST_AFTER_COVERAGE, STANDARD_EXCLUSIONS } from './common.js';

const none = {};

export const cnSanbao1995: PolicyInput = {
  id: 'cn-sanbao-1995',
  version: 1,
  title:
    '三包：部分商品修理更换退货责任规定（1995），家用电冰箱、洗衣机、家用空调器 / China 三包 for household appliances (1995): refrigerators, washing machines, household air conditioners',
  // Dates as the invoice gives them: in China's time zone.
  timeZone: 'Asia/Shanghai',
  // Art 8: "三包有效期自开具发票之日起计算": from the sale (the invoice), offset 0.
  start: [{ event: 'UnitSold', offsetDays: 0 }],
  // 民法典 Art 201–203: the first day is not counted, so a year from 1 March ends on 1 March.
  periodEnd: 'same-day',
  coverage: [
    // Catalogue: the whole product 1 year, with repair, exchange (Art 10, 11) and refund (Art 9, 11, 13).
    { component: 'unit', months: 12, remedies: ['repair', 'replacement', 'refund'] },
    // Catalogue: the main part (压缩机, the compressor) 3 years, repaired free (Art 15).
    { component: 'compressor', months: 36, remedies: ['repair'] },
  ],
  // The statute gives a repaired part no term of its own.
  partRule: { kind: 'none' },
  // Art 11: "修理两次，仍不能正常使用的产品…调换…或者…退货": two repairs of the product, exchange or refund.
  repeatedFailure: {
    threshold: { value: 2, comparison: 'at-least' },
    remedy: 'replacement-or-refund',
    scope: 'unit',
    basis: '三包 Art 11',
  },
  earlyFault: [
    // Art 9: a performance fault within 7 days of the sale: refund, exchange or repair, the buyer's choice.
    { days: 7, from: 'sale', remedies: ['refund', 'replacement', 'repair'], basis: '三包 Art 9' },
    // Art 10: within 15 days of the sale: exchange or repair, the buyer's choice.
    { days: 15, from: 'sale', remedies: ['replacement', 'repair'], basis: '三包 Art 10' },
  ],
  // Art 12: not repaired within 90 days (129,600 minutes) of being sent for repair: an exchange
  // (Art 13: or a refund, when the buyer will not take one).
  repairTimeLimit: {
    threshold: { value: 129_600, comparison: 'more-than' },
    remedy: 'replacement-or-refund',
    basis: '三包 Art 12',
  },
  downtime: null,
  // Art 8: "扣除因修理占用和无零配件待修的时间": time under repair is not counted in the term.
  extendByDowntime: true,
  // Art 14: "换货后的三包有效期自换货之日起重新计算": the term starts again at an exchange.
  replacement: 'restart',
  returns: null,
  unboxingDefect: null,
  // Art 15: free repair except when the consumer's use or keeping caused the fault.
  exclusions: STANDARD_EXCLUSIONS,
  // Art 15: repair within the term is free (parts and labour); the statute sets no price after it.
  charges: PARTS_AT_COST_AFTER_COVERAGE,
  serviceLevels: { general: none, serious: none, urgent: none },
  loaner: null,
};
