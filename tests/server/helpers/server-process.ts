import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/spawn-tsx';

export const SERVER_BIN = path.join(REPO_ROOT, 'server', 'bin', 'callvault-server.js');

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly base: string;
  /** Everything the process wrote to stdout and stderr so far. */
  log(): string;
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

/** `callvault-server <args>` to completion (invite, audit verify). */
export function runCli(args: readonly string[], env: Record<string, string> = {}, input = ''): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SERVER_BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000, input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `callvault-server start` as a real child process on a loopback port (a free one unless `port` is given). */
export function startServerProcess(dataDir: string, env: Record<string, string> = {}, port = 0, args: readonly string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [SERVER_BIN, 'start', '--data', dataDir, '--port', String(port), ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start: ${output}`));
    }, 120_000);
    const onData = () => {
      const match = /callvault-server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve({
          child,
          base: match[1],
          log: () => output,
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
          async kill9() {
            child.kill('SIGKILL');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${String(code)}): ${output}`));
    });
  });
}
