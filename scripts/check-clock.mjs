#!/usr/bin/env node
// The core reads no clock: time reaches it as an input (occurredAt, recordedAt, asOf, knownAt, a
// `now` function the edges pass in). dependency-cruiser sees imports, not globals, so this check
// parses each core file (TypeScript's own parser: comments and strings are not code) and fails on
// `Date.now()`, `new Date()` or `Date()` without arguments, `performance.now()`, `process.hrtime`
// and `Temporal.Now`.
//   node scripts/check-clock.mjs [ROOT]    (ROOT defaults to the current directory)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const CORE = [
  'src/events',
  'src/time',
  'src/policy',
  'src/rules',
  'src/unit',
  'src/projections',
  'src/report',
  'src/errors.ts',
];

const root = process.argv[2] ?? process.cwd();

function* sourceFiles(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return;
  }
  if (info.isFile()) {
    if (/\.(c|m)?[jt]s$/.test(path) && !path.endsWith('.d.ts')) yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) yield* sourceFiles(join(path, name));
}

const isName = (node, name) => ts.isIdentifier(node) && node.text === name;
const isMember = (node, object, property) =>
  ts.isPropertyAccessExpression(node) && isName(node.expression, object) && node.name.text === property;

/** What a node reads of the clock, or undefined. */
function clockRead(node) {
  if (ts.isCallExpression(node)) {
    if (isMember(node.expression, 'Date', 'now')) return 'Date.now()';
    if (isMember(node.expression, 'performance', 'now')) return 'performance.now()';
    if (isName(node.expression, 'Date') && node.arguments.length === 0) return 'Date()';
  }
  if (ts.isNewExpression(node) && isName(node.expression, 'Date') && (node.arguments?.length ?? 0) === 0)
    return 'new Date()';
  if (isMember(node, 'process', 'hrtime')) return 'process.hrtime';
  if (isMember(node, 'Temporal', 'Now')) return 'Temporal.Now';
  return undefined;
}

const found = [];
let files = 0;
for (const entry of CORE) {
  for (const file of sourceFiles(join(root, entry))) {
    files++;
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      const read = clockRead(node);
      if (read) {
        const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
        found.push(`${relative(root, file)}:${line + 1}:${character + 1}: ${read} reads the clock`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}

if (found.length > 0) {
  for (const line of found) console.error(line);
  console.error(
    `check-clock: ${found.length} clock read${found.length === 1 ? '' : 's'} in the core; take the time as an input (asOf, knownAt, a \`now\` the edges pass in)`,
  );
  process.exit(1);
}
console.log(`check-clock: ${files} core files, no clock read`);
