// The microphone the rep chose in Settings is the one asked for when recording starts, in
// Debian's Chromium with its fake capture devices ("Fake Audio Input 1" and "2" beside the
// default) through the browser host. An init script wraps navigator.mediaDevices.getUserMedia
// and notes each audio request's deviceId constraint and the device of the track it returned;
// the rep picks the last fake input in Settings and records: the request names that device and
// the track comes from it, not from the system default.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/platform/audio/wav';
import { launchCaptureChromium, startCustomerPeer, type CustomerPeer } from '../helpers/capture-browser';
import { acknowledgePolicy, api, createVault, openCallWindows, setUpDiscoveryCall, startCaptureHost, startRecording, waitForElapsed, type CallWindows, type CaptureHost } from '../helpers/capture-app';

const RATE = 16_000;
/** Notes what each getUserMedia call asked for and which device answered (a script string: the tests are typechecked without the DOM library). */
const WRAP_GET_USER_MEDIA = `(() => {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  window.__micRequests = [];
  devices.getUserMedia = async (constraints) => {
    const note = { deviceId: constraints && typeof constraints.audio === 'object' ? (constraints.audio.deviceId ?? null) : null, answeredBy: null };
    window.__micRequests.push(note);
    const stream = await original(constraints);
    const track = stream.getAudioTracks()[0];
    note.answeredBy = track ? track.getSettings().deviceId ?? null : null;
    return stream;
  };
})()`;

type MicRequest = { deviceId: unknown; answeredBy: string | null };

let work = '';
let browser: Browser | undefined;
let peer: CustomerPeer | undefined;
let host: CaptureHost | undefined;
let w: CallWindows;
let app: Page;

function toneWav(name: string, hz: number): string {
  const tone = Int16Array.from({ length: RATE * 6 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * hz * i) / RATE)));
  const file = path.join(work, name);
  fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [tone] }));
  return file;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-mic-choice-'));
  [browser, peer, host] = await Promise.all([
    launchCaptureChromium(toneWav('rep.wav', 300)),
    startCustomerPeer(toneWav('customer.wav', 500)),
    startCaptureHost(path.join(work, 'home'), path.join(work, 'tmp')),
  ]);
  // The wrapper is in place before the app's first load: adding it and reloading raced the host's
  // session token (a reload before it arrives leaves the tab only its spent launch token).
  w = await openCallWindows(browser, host, peer.url, { initScript: WRAP_GET_USER_MEDIA });
  app = w.app;
  await createVault(app);
});

afterAll(async () => {
  await w.context.close();
  await browser?.close();
  await peer?.close();
  await host?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the microphone chosen in Settings', () => {
  it('is the one asked for, and the one heard, when recording starts', async () => {
    await app.getByRole('button', { name: 'Settings' }).click();
    await app.getByTestId('settings-screen').waitFor();
    await app.getByRole('combobox', { name: 'Microphone' }).click();
    const options = app.getByRole('listbox').getByRole('option');
    // The system default and at least two fake inputs, named (the microphone permission is granted).
    await expect.poll(() => options.count()).toBeGreaterThanOrEqual(3);
    const label = (await options.last().innerText()).trim();
    expect(label).toMatch(/Fake Audio Input/);
    await options.last().click();
    await app.getByRole('button', { name: 'Save settings' }).click();
    await app.getByText('Settings saved.').waitFor();
    const chosen: string = await app.evaluate(`navigator.mediaDevices.enumerateDevices().then((all) => all.find((d) => d.kind === 'audioinput' && d.label === ${JSON.stringify(label)}).deviceId)`);
    expect(chosen).not.toBe('default');
    await app.getByRole('button', { name: 'Back to recordings' }).click();

    await acknowledgePolicy(app);
    await setUpDiscoveryCall(app, 'Acme discovery');
    await startRecording(w);
    await waitForElapsed(app, 1);
    const requests: MicRequest[] = await app.evaluate('window.__micRequests');
    const last = requests.at(-1);
    expect(last?.deviceId).toEqual({ exact: chosen });
    expect(last?.answeredBy).toBe(chosen);
    await app.getByRole('button', { name: 'Stop' }).click();
    await app.getByText(/^Recording saved/).waitFor();
  });

  it('falls back to the system default when the chosen one is gone (unplugged)', async () => {
    const saved = await api<{ region: string; defaultCallType: string; microphoneId: string }>(app, 'settings.get');
    expect(saved.ok).toBe(true);
    const { region, defaultCallType } = saved.ok ? saved.value : { region: '', defaultCallType: '' };
    expect((await api(app, 'settings.set', { region, defaultCallType, microphoneId: 'a-microphone-that-was-unplugged' })).ok).toBe(true);
    const before = await app.evaluate<number>('window.__micRequests.length');
    await app.getByRole('button', { name: 'New recording' }).click();
    await app.getByRole('form', { name: 'New recording' }).waitFor();
    await setUpDiscoveryCall(app, 'Acme follow-up');
    await startRecording(w);
    await waitForElapsed(app, 1);
    const requests = (await app.evaluate<MicRequest[]>('window.__micRequests')).slice(before);
    expect(requests.map((r) => r.deviceId)).toEqual([{ exact: 'a-microphone-that-was-unplugged' }, null]);
    expect(requests[1]?.answeredBy).toBe('default');
    await app.getByRole('button', { name: 'Stop' }).click();
    await app.getByText(/^Recording saved/).waitFor();
  });
});
