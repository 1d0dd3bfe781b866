// The layering of docs/design.md, checked by `npm run lint` (dependency-cruiser):
//   i18n (the message catalogues) <- events, time  <-  policy  <-  rules  <-  unit  <-  projections  <-  report
// A layer imports only from the layers to its left. The core (those folders and src/errors.ts)
// imports nothing from Node, a store, the CLI, the ledger shell, evidence files or signing keys;
// store, cli, ledger, evidence and signing are the edges that wire it to the world.
// Clocks cannot be seen as imports: scripts/check-clock.mjs checks those.

const CORE = '^src/(i18n|events|time|policy|rules|unit|projections|report)/|^src/errors[.]ts$';

/** Forbids `layer` to import any of the `higher` folders (type-only imports included). */
const below = (layer, higher) => ({
  name: `no-upward-from-${layer}`,
  comment: `${layer}/ sits below ${higher.join(', ')}/: a lower layer never imports a higher one.`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${higher.join('|')})/` },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules import each other in a cycle: move what both need into a module of its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    below('i18n', ['events', 'time', 'policy', 'rules', 'unit', 'projections', 'report']),
    below('events', ['policy', 'rules', 'unit', 'projections', 'report']),
    below('time', ['policy', 'rules', 'unit', 'projections', 'report']),
    below('policy', ['rules', 'unit', 'projections', 'report']),
    below('rules', ['projections', 'report']),
    below('unit', ['projections', 'report']),
    below('projections', ['report']),
    {
      name: 'rules-import-unit-types-only',
      comment:
        'rules/ sits below unit/: it may name the unit state types (import type) but imports no runtime value from unit/.',
      severity: 'error',
      from: { path: '^src/rules/' },
      to: { path: '^src/unit/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-not-to-node',
      comment: 'The core runs in any JavaScript runtime: no node:* or Node builtin module.',
      severity: 'error',
      from: { path: CORE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-not-to-edges',
      comment: 'The core knows no store, CLI, ledger shell, evidence files or signing keys: those are the edges.',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^src/(store|cli|ledger|evidence|signing)/|^src/index[.]ts$' },
    },
    {
      name: 'core-not-to-grpc',
      comment: 'The core never loads a store driver: the EventStoreDB or KurrentDB client, gRPC, or pg.',
      severity: 'error',
      from: { path: CORE },
      to: { path: '(^|/)node_modules/(@eventstore|@kurrent|@grpc|pg|pg-[a-z-]+)/' },
    },
    {
      name: 'store-adapters-apart',
      comment:
        'A store adapter imports no other adapter: what they share lives in src/store/ itself (append-checks.ts).',
      severity: 'error',
      from: { path: '^src/store/(memory|file|eventstoredb|postgres)/' },
      to: { path: '^src/store/(memory|file|eventstoredb|postgres)/', pathNot: '^src/store/$1/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to no file on disk.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
