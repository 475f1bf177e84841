import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode, type CliIo } from '../../../src/cli/cli-io';
import { redactCommand } from '../../../src/cli/commands/redact';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: readonly string[], stdin = ''): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  const io: CliIo = { stdin: Readable.from([stdin]), stdout, stderr, env: {}, interactive: false };
  const code = await redactCommand(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const lines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

const dir = mkdtempSync(join(tmpdir(), 'callvault-cli-redact-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('callvault redact --jsonl', () => {
  it('answers a line longer than 1 MiB with an error line naming its number, and goes on with the next', async () => {
    const long = JSON.stringify({ id: 'big', text: 'x'.repeat(1024 * 1024 + 10) });
    const input = [JSON.stringify({ id: 'a', text: 'ssn 123-45-6789' }), long, JSON.stringify({ id: 'c', text: 'nothing here' })].join('\n') + '\n';
    const result = await run(['--jsonl'], input);
    expect(result.code).toBe(ExitCode.failure);
    const output = lines(result.stdout) as { id: unknown; line?: number; error?: string }[];
    expect(output).toHaveLength(3);
    expect(output[0]?.id).toBe('a');
    expect(output[1]).toEqual({ id: null, line: 2, error: `line is ${Buffer.byteLength(long)} bytes, longer than the 1 MiB limit; it was skipped (split the text over several lines)` });
    expect(output[2]).toMatchObject({ id: 'c', findings: [] });
  });

  it('writes one line per input line, in order, with offsets into the input text', async () => {
    const input = [
      { id: 'a', text: 'my card is 4111 1111 1111 1111' },
      { id: 'b', text: 'we need 250 seats in 2025' },
      { id: 7, text: 'call me at five five five, two one two, oh one nine nine' },
    ];
    const result = await run(['--jsonl'], input.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect(result.code).toBe(ExitCode.ok);
    const output = lines(result.stdout);
    expect(output).toEqual([
      { id: 'a', findings: [{ start: 11, end: 30, type: 'CARD', confidence: 0.97 }], topics: [] },
      { id: 'b', findings: [], topics: [] },
      { id: 7, findings: [{ start: 11, end: 56, type: 'PHONE', confidence: 0.88 }], topics: [] },
    ]);
  });

  it('answers a malformed line with an error line and keeps going', async () => {
    const input = ['{"id":"x","text":"ssn 536-22-8147"}', '{not json', '', '{"id":"y"}', '{"id":"z","text":"our lawyers say the lawsuit will settle"}'].join('\n');
    const result = await run(['--jsonl'], input);
    expect(result.code).toBe(ExitCode.failure);
    const output = lines(result.stdout);
    expect(output).toHaveLength(5);
    expect(output[0]).toMatchObject({ id: 'x', findings: [{ type: 'SSN' }] });
    expect(output[1]).toMatchObject({ id: null, line: 2, error: 'not valid JSON' });
    expect(output[2]).toMatchObject({ id: null, line: 3, error: 'empty line' });
    expect(output[3]).toMatchObject({ id: 'y', line: 4 });
    expect(output[4]).toMatchObject({ id: 'z', findings: [], topics: ['LEGAL'] });
  });

  it('uses JS string indices, so text with emoji and accents still lines up', async () => {
    const text = 'Zoë 📞 415-555-0142';
    const result = await run(['--jsonl'], JSON.stringify({ id: 'u', text }));
    const [line] = lines(result.stdout) as { findings: { start: number; end: number }[] }[];
    const finding = line?.findings[0];
    expect(finding && text.slice(finding.start, finding.end)).toBe('415-555-0142');
  });
});

describe('callvault redact FILE', () => {
  it('prints the redacted text', async () => {
    const file = join(dir, 'call.txt');
    writeFileSync(file, 'Rep: thanks.\nCustomer: my social is five three six, two two, eight one four seven.\n');
    const result = await run([file]);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toBe('Rep: thanks.\nCustomer: my social is [SSN].\n');
  });

  it('reports a missing file with the not-found exit code', async () => {
    const result = await run([join(dir, 'missing.txt')]);
    expect(result.code).toBe(ExitCode.notFound);
    expect(result.stderr).toMatch(/missing\.txt does not exist/);
  });

  it('refuses a device or a pipe at once instead of reading it forever', { timeout: 10_000 }, async () => {
    const zero = await run(['/dev/zero']);
    expect(zero.code).toBe(ExitCode.failure);
    expect(zero.stderr).toMatch(/\/dev\/zero is a device, not a regular file/);
    const fifo = join(dir, 'transcript.fifo');
    execFileSync('mkfifo', [fifo]);
    const pipe = await run([fifo]);
    expect(pipe.code).toBe(ExitCode.failure);
    expect(pipe.stderr).toMatch(/is a pipe \(FIFO\), not a regular file/);
  });

  it('refuses a file over 16 MiB with the limit in the message', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, Buffer.alloc(16 * 1024 * 1024 + 1, 0x61));
    const result = await run([big]);
    expect(result.code).toBe(ExitCode.failure);
    expect(result.stderr).toMatch(/limit is 16 MiB/);
  });
});

describe('callvault redact usage', () => {
  it('prints help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toContain('--jsonl');
  });

  it('rejects unknown options and ambiguous arguments', async () => {
    expect((await run(['--bogus'])).code).toBe(ExitCode.usage);
    expect((await run([])).code).toBe(ExitCode.usage);
    expect((await run(['--jsonl', 'file.txt'])).code).toBe(ExitCode.usage);
  });
});
