/**
 * The README's library example runs as written: its TypeScript block (the one that imports
 * `createLedger`) is run against the library, with `console.log` captured, and gives what its
 * comments say. The policy block it shows is valid input for --policy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';
import { cli } from '../tools/support.js';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const blocks = (lang: string) =>
  [...readme.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);

/** The block as an async function body: its import from 'warranty-ledger' becomes a destructuring of the library. */
function runnable(code: string): (lib: typeof library, console: { log: (v: unknown) => void }) => Promise<void> {
  const body = code.replace(
    /import \{([^}]*)\} from 'warranty-ledger';/,
    (_, names: string) => `const {${names}} = lib;`,
  );
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (lib: typeof library, console: { log: (v: unknown) => void }) => Promise<void>;
  return new AsyncFunction('lib', 'console', body);
}

describe('the README', () => {
  it('runs its library example as written and gets what its comments say', async () => {
    const example = blocks('ts').find((b) => b.includes("type: 'RegisterSale'"));
    expect(example, 'a ts block that registers a sale').toBeDefined();
    const logged: unknown[] = [];
    await runnable(example!)(library, { log: (v) => logged.push(v) });
    expect(logged[0]).toEqual([
      {
        kind: 'replacement',
        status: 'open',
        because: [{ rule: 'repeated-failure', eventIds: ['desk-repair-1', 'desk-repair-2', 'desk-repair-3'] }],
      },
    ]);
    expect(logged[1]).toEqual([{ component: 'unit', problemCode: 'no-cooling', count: 2 }]);
  });

  it('names every command of the API', () => {
    for (const name of Object.keys(library.COMMAND_EVENTS)) expect(readme).toContain(`\`${name}\``);
  });

  it('shows a policy file that parses, and is what `policy show standard-1y` prints', async () => {
    const policy = blocks('json').find((b) => b.includes('"repeatedFailure"'))!;
    const [parsed] = library.parsePolicies(JSON.parse(policy));
    const shown = await cli(['policy', 'show', 'standard-1y']);
    expect(JSON.parse(policy)).toEqual(JSON.parse(shown.stdout));
    expect(parsed).toEqual(library.createPolicyBook().resolve('standard-1y'));
  });
});
