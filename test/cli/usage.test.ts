/**
 * Usage: --version, an overview, per-command help through `help COMMAND`
 * and `COMMAND --help` (exit 0, not Node's parser message), and "did you mean" for a mistyped
 * command or flag.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/cli/suggest.js';
import { cli, scenarioFile } from '../tools/support.js';

const COMMANDS = ['state', 'explain', 'diff', 'care', 'fleet', 'evidence', 'report', 'import', 'verify'];
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('the command line explains itself', () => {
  it('--version prints the package version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help and help list every command, exit 0; no command at all is a usage error on stderr', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      for (const name of COMMANDS) expect(r.stdout).toContain(`warranty-ledger ${name} `);
    }
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('commands:');
  });

  it("help COMMAND and COMMAND --help print that command's usage and flags, exit 0", async () => {
    for (const name of COMMANDS) {
      const viaHelp = await cli(['help', name]);
      expect(viaHelp.code, name).toBe(0);
      expect(viaHelp.stdout, name).toMatch(new RegExp(`^usage: warranty-ledger ${name} `));
      expect(viaHelp.stdout.split('\n').length, name).toBeGreaterThan(4);
      expect(await cli([name, '--help']), name).toEqual(viaHelp);
      expect(await cli([name, scenarioFile('01-coverage-start'), '-h']), name).toEqual(viaHelp);
    }
    expect((await cli(['help', 'verify'])).stdout).toContain('--write-anchor');
    expect((await cli(['help', 'evidence'])).stdout).toContain('--force');
  });

  it('a mistyped command or flag gets a suggestion, exit 2', async () => {
    const command = await cli(['stat', 'x.jsonl']);
    expect(command.code).toBe(2);
    expect(command.stderr.split('\n')[0]).toBe('unknown command "stat"; did you mean "state"?');
    expect((await cli(['exlpain'])).stderr).toContain('did you mean "explain"?');
    expect((await cli(['help', 'fleat'])).stderr).toContain('did you mean "fleet"?');
    expect((await cli(['frobnicate'])).stderr.split('\n')[0]).toBe('unknown command "frobnicate"');
    const flag = await cli(['explain', scenarioFile('01-coverage-start'), '--unti', 'U-1']);
    expect(flag.code).toBe(2);
    expect(flag.stderr.split('\n')[0]).toBe('unknown flag --unti; did you mean "--unit"?');
  });
});

describe('suggestions', () => {
  it('edit distance counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('state', 'state')).toBe(0);
    expect(editDistance('stat', 'state')).toBe(1);
    expect(editDistance('exlpain', 'explain')).toBe(1);
    expect(editDistance('fleat', 'fleet')).toBe(1);
    expect(editDistance('', 'care')).toBe(4);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only what is close, or a unique prefix', () => {
    expect(closest('verfy', COMMANDS)).toBe('verify');
    expect(closest('imp', COMMANDS)).toBe('import');
    expect(closest('e', COMMANDS)).toBeUndefined();
    expect(closest('xyz', COMMANDS)).toBeUndefined();
    expect(closest('banana', COMMANDS)).toBeUndefined();
  });
});
