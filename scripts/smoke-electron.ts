// `npm run smoke:electron`: the release check for machines where Electron runs (a laptop or a
// release CI image with a display or xvfb; never these build machines, which cannot download
// Electron). It builds the Electron app and its SQLite module, launches the real window with a
// fake microphone, creates a vault, sets up a call, records five seconds, stops, checks the
// recording is in the library and sealed on disk, and quits. Exit 0 on success.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { encodeWav } from '../src/platform/audio/wav';
import { acknowledgePolicy, api, CUSTOMER, createVault, recordingFiles, setUpDiscoveryCall, waitForElapsed } from '../tests/helpers/capture-app';
import { BASE_CHROMIUM_ARGS, fakeMicrophoneArgs } from '../tests/helpers/browser';

const root = path.resolve(import.meta.dirname, '..');
const step = (text: string): void => { console.log(`smoke:electron: ${text}`); };

/** Ten seconds of a 440 Hz tone at 48 kHz for the fake microphone. */
function toneWav(file: string): void {
  const rate = 48_000;
  const samples = new Int16Array(rate * 10).map((_, i) => Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8_000));
  fs.writeFileSync(file, encodeWav({ sampleRate: rate, channels: [samples] }));
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-smoke-'));
try {
  step('building the Electron app and its SQLite module');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-native-electron.mjs')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  const mic = path.join(scratch, 'mic.wav');
  toneWav(mic);
  const home = path.join(scratch, 'home');
  step('launching the window');
  const electronApp = await _electron.launch({
    args: [path.join(root, 'out', 'main', 'index.js'), ...BASE_CHROMIUM_ARGS.filter((flag) => flag !== '--no-sandbox'), ...fakeMicrophoneArgs(mic), '--auto-select-desktop-capture-source=Entire screen'],
    cwd: root,
    env: { ...process.env, CALLVAULT_HOME: home },
  });
  try {
    const page = await electronApp.firstWindow();
    step('creating a vault');
    await createVault(page);
    await acknowledgePolicy(page);
    await setUpDiscoveryCall(page, 'Electron smoke');
    await page.getByRole('button', { name: `Granted: ${CUSTOMER.name}` }).click();
    await page.getByTestId('consent-gate').filter({ hasText: 'You may start recording' }).waitFor();
    step('recording five seconds');
    await page.getByRole('button', { name: 'Start recording' }).click();
    await page.getByTestId('recording-state').filter({ hasText: /^Recording$/ }).waitFor({ timeout: 30_000 });
    await waitForElapsed(page, 5);
    await page.getByRole('button', { name: 'Stop' }).click();
    const list = await api<{ title: string; status: string }[]>(page, 'recordings.list');
    if (!list.ok || !list.value.some((r) => r.title === 'Electron smoke')) {
      throw new Error(`the recording is not in the library: ${JSON.stringify(list)}`);
    }
    if (recordingFiles(home).length === 0) {
      throw new Error('no sealed recording files were written');
    }
  } finally {
    await electronApp.close();
  }
  step('passed');
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
