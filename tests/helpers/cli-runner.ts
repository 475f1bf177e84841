import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/main';

/** Runs the real CLI entry in-process with in-memory streams. */
export async function runCliCapture(argv: readonly string[], env: Record<string, string | undefined> = {}, stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => { out += d.toString(); });
  stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const code = await runCli(argv, { stdin: Readable.from([stdin]), stdout, stderr, env, interactive: false });
  return { code, stdout: out, stderr: err };
}
