import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCapture } from '../../helpers/cli-runner';
import { tempDir } from '../../helpers/temp-dir';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';
import { filesIn, generatedModel, sendFile, serve, sha256Of, testManifest, writeManifest } from './model-fixtures';

/** An app home with a real vault whose profile has `roles`, and the env the CLI runs with. */
async function homeWithVault() {
  const { home, profile, vault } = await createTestVault();
  vault.close();
  const env = { CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE, CALLVAULT_MODEL_MANIFEST: writeManifest(testManifest()) };
  return { home, profile, env, models: path.join(home, 'models') };
}

async function auditEvents(env: Record<string, string>) {
  const shown = await runCliCapture(['audit', 'show', '--json'], env);
  expect(shown.code).toBe(0);
  return shown.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { event: string; detail: Record<string, unknown> });
}

describe('callvault models', () => {
  it('is listed in the help', async () => {
    const help = await runCliCapture(['--help']);
    expect(help.stdout).toMatch(/models list \| download NAME \| import FILE \[--trust\] \| verify \[NAME\] \| delete NAME/);
    const own = await runCliCapture(['models', '--help']);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/import FILE --trust/);
  });

  it('lists, imports, verifies and deletes a model that matches the manifest, without any vault', async () => {
    const home = tempDir();
    const env = { CALLVAULT_HOME: home, CALLVAULT_MODEL_MANIFEST: writeManifest(testManifest()) };

    const before = await runCliCapture(['models', 'list', '--json'], env);
    expect(before.code).toBe(0);
    expect((JSON.parse(before.stdout) as { name: string; status: string }[]).map((m) => [m.name, m.status])).toEqual([['alpha', 'available'], ['beta', 'available']]);
    const none = await runCliCapture(['models', 'verify'], env);
    expect(none.code).toBe(5);
    expect(none.stderr).toMatch(/No transcription model is installed\. Download one with "callvault models download base\.en", or import a file/);

    const imported = await runCliCapture(['models', 'import', generatedModel(1)], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported alpha into .*ggml-alpha\.bin \(matches the manifest; sha256 [0-9a-f]{64}\)\./);

    const table = await runCliCapture(['models', 'list'], env);
    expect(table.stdout).toMatch(/^alpha\s+8 MB\s+English\s+installed\s+test model alpha$/m);
    expect(table.stdout).toMatch(/^beta\s+8 MB\s+English\s+not installed/m);

    const verified = await runCliCapture(['models', 'verify'], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^alpha: OK \(8 MB, sha256 [0-9a-f]{64}, .*ggml-alpha\.bin\)$/m);

    const deleted = await runCliCapture(['models', 'delete', 'alpha'], env);
    expect(deleted.code).toBe(0);
    expect(filesIn(path.join(home, 'models'))).toEqual([]);
    expect((await runCliCapture(['models', 'delete', 'alpha'], env)).code).toBe(5);
  });

  it('refuses an unknown file, exits 4 for a damaged one, and reports a model changed after install', async () => {
    const home = tempDir();
    const env = { CALLVAULT_HOME: home, CALLVAULT_MODEL_MANIFEST: writeManifest(testManifest()) };

    const unknown = await runCliCapture(['models', 'import', generatedModel(3)], env);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toMatch(/matches no model in the manifest .* an administrator can trust it: callvault models import FILE --trust/);

    const cut = path.join(tempDir(), 'ggml-alpha.bin');
    fs.writeFileSync(cut, fs.readFileSync(generatedModel(1)).subarray(0, 100_000));
    const truncated = await runCliCapture(['models', 'import', cut], env);
    expect(truncated.code).toBe(4);
    expect(truncated.stderr).toMatch(/The model file is truncated/);
    expect(filesIn(path.join(home, 'models'))).toEqual([]);

    expect((await runCliCapture(['models', 'import', generatedModel(1)], env)).code).toBe(0);
    expect((await runCliCapture(['models', 'import', generatedModel(2)], env)).code).toBe(0);
    const installed = path.join(home, 'models', 'ggml-alpha.bin');
    const bytes = fs.readFileSync(installed);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    fs.writeFileSync(installed, bytes);
    const all = await runCliCapture(['models', 'verify'], env);
    expect(all.code).toBe(4);
    expect(all.stdout).toMatch(/^alpha: FAILED: The installed model alpha .* does not match its published checksum/m);
    expect(all.stdout).toMatch(/^beta: OK /m);
  });

  it('refuses a malformed manifest with what is wrong in it', async () => {
    const manifest = testManifest();
    const broken = { ...manifest, models: manifest.models.map((m) => ({ ...m, sha256: 'bd577a113a864445d4c299885e0cb97d4ba92b5f' })) };
    const result = await runCliCapture(['models', 'list'], { CALLVAULT_HOME: tempDir(), CALLVAULT_MODEL_MANIFEST: writeManifest(broken) });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/The model manifest .* is invalid, so no model can be verified against it: models\.0\.sha256: 64 lower-case hex digits \(sha256, not the SHA-1 whisper\.cpp lists\)/);
  });

  it('downloads from a mirror with progress on stderr', async () => {
    const bytes = fs.readFileSync(generatedModel(2));
    const server = await serve((req, res) => {
      sendFile(req, res, bytes);
    });
    const home = tempDir();
    const env = { CALLVAULT_HOME: home, CALLVAULT_MODEL_MANIFEST: writeManifest(testManifest()) };
    const result = await runCliCapture(['models', 'download', 'beta', '--mirror', server.base], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Downloading beta: 100% \(8 MB of 8 MB\)\n$/);
    expect(result.stdout).toMatch(/Installed beta in .*ggml-beta\.bin \(size, sha256 and structure verified\)\./);
    expect(sha256Of(path.join(home, 'models', 'ggml-beta.bin'))).toBe(sha256Of(generatedModel(2)));
  });

  it('lets the owner of a personal install (its admin) trust an unlisted file, and records it in the audit log', async () => {
    const { env, profile, models } = await homeWithVault();
    const source = path.join(tempDir(), 'ggml-acme-tuned.bin');
    fs.copyFileSync(generatedModel(3), source);

    const result = await runCliCapture(['models', 'import', source, '--trust'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Trusted and imported acme-tuned into .*ggml-acme-tuned\\.bin \\(sha256 ${sha256Of(source)}\\); recorded in the audit log of profile "${profile.id}"\\.`));
    expect(filesIn(models)).toEqual(['ggml-acme-tuned.bin', 'trusted-models.json']);

    const trusted = (await auditEvents(env)).filter((e) => e.event === 'model.trusted');
    expect(trusted.map((e) => e.detail)).toEqual([{ name: 'acme-tuned', file: 'ggml-acme-tuned.bin', sha256: sha256Of(source), bytes: fs.statSync(source).size }]);
    expect((await runCliCapture(['audit', 'verify'], env)).code).toBe(0);

    const listed = await runCliCapture(['models', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ name: 'acme-tuned', origin: 'trusted', status: 'installed', trustedBy: profile.id }));
    expect((await runCliCapture(['models', 'verify', 'acme-tuned'], env)).code).toBe(0);
  });

  it('refuses --trust without the vault owner’s passphrase, installing and auditing nothing', async () => {
    const { env, models } = await homeWithVault();
    const wrongPassphrase = await runCliCapture(['models', 'import', generatedModel(3), '--trust'], { ...env, CALLVAULT_PASSPHRASE: 'not the passphrase at all' });
    expect(wrongPassphrase.code).toBe(3);
    expect(filesIn(models)).toEqual([]);
  });
});
