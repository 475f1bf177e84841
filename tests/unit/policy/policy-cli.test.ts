import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { policyCommand } from '../../../src/cli/commands/policy';
import { ExitCode } from '../../../src/cli/cli-io';
import { tempDir } from '../../helpers/temp-dir';
import { DEFAULT_POLICY_FILE, editedPolicyText } from './policy-fixture';

async function run(argv: readonly string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await policyCommand(argv, { stdin: Readable.from(['']), stdout, stderr, env: {}, interactive: false });
  return { code, stdout: out, stderr: err };
}

function writePolicy(text: string): string {
  const file = path.join(tempDir('callvault-policy-'), 'policy.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('callvault policy validate', () => {
  it('accepts the shipped default with a summary and its hash', async () => {
    const result = await run(['validate', DEFAULT_POLICY_FILE]);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toContain(`${DEFAULT_POLICY_FILE}: valid policy "CallVault default AI call recording governance policy" version 1.0`);
    expect(result.stdout).toContain('13 call types: 5 standard, 3 optional, 5 requires approval, 0 prohibited');
    expect(result.stdout).toMatch(/hash: sha256:[0-9a-f]{64}\n/);
    expect(result.stderr).toBe('');
  });

  it('prints each mistake as FILE:LINE:COL field.path: reason and exits 1', async () => {
    const text = editedPolicyText([['callTypes', 'demo', 'rule'], 'sometimes'], [['consent', 'scripts', 0, 'version'], 'one']);
    const file = writePolicy(text);
    const lines = text.split('\n');
    const ruleLine = lines.findIndex((l) => l.includes('rule: sometimes')) + 1;
    const result = await run(['validate', file]);
    expect(result.code).toBe(ExitCode.failure);
    const out = result.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(2);
    expect(out[0]).toBe(`${file}:${ruleLine}:5 callTypes.demo.rule: must be one of: standard, optional, requires-approval, prohibited (got "sometimes")`);
    expect(out[1]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ consent\\.scripts\\[0\\]\\.version: expected a number, got "one"`));
    expect(result.stderr).toMatch(/is invalid \(2 errors\)\. Recording is blocked until it is fixed\./);
  });

  it('reports a YAML syntax error with its position', async () => {
    const file = writePolicy('schemaVersion: 1\npolicy: [\n');
    const result = await run(['validate', file]);
    expect(result.code).toBe(ExitCode.failure);
    expect(result.stdout).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: YAML: `));
  });

  it('a missing file exits 5 and says recording is blocked', async () => {
    const result = await run(['validate', '/nonexistent/policy.yaml']);
    expect(result.code).toBe(ExitCode.notFound);
    expect(result.stderr).toMatch(/cannot be read: the file does not exist\. Recording is blocked/);
  });

  it('usage errors exit 2', async () => {
    expect((await run(['validate'])).code).toBe(ExitCode.usage);
    expect((await run(['validate', 'a', 'b'])).code).toBe(ExitCode.usage);
    expect((await run(['validate', '--bogus', 'a'])).code).toBe(ExitCode.usage);
    expect((await run(['frobnicate'])).code).toBe(ExitCode.usage);
    expect((await run([])).code).toBe(ExitCode.usage);
    expect((await run(['--help'])).code).toBe(ExitCode.ok);
  });
});

describe('callvault policy show', () => {
  it('prints the shipped default policy: purpose, rules, scripts, uses, retention, review and hash', async () => {
    const result = await run(['show']);
    expect(result.code).toBe(ExitCode.ok);
    for (const expected of [
      `Source:    ${DEFAULT_POLICY_FILE}`,
      'AI call recording is used to support coaching, onboarding, customer follow-up, CRM accuracy, and sales process improvement.',
      'legal-discussion         requires approval  Legal discussion (approved by hr-and-legal)',
      'Script seed-record-notes v1: "Do you mind if I record this call',
      'Meeting-title keywords: "privileged", "attorney", "confidential", "offer letter"',
      'Only with additional approval from hr-and-legal or sales-leadership:',
      'Default: recording 180 days, transcript 180 days',
      '30 days and 90 days after rollout, then every 6 months.',
    ]) {
      expect(result.stdout).toContain(expected);
    }
    expect(result.stdout).toMatch(/^Hash: {6}sha256:[0-9a-f]{64}$/m);
  });

  it('prints a given file, with its review dates once a rollout date is set', async () => {
    const file = writePolicy(editedPolicyText([['policy', 'rolloutDate'], '2026-01-15']));
    const result = await run(['show', file]);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toContain('Rollout 2026-01-15; reviews due 2026-02-14, 2026-04-15.');
  });

  it('--canonical prints exactly the bytes the hash is computed over', async () => {
    const shown = await run(['show']);
    const hash = /^Hash: +(sha256:[0-9a-f]{64})$/m.exec(shown.stdout)?.[1];
    const canonical = await run(['show', '--canonical']);
    expect(canonical.code).toBe(ExitCode.ok);
    expect(`sha256:${createHash('sha256').update(canonical.stdout, 'utf8').digest('hex')}`).toBe(hash);
    expect(JSON.parse(canonical.stdout)).toMatchObject({ schemaVersion: 1 });
  });

  it('an invalid file is reported like validate does', async () => {
    const file = writePolicy(editedPolicyText([['consent', 'defaultScript'], 'nope']));
    const result = await run(['show', file]);
    expect(result.code).toBe(ExitCode.failure);
    expect(result.stdout).toMatch(/consent\.defaultScript: no consent script has id "nope"/);
  });
});
