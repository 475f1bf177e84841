// One code path (issue #11 section 3) for models and transcription: "callvault models ..." and
// "callvault transcribe RECORDING_ID" call the same contract methods as the app's window
// (models.*, transcription.enqueue, transcripts.get) through the same handler table, so on the
// same app home they must agree: the same list, the same refusal in the same words, the same
// audit entry, the same transcript.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectImportFile, importWav } from '../../../src/app/recording/import-wav-to-vault';
import { encodeWav } from '../../../src/platform/audio/wav';
import type { AuditEntryView } from '../../../src/shared/contract';
import { failure, value, withApp } from '../../helpers/app-dispatch';
import { runCliCapture } from '../../helpers/cli-runner';
import { tempDir } from '../../helpers/temp-dir';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';
import { generatedModel, testManifest, writeManifest } from '../models/model-fixtures';
import { layout, speech } from '../transcription/whisper-fixtures';

/** A home with a vault whose profile has `roles`; the env for the CLI and the app. */
async function home(wavs: readonly string[] = []) {
  const { home: dir, vault, profile } = await createTestVault();
  const recordingIds = wavs.map((file) => importWav(vault, file, inspectImportFile(file), { title: 'Renewal', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() }).recordingId);
  vault.close();
  const appEnv = { CALLVAULT_MODEL_MANIFEST: writeManifest(testManifest()) };
  return { home: dir, profile, recordingIds, appEnv, cliEnv: { ...appEnv, CALLVAULT_HOME: dir, CALLVAULT_PASSPHRASE: PASSPHRASE } };
}

const lastDetail = (entries: readonly AuditEntryView[], event: string): unknown => {
  const found = entries.filter((e) => e.event === event).at(-1);
  return found && (JSON.parse(found.detail) as unknown);
};

describe('the CLI and the app dispatcher on the same models and vault', () => {
  it('models: the same list before and after an import, the same damage verdict, and the CLI needs no unlocked vault', async () => {
    const { home: dir, appEnv, cliEnv } = await home();
    // The window refuses while locked; the command line runs without any passphrase.
    const noSecret = { CALLVAULT_HOME: dir, CALLVAULT_MODEL_MANIFEST: appEnv.CALLVAULT_MODEL_MANIFEST };
    const cliList = async () => {
      const listed = await runCliCapture(['models', 'list', '--json'], noSecret);
      expect(listed.code).toBe(0);
      return JSON.parse(listed.stdout) as unknown;
    };
    const appList = () => withApp(dir, async (call) => value(await call('models.list', {})), appEnv);

    expect(await cliList()).toEqual(await appList());
    const imported = await runCliCapture(['models', 'import', generatedModel(1)], noSecret);
    expect(imported.code).toBe(0);
    const afterImport = await appList();
    expect(afterImport.find((m) => m.name === 'alpha')).toMatchObject({ status: 'installed', path: path.join(dir, 'models', 'ggml-alpha.bin') });
    expect(await cliList()).toEqual(afterImport);

    // Damage after install: the CLI exits 4 with the words the app shows beside the model.
    const installed = path.join(dir, 'models', 'ggml-alpha.bin');
    const bytes = fs.readFileSync(installed);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    fs.writeFileSync(installed, bytes);
    const cliVerify = await runCliCapture(['models', 'verify', 'alpha'], cliEnv);
    const appVerified = await withApp(dir, async (call) => value(await call('models.verify', { name: 'alpha' })), appEnv);
    const alpha = appVerified.find((m) => m.name === 'alpha');
    expect(alpha).toMatchObject({ problemDetail: 'checksum-mismatch', verifiedAt: null });
    expect(cliVerify.code).toBe(4);
    expect(cliVerify.stderr).toBe(`callvault: ${alpha?.problem ?? '?'}\n`);

    // Not installed: the same NOT_FOUND, exit 5.
    const cliMissing = await runCliCapture(['models', 'verify', 'beta'], noSecret);
    const appMissing = await withApp(dir, async (call) => failure(await call('models.verify', { name: 'beta' })), appEnv);
    expect(appMissing).toMatchObject({ code: 'NOT_FOUND', detail: 'not-installed' });
    expect(cliMissing.code).toBe(5);
    expect(cliMissing.stderr).toBe(`callvault: ${appMissing.message}\n`);

    const cliDelete = await runCliCapture(['models', 'delete', 'alpha'], noSecret);
    expect(cliDelete.code).toBe(0);
    expect((await appList()).find((m) => m.name === 'alpha')?.status).toBe('available');
  });

  it('trust: the same audit entry and the same list, from the CLI and the app (the install’s owner administers it)', async () => {
    const source = path.join(tempDir(), 'ggml-acme-tuned.bin');
    fs.copyFileSync(generatedModel(3), source);
    const viaCli = await home();
    const viaApp = await home();
    const cliTrusted = await runCliCapture(['models', 'import', source, '--trust'], viaCli.cliEnv);
    expect(cliTrusted.code).toBe(0);
    const appTrusted = await withApp(viaApp.home, async (call) => value(await call('models.import', { path: source, trust: true })), viaApp.appEnv);
    expect(appTrusted.imported).toMatchObject({ name: 'acme-tuned', origin: 'trusted', trusted: true });
    const auditOf = (dir: string, env: Record<string, string>) => withApp(dir, async (call) => value(await call('audit.entries', {})), env);
    const cliEntry = lastDetail(await auditOf(viaCli.home, viaCli.appEnv), 'model.trusted');
    expect(cliEntry).toEqual({ name: 'acme-tuned', file: 'ggml-acme-tuned.bin', sha256: appTrusted.imported.sha256, bytes: fs.statSync(source).size });
    expect(lastDetail(await auditOf(viaApp.home, viaApp.appEnv), 'model.trusted')).toEqual(cliEntry);
    const listed = (dir: string, env: Record<string, string>) => withApp(dir, async (call) => value(await call('models.list', {})), env);
    expect((await listed(viaCli.home, viaCli.appEnv)).find((m) => m.name === 'acme-tuned')).toMatchObject({ trustedBy: viaCli.profile.id, status: 'installed' });
    expect((await listed(viaApp.home, viaApp.appEnv)).find((m) => m.name === 'acme-tuned')).toMatchObject({ trustedBy: viaApp.profile.id, status: 'installed' });
  });

  describe('transcription', () => {
    let wav: string;
    beforeAll(() => {
      const rep = speech('Good morning, thanks for taking the call about the renewal.', 'en-us');
      const customer = speech('Morning. We want to talk about the discount and the seats.', 'en-gb');
      wav = path.join(tempDir(), 'call.wav');
      fs.writeFileSync(wav, encodeWav({ sampleRate: 16_000, channels: [layout(14_000, [{ atMs: 500, samples: rep }]), layout(14_000, [{ atMs: 7_000, samples: customer }])] }));
    });

    it('transcribe RECORDING_ID and transcription.enqueue: the same refusal without a model, then the same transcript and audit entry with the same options', async () => {
      const { home: dir, recordingIds, appEnv, cliEnv } = await home([wav, wav]);
      const [viaCli = '', viaApp = ''] = recordingIds;

      const cliNone = await runCliCapture(['transcribe', viaCli], cliEnv);
      const appNone = await withApp(dir, async (call) => failure(await call('transcription.enqueue', { recordingId: viaApp })), appEnv);
      expect(cliNone.code).toBe(1);
      expect(cliNone.stderr).toBe(`callvault: ${appNone.message}\n`);

      expect((await runCliCapture(['models', 'import', generatedModel(1)], cliEnv)).code).toBe(0);
      const cli = await runCliCapture(['transcribe', viaCli, '--language', 'en', '--threads', '1', '--json'], cliEnv);
      expect(cli.code).toBe(0);
      expect(cli.stderr).toMatch(/Transcribing: 100%\n/);
      expect(cli.stderr).toMatch(/Stored as transcript version 1 \(1 threads\)/);

      const { transcripts, queued, settings } = await withApp(dir, async (call, services) => {
        const job = value(await call('transcription.enqueue', { recordingId: viaApp, language: 'en', threads: 1 }));
        expect(job).toMatchObject({ recordingId: viaApp, language: 'en', model: 'alpha' });
        await services.transcription.idle();
        const audit = value(await call('audit.entries', {})).filter((e) => e.event === 'transcription.queued').map((e) => JSON.parse(e.detail) as { recordingId: string });
        return {
          transcripts: [value(await call('transcripts.get', { recordingId: viaCli })), value(await call('transcripts.get', { recordingId: viaApp }))],
          queued: audit,
          settings: value(await call('transcription.settings', {})),
        };
      }, appEnv);
      const [fromCli, fromApp] = transcripts;
      expect(fromCli?.segments.length).toBeGreaterThan(0);
      expect(fromApp?.segments).toEqual(fromCli?.segments);
      expect({ ...fromApp, recordingId: 'x', createdAt: 'x', versions: [] }).toEqual({ ...fromCli, recordingId: 'x', createdAt: 'x', versions: [] });
      // What the CLI printed is what the app stores.
      expect(cli.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(fromCli?.segments);
      expect(queued).toEqual([{ recordingId: viaCli, model: 'alpha', language: 'en' }, { recordingId: viaApp, model: 'alpha', language: 'en' }]);
      // --threads and threads: 1 were for those jobs only.
      expect(settings.threads).toBe(0);
    });
  });
});
