import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateRecording, type PolicyLoad } from '../../../src/core/policy';
import { defaultPolicyPath, MAX_POLICY_BYTES, readPolicyFile } from '../../../src/platform/policy/policy-file';
import { tempDir } from '../../helpers/temp-dir';

const NOW = new Date('2026-11-27T12:00:00Z');
const request = { callType: 'discovery', account: 'Acme', meetingTitle: 'Discovery', participants: [{ name: 'Ana', email: 'ana@acme.example', region: 'US-NY' }] };
const shipped = () => fs.readFileSync(defaultPolicyPath(), 'utf8');

function expectBlocked(load: PolicyLoad, problem: string, message: RegExp): void {
  expect(load).toMatchObject({ ok: false, problem });
  const decision = evaluateRecording(load, request, NOW);
  expect(decision.allowed).toBe(false);
  expect(decision.allowed ? '' : decision.reasons[0]?.message).toMatch(message);
}

describe('reading a policy file', () => {
  it('finds and loads the shipped default from the repository', async () => {
    const file = defaultPolicyPath();
    expect(file.endsWith(path.join('resources', 'policy', 'default-policy.yaml'))).toBe(true);
    const load = await readPolicyFile(file);
    expect(load.ok).toBe(true);
    expect(evaluateRecording(load, request, NOW).allowed).toBe(true);
  });

  it('takes a packaged resources directory', () => {
    expect(defaultPolicyPath('/opt/CallVault/resources/resources')).toBe(path.join('/opt/CallVault/resources/resources', 'policy', 'default-policy.yaml'));
  });

  it('a missing file blocks recording and says why', async () => {
    const file = path.join(tempDir(), 'policy.yaml');
    expectBlocked(await readPolicyFile(file), 'missing', /cannot be read: the file does not exist/);
  });

  it('a directory in its place blocks recording', async () => {
    expectBlocked(await readPolicyFile(tempDir()), 'unreadable', /is a directory, not a regular file/);
  });

  it('a file that is not UTF-8 blocks recording', async () => {
    const file = path.join(tempDir(), 'policy.yaml');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(shipped().slice(0, 200)), Buffer.from([0xff, 0xfe, 0xc3])]));
    expectBlocked(await readPolicyFile(file), 'unreadable', /not UTF-8/);
  });

  it('an oversized file blocks recording without being parsed', async () => {
    const file = path.join(tempDir(), 'policy.yaml');
    fs.writeFileSync(file, Buffer.alloc(3 * 1024 * 1024, 0x23));
    expectBlocked(await readPolicyFile(file), 'unreadable', /larger than 256 KiB, far larger than any real policy/);
    // Just over the limit is refused too; the shipped default is far under it.
    fs.writeFileSync(file, Buffer.alloc(MAX_POLICY_BYTES + 1, 0x23));
    expectBlocked(await readPolicyFile(file), 'unreadable', /larger than 256 KiB/);
    expect(fs.statSync(defaultPolicyPath()).size).toBeLessThan(MAX_POLICY_BYTES / 8);
  });

  it('a device or a pipe blocks recording at once, without reading from it', { timeout: 10_000 }, async () => {
    const started = Date.now();
    expectBlocked(await readPolicyFile('/dev/zero'), 'unreadable', /\/dev\/zero is a device, not a regular file/);
    const fifo = path.join(tempDir(), 'policy.yaml');
    execFileSync('mkfifo', [fifo]);
    // No writer: a blocking open would wait forever.
    expectBlocked(await readPolicyFile(fifo), 'unreadable', /is a pipe \(FIFO\), not a regular file/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('an anchor-and-alias bomb is refused, not expanded', async () => {
    const file = path.join(tempDir(), 'policy.yaml');
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i += 1) {
      levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => (i === 1 ? '*a' : `*l${i - 1}`)).join(',')}]`);
    }
    fs.writeFileSync(file, `${shipped()}\n${levels.join('\n')}\n`);
    const started = Date.now();
    const load = await readPolicyFile(file);
    expect(load.ok).toBe(false);
    expect(load.ok ? [] : load.errors.map((e) => e.message).join('\n')).toMatch(/alias/i);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an invalid file blocks recording and lists its errors', async () => {
    const file = path.join(tempDir(), 'policy.yaml');
    fs.writeFileSync(file, shipped().replace('defaultScript: seed-record-notes', 'defaultScript: missing-script'));
    const load = await readPolicyFile(file);
    expectBlocked(load, 'invalid', /is invalid \(1 error\)/);
    expect(load.ok ? [] : load.errors.map((e) => e.path)).toEqual(['consent.defaultScript']);
  });

  it('reads a file saved with a byte-order mark and Windows line endings, with the same hash and right line numbers', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'policy.yaml');
    fs.writeFileSync(file, `\uFEFF${shipped().replace(/\n/g, '\r\n')}`);
    const [windows, original] = await Promise.all([readPolicyFile(file), readPolicyFile(defaultPolicyPath())]);
    expect(windows.ok && original.ok && windows.loaded.hash === original.loaded.hash).toBe(true);

    const broken = path.join(dir, 'broken.yaml');
    const text = shipped().replace('  demo:\n    label: Product demo\n    rule: standard', '  demo:\n    label: Product demo\n    rule: bogus');
    fs.writeFileSync(broken, text.replace(/\n/g, '\r\n'));
    const load = await readPolicyFile(broken);
    const line = text.split('\n').findIndex((l) => l.includes('rule: bogus')) + 1;
    expect(load.ok ? undefined : load.errors[0]?.position).toEqual({ line, col: 5 });
  });
});
