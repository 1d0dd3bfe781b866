/** The command line's dispatcher: argv in, text and an exit code out; errors become messages, never stack traces. */
import { isLedgerError, InputErrors } from '../errors.js';
import { stateCommand, usage as stateUsage } from './commands/state.js';
import { explainCommand, usage as explainUsage } from './commands/explain.js';
import { diffCommand, usage as diffUsage } from './commands/diff.js';
import { careCommand, usage as careUsage } from './commands/care.js';
import { fleetCommand, usage as fleetUsage } from './commands/fleet.js';
import { evidenceCommand, usage as evidenceUsage } from './commands/evidence.js';
import { reportCommand, usage as reportUsage } from './commands/report.js';
import { importCommand, usage as importUsage } from './commands/import.js';
import { verifyCommand, usage as verifyUsage } from './commands/verify.js';
import { UsageError, type CliIo, type ExitCode } from './io.js';

type Command = (argv: string[], io: CliIo) => ExitCode | Promise<ExitCode>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  state: { run: stateCommand, usage: stateUsage },
  explain: { run: explainCommand, usage: explainUsage },
  diff: { run: diffCommand, usage: diffUsage },
  care: { run: careCommand, usage: careUsage },
  fleet: { run: fleetCommand, usage: fleetUsage },
  evidence: { run: evidenceCommand, usage: evidenceUsage },
  report: { run: reportCommand, usage: reportUsage },
  import: { run: importCommand, usage: importUsage },
  verify: { run: verifyCommand, usage: verifyUsage },
};

function help(): string {
  return ['warranty-ledger: an event-sourced warranty ledger', '', 'commands:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

/** Runs one command line; never throws for bad input or usage. */
export async function run(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${help()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`unknown command ${JSON.stringify(name)}\n${help()}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    if (error instanceof InputErrors) {
      io.stderr(`${error.errors.map((e) => e.message).join('\n')}\n`);
      return 1;
    }
    if (isLedgerError(error)) {
      io.stderr(`${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}
