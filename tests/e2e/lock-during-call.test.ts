// Locking during a call in Debian's Chromium through the browser host: paused meters say that
// nothing is recorded, the Lock button asks first (keeping on recording is the default), and a
// call stopped by the lock is saved and queued for transcription like any other.
import { describe, expect, it } from 'vitest';
import { acknowledgePolicy, api, captureStatus, setUpDiscoveryCall, startRecording, waitForElapsed } from '../helpers/capture-app';
import { captureSuite } from '../helpers/capture-suite';
import { PASSPHRASE } from '../helpers/vault-fixture';

const suite = captureSuite();

describe('locking during a call', () => {
  it('shows paused meters, asks before locking, and saves and queues the call the lock stopped', async () => {
    const w = await suite.begin();
    // A model named in the settings, so the stopped call is queued without one installed.
    expect(await api(w.app, 'transcription.setSettings', { threads: 1, language: 'en', model: 'base.en', autoTranscribe: true })).toMatchObject({ ok: true });
    await acknowledgePolicy(w.app);
    await setUpDiscoveryCall(w.app, 'Acme lock test');
    await startRecording(w);
    await waitForElapsed(w.app, 2);

    await w.app.getByRole('button', { name: 'Pause', exact: true }).click();
    await w.app.getByTestId('meter-paused').first().waitFor();
    expect(await w.app.getByTestId('meter-paused').count()).toBe(2);
    expect(await w.app.getByRole('progressbar', { name: 'Your microphone level' }).getAttribute('aria-valuetext')).toBe('Paused: not recording');
    await w.app.getByRole('button', { name: 'Resume', exact: true }).click();
    await w.app.getByTestId('recording-state').filter({ hasText: /^Recording$/ }).waitFor();
    expect(await w.app.getByTestId('meter-paused').count()).toBe(0);

    // Lock asks; Escape (or Keep recording) leaves the call running.
    await w.app.getByRole('button', { name: 'Lock', exact: true }).click();
    const dialog = w.app.getByRole('dialog', { name: 'Lock during this call?' });
    await dialog.waitFor();
    expect(await w.app.locator(':focus').textContent()).toBe('Keep recording');
    await w.app.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await captureStatus(w.app)).toMatchObject({ state: 'capturing' });

    await w.app.getByRole('button', { name: 'Lock', exact: true }).click();
    await dialog.getByRole('button', { name: 'Stop recording and lock' }).click();
    await w.app.getByRole('button', { name: 'Unlock' }).waitFor();
    await w.app.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await w.app.getByRole('button', { name: 'Unlock' }).click();
    await w.app.getByRole('button', { name: 'New recording' }).waitFor({ timeout: 60_000 });

    const [saved] = await suite.recordings(w);
    expect(saved).toMatchObject({ title: 'Acme lock test', status: 'complete' });
    const jobs = await api<{ recordingId: string }[]>(w.app, 'transcription.jobs');
    expect(jobs).toMatchObject({ ok: true, value: [{ recordingId: saved?.id }] });
  });
});
