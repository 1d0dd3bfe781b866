/**
 * The English message catalogue: every text a person reads, by key. The Chinese catalogue
 * (zh-CN.ts) has the type of this one, so a key missing there fails to compile (and a test checks
 * both at run time). A message with values is a function of them.
 */
export const en = {
  // — shared: labels used by several outputs —
  'lang.name': 'English',

  // — the timeline page (report) —

  // — the command line (state, fleet, care, diff, import) —

  // — explain and the evidence bundle's explanation —
};

/** The shape every catalogue has: the English one's keys, each a text or a function of the same values. */
export type Catalogue = { readonly [K in keyof typeof en]: (typeof en)[K] };
