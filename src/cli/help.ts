/** The help texts: `warranty-ledger --help`, `help COMMAND` and `COMMAND --help`. */

const HISTORY = [
  '  FILE.jsonl            the history: an events file (JSONL, one event a line)',
  '  --store SPEC          or read it from a store: file:PATH, postgres://USER:PASSWORD@HOST/DB[?schema=NAME], esdb://HOST:PORT?tls=false,',
  '                        kurrentdb://HOST:PORT?tls=false, esdb+discover://HOST:PORT',
  '  --no-verify           read a store without checking its hash chains first (said on stderr)',
  "  --as-of DATE|TS       judge at this moment: a date is the end of that day in the policy's time zone (default: now)",
  '  --known-at TS         keep only the events recorded by then',
  '  --policy FILE.json    add or override policies (by id and version); may be repeated',
  '  --lang en|zh-CN       the language of text output (default: from LC_ALL, LC_MESSAGES, LANG); JSON never changes',
];
const JSON_FLAG = '  --json                print JSON instead of text';
const CSV_FLAGS = [
  '  --format text|json|csv  text (default), JSON (as --json) or CSV (RFC 4180, a header row, UTF-8, CRLF)',
  '  --bom                 with --format csv: a byte order mark first, for spreadsheet programs',
];

/** What each command does, and its flags, after its usage line. */
const DETAILS: Record<string, string[]> = {
  state: [
    "Every unit's view: status, coverage lines, failed repairs, downtime, entitlements, breaches, anomalies.",
    '',
    '  --unit ID             one unit',
    '  --summary             one line per unit: status, coverage end, open entitlements, breaches still growing',
    ...HISTORY,
    `${JSON_FLAG} (exactly the contract's {"units": {...}})`,
    ...CSV_FLAGS.map((l) => (l.includes('--format') ? `${l}; CSV with --summary` : l)),
  ],
  explain: [
    "One unit's story event by event, then every entitlement, anomaly and breach with its rule, rulebook section and events.",
    '',
    '  --unit ID             the unit to explain (required)',
    ...HISTORY,
    JSON_FLAG,
  ],
  diff: [
    'Re-judges the history with every unit whose sale names a policy id in NEW.json under that new version; lists what changes. Writes nothing.',
    '',
    '  --policy NEW.json     the new policy version(s) (required; may be repeated)',
    '  --current FILE.json   policies the history is judged under today, beyond the presets; may be repeated',
    ...HISTORY.filter((l) => !l.includes('--policy') && !l.includes('--store')),
    JSON_FLAG,
  ],
  care: [
    'Maintenance visits and follow-ups due, done, late or missing (rulebook 12). Without --all or --unit, only units that need attention.',
    '',
    '  --unit ID             one unit',
    '  --all                 every unit',
    ...HISTORY,
    JSON_FLAG,
    ...CSV_FLAGS,
  ],
  fleet: [
    'The fleet at a glance (rulebook 13): failures by model, component and problem, early warnings, coverage ending, open entitlements, breaches.',
    '',
    ...HISTORY,
    '  --warn-at N           early warning at N or more failures of one model/component/problem in a month',
    '  --ending-within DAYS  units whose coverage ends within DAYS',
    '  --limit N             lines per section in the text (default 20)',
    JSON_FLAG,
    ...CSV_FLAGS,
  ],
  evidence: [
    "Writes one unit's dispute bundle: events.jsonl, policy.json, view.json, explanation.txt, explanation.json, manifest.json",
    "(each file's SHA-256) and manifest.sha256 (the manifest's own SHA-256, the value to quote). Or checks a bundle.",
    '',
    '  --unit ID             the unit (required)',
    '  --out DIR             a new or empty folder (its parent must exist)',
    '  --force               replace the bundle already in DIR (a folder holding anything else is still refused)',
    ...HISTORY.map((l) =>
      l.includes('--as-of')
        ? "  --as-of DATE|TS       judge at this moment (default: the unit's last event, so the same file gives the same bundle)"
        : l,
    ),
    '  --sign-key KEY.pem    sign manifest.json with this Ed25519 private key (PKCS #8 PEM): writes manifest.sig',
    "  --verify DIR          check a bundle: every file against the manifest, no file left out of it, the events' hash chain,",
    "                        a preset's name only on that preset's terms, and a replay byte for byte",
    '  --verify-key PUB.pem  with --verify: the manifest must be signed with the key whose public half this is (SPKI PEM)',
  ],
  report: [
    "Writes one unit's timeline as a self-contained HTML page.",
    '',
    '  --unit ID             the unit (required)',
    '  --out PAGE.html       the page to write (its folder must exist)',
    ...HISTORY,
  ],
  import: [
    'Loads an events file into a store: validated whole first; events already stored are skipped.',
    '',
    '  FILE.jsonl            the events file',
    '  --store SPEC          file:PATH, postgres://USER:PASSWORD@HOST:PORT/DB[?schema=NAME] or esdb://HOST:PORT?tls=false (required)',
    '  --policy FILE.json    policies the sales may name, beyond the presets; may be repeated',
    '  --lang en|zh-CN       the language of the closing line (default: from LC_ALL, LC_MESSAGES, LANG)',
  ],
  policy: [
    'The preset policies: `list` names them; `show ID` prints one as JSON, valid input for --policy, to start a policy of your own from.',
    '',
    '  --version N           with show: that version (default: the latest)',
  ],
  migrate: [
    "Brings a PostgreSQL store's schema to this version's tables (the store also does it on first use).",
    '',
    '  --store SPEC          postgres://USER:PASSWORD@HOST:PORT/DB, with ?schema=NAME for a schema other than warranty_ledger',
  ],
  verify: [
    "Checks every unit's hash chain and names the first event that breaks each one. Exit 0 when every chain holds, 1 when one breaks.",
    'A history with no sealed event has no chain to check, and is said to be so.',
    '',
    '  FILE.jsonl | --store SPEC',
    '  --require-sealed      fail when any event carries no seal (nothing sealed included)',
    '  --write-anchor FILE   once verified, write an anchor: the counts of streams and events and a Merkle root over every event',
    "                        in log order (a small JSON whatever the store's size)",
    '  --sign-key KEY.pem    sign that anchor with this Ed25519 private key (PKCS #8 PEM)',
    '  --anchor FILE         also fail unless this state extends FILE: nothing it covers removed, changed, inserted or reordered',
    '                        (appends and new streams allowed, and named); an anchor of the older format (heads) is still read',
    '  --verify-key PUB.pem  with --anchor: the anchor must be signed with this key (SPKI PEM)',
    '  --lang en|zh-CN       the language of the verdict (default: from LC_ALL, LC_MESSAGES, LANG)',
  ],
};

/** `usage: …`, what the command does, and its flags. */
export function commandHelp(name: string, usage: string): string {
  return [`usage: ${usage}`, '', ...(DETAILS[name] ?? [])].join('\n');
}

/** The overview: every command's usage line, and where to read more. */
export function overview(usages: Record<string, string>, version: string): string {
  return [
    `warranty-ledger ${version}: an event-sourced warranty ledger`,
    '',
    'commands:',
    ...Object.values(usages).map((u) => `  ${u.split('\n')[0]}`),
    '',
    'warranty-ledger help COMMAND (or COMMAND --help) says more about one command; --version prints the version.',
    'Exit codes: 0 done, 1 bad input or a failed check, 2 wrong usage.',
  ].join('\n');
}
