/** The protocol test double in a child process, for tests that need a real network boundary between client and server. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { bundleChild } from '../../store/bundle-child.js';

export interface ChildTestServer {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/** Starts the double in a child process (bundled from source; `args` as serve.ts takes them) and waits for its connection string. */
export async function startChildTestServer(args: readonly string[] = []): Promise<ChildTestServer> {
  const script = await bundleChild(new URL('./serve.ts', import.meta.url), 'esdb-test-double', [
    '@grpc/grpc-js',
    '@eventstore/db-client',
    '@kurrent/kurrentdb-client',
  ]);
  const child: ChildProcess = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`the test double exited early (${code})`)));
  });
  const connectionString = await firstLine;
  return {
    connectionString,
    async stop() {
      if (child.exitCode === null) {
        child.stdin!.end();
        await once(child, 'exit');
      }
      rmSync(script, { force: true });
    },
  };
}
