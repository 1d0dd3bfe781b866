/** The command line's dispatcher: argv in, text and an exit code out; errors become messages, never stack traces. */
import { isLedgerError, InputErrors } from '../errors.js';
import { escapeControls } from '../projections/safe-text.js';
import { stateCommand, usage as stateUsage } from './commands/state.js';
import { explainCommand, usage as explainUsage } from './commands/explain.js';
import { diffCommand, usage as diffUsage } from './commands/diff.js';
import { careCommand, usage as careUsage } from './commands/care.js';
import { fleetCommand, usage as fleetUsage } from './commands/fleet.js';
import { evidenceCommand, usage as evidenceUsage } from './commands/evidence.js';
import { reportCommand, usage as reportUsage } from './commands/report.js';
import { importCommand, usage as importUsage } from './commands/import.js';
import { verifyCommand, usage as verifyUsage } from './commands/verify.js';
import { migrateCommand, usage as migrateUsage } from './commands/migrate.js';
import { policyCommand, usage as policyUsage } from './commands/policy.js';
import { commandHelp, overview } from './help.js';
import { OutputClosed, UsageError, type CliIo, type ExitCode } from './io.js';
import { didYouMean } from './suggest.js';
import { VERSION } from './version.js';

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
  migrate: { run: migrateCommand, usage: migrateUsage },
  policy: { run: policyCommand, usage: policyUsage },
};

const NAMES = Object.keys(COMMANDS);
const commandOf = (name: string) => (Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined);
const help = () => overview(Object.fromEntries(NAMES.map((n) => [n, COMMANDS[n]!.usage])), VERSION);

/** True when the arguments ask for help (before a `--` that ends the flags). */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Unknown command, or `help` of one: usage errors naming the commands, with a suggestion. */
function unknownCommand(name: string, io: CliIo): ExitCode {
  io.stderr(`${escapeControls(`unknown command ${JSON.stringify(name)}${didYouMean(name, NAMES)}`)}\n\n${help()}\n`);
  return 2;
}

/** A usage message for the terminal: its own lines kept, anything else escaped. */
const printable = (message: string) => message.split('\n').map(escapeControls).join('\n');

function report(error: unknown, io: CliIo): ExitCode {
  if (error instanceof OutputClosed) return error.code === 'EPIPE' ? 0 : 1;
  if (error instanceof UsageError) {
    io.stderr(`${printable(error.message)}\n`);
    return 2;
  }
  if (error instanceof InputErrors) {
    io.stderr(`${error.errors.map((e) => escapeControls(e.message)).join('\n')}\n`);
    return 1;
  }
  if (isLedgerError(error)) {
    io.stderr(`${escapeControls((error as Error).message)}\n`);
    return 1;
  }
  throw error;
}

/** Runs one command line; never throws for bad input, usage, output paths or a closed stdout. */
export async function run(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      io.stderr(`${help()}\n`);
      return 2;
    }
    if (name === '--version' || name === '-V') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      if (name === 'help' && rest.length > 0) {
        const command = commandOf(rest[0]!);
        if (!command) return unknownCommand(rest[0]!, io);
        io.stdout(`${commandHelp(rest[0]!, command.usage)}\n`);
        return 0;
      }
      io.stdout(`${help()}\n`);
      return 0;
    }
    const command = commandOf(name);
    if (!command) return unknownCommand(name, io);
    if (asksForHelp(rest)) {
      io.stdout(`${commandHelp(name, command.usage)}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    return report(error, io);
  }
}
