/**
 * Preloaded with `node -r` by test/build/pure-entry.test.ts. From `globalThis.wlStartRecording()`
 * on, it records every module specifier the process loads, through require (a Module._load spy) and
 * through import (an ESM resolve hook, registered with module.register), and on exit writes them
 * to the file named by WL_MODULES_OUT, one a line (`require zod`, `import immer`), followed by the
 * public builtins Node loaded since (`native crypto`, from process.moduleLoadList).
 */
const { appendFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');

const out = process.env.WL_MODULES_OUT;
if (!out) throw new Error('module-recorder: set WL_MODULES_OUT');
writeFileSync(out, '');
let recording = false;
let before = new Set();

globalThis.wlStartRecording = () => {
  recording = true;
  before = new Set(process.moduleLoadList);
};

const load = Module._load;
Module._load = function (request, ...rest) {
  if (recording) appendFileSync(out, `require ${request}\n`);
  return load.call(this, request, ...rest);
};

const hooks = `
import { appendFileSync } from 'node:fs';
let out;
export async function initialize(data) { out = data.out; }
export async function resolve(specifier, context, next) {
  if (!specifier.startsWith('data:')) appendFileSync(out, 'import ' + specifier + '\\n');
  return next(specifier, context);
}`;
Module.register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { out } });

process.on('exit', () => {
  const natives = process.moduleLoadList.filter((m) => !before.has(m) && /^NativeModule (?!internal\/)/.test(m));
  for (const m of natives) appendFileSync(out, `native ${m.slice('NativeModule '.length)}\n`);
});
