#!/usr/bin/env node
/** The `warranty-ledger` bin: wires process argv, streams and the clock to `run`. */
import { createProcessIo } from './process-io.js';
import { run } from './run.js';

const edge = createProcessIo();

run(process.argv.slice(2), edge.io).then(
  (code) => {
    process.exitCode = edge.exitCode(code);
  },
  (error: unknown) => {
    // Only a bug gets here: bad input, usage and output errors are messages from `run`. One line, no stack,
    // unless WARRANTY_LEDGER_DEBUG is set.
    const stack = process.env.WARRANTY_LEDGER_DEBUG ? `\n${(error as Error)?.stack ?? ''}` : '';
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(
      `internal error (a bug in warranty-ledger; WARRANTY_LEDGER_DEBUG=1 shows where): ${message.split('\n')[0]}${stack}\n`,
    );
    process.exitCode = 70;
  },
);
