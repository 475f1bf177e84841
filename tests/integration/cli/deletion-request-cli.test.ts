// callvault deletion-request: identifiers come as JSON on standard input or from --from FILE, never
// argv; a dry run changes nothing; a run destroys, writes a certificate signed with the vault's
// certificate key (not enrolled with a team) and its PDF; the certificate verifies, altered it
// does not. A number said digit by digit in an older transcript version (corrected since) is found.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyCertificate, type SignedCertificate } from '../../../src/core/deletion/deletion-certificate';
import { vaultCertificatePublicKey } from '../../../src/app/deletion/deletion-service';
import { runCliCapture } from '../../helpers/cli-runner';
import { retentionFixture } from '../../helpers/retention-fixture';
import { tempDir } from '../../helpers/temp-dir';
import { timedSegment } from '../../helpers/timed-segment';
import { PASSPHRASE } from '../../helpers/vault-fixture';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

describe('callvault deletion-request', () => {
  it('refuses identifiers on the command line, without repeating them', async () => {
    for (const argv of [['deletion-request', 'jane.doe@acme.com'], ['deletion-request', '--email', 'jane.doe@acme.com'], ['deletion-request', '--phone=5551234567']]) {
      const run = await runCliCapture(argv, {});
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/command.line/u);
      expect(run.stdout + run.stderr).not.toMatch(/jane|acme|5551234567/u);
    }
    const bad = await runCliCapture(['deletion-request', '--dry-run'], { CALLVAULT_PASSPHRASE: PASSPHRASE }, 'jane.doe@acme.com');
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain('jane');
  });

  it('dry run from stdin, then a run from --from FILE: destroys, certifies with the vault key, verifies; altered, it does not', async () => {
    const f = await retentionFixture('2026-11-20T10:00:00.000Z');
    open.push(f);
    const { recordingId: spoken } = await f.addCall('discovery', 'call me on five five five one two three four five six seven');
    const vault = f.vault();
    vault.transcripts.add({ recordingId: spoken, kind: 'correction', createdAt: f.clock.now().toISOString(), createdBy: 'Rita Rep', engine: 'hand-written', language: 'en', segments: [timedSegment('customer', 0, 900, 'We said [number removed] on the call.')] });
    const { recordingId: other } = await f.addCall('discovery', 'nothing about them');
    const publicKey = vaultCertificatePublicKey(vault, f.session.crypto);
    f.session.lock();
    const env = { CALLVAULT_HOME: f.home, CALLVAULT_PASSPHRASE: PASSPHRASE };
    const identifiers = JSON.stringify({ phones: ['+1 555 123 4567'] });

    const dry = await runCliCapture(['deletion-request', '--dry-run', '--json'], env, identifiers);
    expect(dry.code, dry.stderr).toBe(0);
    const planned = JSON.parse(dry.stdout) as { found: { recordingId: string; where: { where: string; detail: string }[] }[]; destroy: unknown[]; files: string[] };
    expect(planned.found).toEqual([{ recordingId: spoken, where: [{ where: 'notes', detail: 'call notes', identifiers: ['phone #1'] }, { where: 'transcript', detail: 'v1', identifiers: ['phone #1'] }] }]);
    expect(planned.files).toEqual([]);
    expect(dry.stdout).not.toMatch(/555|Initech|Dana/u);

    const dir = tempDir();
    const file = path.join(dir, 'request.json');
    fs.writeFileSync(file, identifiers);
    const out = path.join(dir, 'certs');
    const run = await runCliCapture(['deletion-request', '--from', file, '--out', out], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`destroyed  ${spoken}  whole call`);
    expect(run.stdout).not.toContain(other);
    const [json, pdf] = fs.readdirSync(out).sort();
    expect(pdf).toMatch(/^deletion-certificate-.*\.pdf$/u);
    const signed = JSON.parse(fs.readFileSync(path.join(out, json!), 'utf8')) as SignedCertificate;
    expect(signed.certificate.signer).toMatchObject({ kind: 'vault', publicKey });
    expect(signed.certificate.destroyed.map((d) => d.recordingId)).toEqual([spoken]);
    expect(signed.certificate.subject).toMatchObject({ phones: 1, emails: 0 });
    expect(fs.readFileSync(path.join(out, pdf!), 'latin1')).toContain(spoken);

    await f.call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
    expect(verifyCertificate(f.session.crypto, signed, publicKey)).toMatchObject({ ok: true });
    const altered = structuredClone(signed);
    altered.certificate.destroyed[0] = { ...altered.certificate.destroyed[0]!, at: '2020-01-01T00:00:00.000Z' };
    expect(verifyCertificate(f.session.crypto, altered, publicKey)).toMatchObject({ ok: false });
    const otherKey = Buffer.from(f.session.crypto.newSigningKeyPair().publicKey).toString('base64');
    expect(verifyCertificate(f.session.crypto, signed, otherKey)).toMatchObject({ ok: false });
    expect(verifyCertificate(f.session.crypto, { ...signed, signature: '' }, publicKey)).toMatchObject({ ok: false });
    expect(f.vault().recordings.get(spoken)).toBeUndefined();
    expect(f.vault().recordings.get(other)).toBeDefined();
    expect((await runCliCapture(['audit', 'verify'], env)).code).toBe(0);
  });
});
