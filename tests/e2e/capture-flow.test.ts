// The capture flow end to end in Debian's Chromium through the browser host: consent, real
// capture of two different voices (the rep's fake microphone and the customer's tab, shared by
// Chromium's own tab capture), storage, and what the vault holds afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../src/app/recording/crash-recovery';
import { alignedCorrelation, bestLagCorrelation, resampled } from '../helpers/audio-match';
import {
  acknowledgePolicy,
  agreeToPolicy,
  api,
  captureStatus,
  CUSTOMER,
  elapsedText,
  filesUnder,
  openNewRecording,
  readStoredAudio,
  recordingFiles,
  setUpDiscoveryCall,
  settledVaultState,
  startRecording,
  tmpEntries,
  waitForElapsed,
} from '../helpers/capture-app';
import { captureSuite } from '../helpers/capture-suite';
import { PASSPHRASE } from '../helpers/vault-fixture';
import { rms } from '../helpers/wav';

const STORED_RATE = 16_000;
const CAPTURE_RATE = 48_000;

const suite = captureSuite();
const { begin, recordings } = suite;

describe('policy acknowledgment', () => {
  it('allows no recording before the policy is acknowledged', async () => {
    const w = await begin();
    const refused = await api(w.app, 'calls.prepare', { callType: 'discovery', account: 'Acme', meetingTitle: 'Acme discovery', participants: [CUSTOMER] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY_NOT_ACKNOWLEDGED' } });

    // Waits for the policy check to end (slow on a loaded machine) and fails with its error if it failed.
    await openNewRecording(w.app, 'acknowledge');
    expect(await w.app.getByRole('form', { name: 'New recording' }).count()).toBe(0);
    for (const section of ['Why we record', 'Recordings will be used for', 'Only with extra approval', 'Recordings will never be used for']) {
      expect(await w.app.getByRole('region', { name: section }).count()).toBe(1);
    }
    expect(await w.app.getByRole('region', { name: 'Only with extra approval' }).innerText()).toMatch(/Approved by: HR and legal, Sales leadership/);

    await agreeToPolicy(w.app);
    expect(await api(w.app, 'policy.acknowledgment')).toMatchObject({ ok: true, value: { needed: false } });
  });
});

describe('policy administration', () => {
  it('shows the install’s owner the review notice (no roles to tick), and blocks recording with the reasons while the policy is invalid', async () => {
    const w = await begin();
    // Roles come from the organisation (or, on a personal install, are fixed): nothing to tick.
    await w.app.getByRole('button', { name: 'Settings' }).click();
    await w.app.getByTestId('settings-screen').waitFor();
    expect(await w.app.getByText(/Roles|Policy administrator|HR and legal/).count()).toBe(0);
    await w.app.getByRole('button', { name: 'Back to recordings' }).click();
    const notice = w.app.getByTestId('review-notice');
    await notice.filter({ hasText: /no rollout date/ }).waitFor();
    await notice.getByRole('button', { name: 'Mark review held' }).click();
    await w.app.getByText('Policy review recorded for today.').waitFor();

    // Sales operations installs a broken policy: it is read afresh, and recording stops being possible.
    fs.writeFileSync(path.join(suite.host().home, 'policy.yaml'), 'schemaVersion: 1\npolicy: [unterminated\n');
    await w.app.reload();
    // Connected and unlocked again before the library's policy check is looked for.
    expect(await settledVaultState(w.app)).toBe('unlocked');
    const blocked = w.app.getByTestId('policy-blocked');
    await blocked.waitFor();
    expect(await blocked.innerText()).toMatch(/invalid[\s\S]*policy\.yaml:\d+:\d+/);
    expect(await w.app.getByRole('button', { name: 'New recording' }).isDisabled()).toBe(true);
    const prepared = await api(w.app, 'calls.prepare', { callType: 'discovery', account: 'Acme', meetingTitle: 'Acme discovery', participants: [CUSTOMER] });
    expect(prepared).toMatchObject({ ok: true, value: { allowed: false, reasons: [{ code: 'policy-unavailable' }] } });
  });
});

describe('a call the policy blocks', () => {
  it('says so in words as soon as the title or the call type decides it, before Continue, with what to do instead', async () => {
    const w = await begin();
    await acknowledgePolicy(w.app);
    const form = w.app.getByRole('form', { name: 'New recording' });
    await form.getByRole('combobox', { name: 'Call type' }).click();
    await w.app.getByRole('option', { name: /Discovery call/ }).click();
    await form.getByLabel('Account').fill('Acme');
    await form.getByLabel('Meeting title').fill('Privileged pricing strategy');
    const blocked = w.app.getByTestId('prepare-blocked');
    await blocked.waitFor();
    const text = await blocked.innerText();
    expect(text).toMatch(/never recorded/);
    expect(text).toMatch(/take notes/i);
    expect(text).not.toMatch(/doNotRecord|titleKeywords|Policy rule/);
    expect(await form.getByRole('button', { name: 'Continue to consent' }).isDisabled()).toBe(true);

    await form.getByLabel('Meeting title').fill('Acme contract review');
    await blocked.waitFor({ state: 'detached' });
    await form.getByRole('combobox', { name: 'Call type' }).click();
    await w.app.getByRole('option', { name: /Legal discussion/ }).click();
    await blocked.filter({ hasText: /team server/ }).waitFor();
    expect(await form.getByRole('button', { name: 'Continue to consent' }).isDisabled()).toBe(true);
    // No typed approval: the form has no approver fields.
    expect(await form.getByLabel(/Approved by|Approver/).count()).toBe(0);
    expect(await api(w.app, 'recordings.list')).toMatchObject({ ok: true, value: [] });
  });
});

describe('consent-gated capture in Chromium', () => {
  it('records both sides after consent; the stored audio decrypts and each channel matches its own voice', async () => {
    const w = await begin();
    await acknowledgePolicy(w.app);
    await setUpDiscoveryCall(w.app, 'Acme discovery');
    await startRecording(w);
    await waitForElapsed(w.app, 2);
    await w.app.keyboard.press('Control+B');
    const bookmark = w.app.getByRole('dialog', { name: 'Bookmark this moment' });
    await bookmark.getByLabel('Bookmark note (optional)').fill('pricing question');
    await bookmark.getByLabel('Bookmark note (optional)').press('Enter');
    await w.app.getByText(/^Bookmark added at 00:0[2-4]\.$/).waitFor();
    await waitForElapsed(w.app, 5);
    await w.app.getByRole('button', { name: 'Stop' }).click();
    await w.app.getByText(/^Recording saved \(00:0[5-9]\)\.$/).waitFor();
    await w.app.getByRole('listitem', { name: 'Acme discovery' }).getByText('Complete').waitFor();
    const [summary] = await recordings(w);
    expect(summary).toMatchObject({ title: 'Acme discovery', status: 'complete' });

    const running = suite.host();
    await running.stop();
    const stored = await readStoredAudio(running.home, summary!.id);
    expect(stored.report.ok).toBe(true);
    expect(stored.sampleRate).toBe(STORED_RATE);
    expect(stored.bookmarks).toEqual([{ atMs: expect.any(Number) as unknown, note: 'pricing question' }]);
    expect(stored.bookmarks[0]!.atMs).toBeGreaterThanOrEqual(2000);
    const [mic, customer] = stored.channels;
    const storedSeconds = mic!.length / STORED_RATE;
    const sentSeconds = w.sentFrames() / CAPTURE_RATE;
    expect(storedSeconds).toBeGreaterThan(4.9);
    // Every block the page sent is in the vault (a lost quarter-second block would show here).
    expect(Math.abs(storedSeconds - sentSeconds)).toBeLessThan(0.1);

    // The first quarter second holds the capture starting up; compare what follows.
    const rep = resampled(suite.voices().mic, STORED_RATE);
    const them = resampled(suite.voices().customer, STORED_RATE);
    const skip = STORED_RATE / 4;
    const micMatch = alignedCorrelation(mic!.subarray(skip), rep);
    const customerMatch = alignedCorrelation(customer!.subarray(skip), them);
    const crossed = [bestLagCorrelation(mic!.subarray(skip), them), bestLagCorrelation(customer!.subarray(skip), rep)];
    const figures = (m: typeof micMatch) => `${m.correlation.toFixed(4)} (median window ${m.medianWindow.toFixed(4)}, single lag ${m.global.correlation.toFixed(4)}, ${m.discontinuities} glitches)`;
    process.stdout.write(
      `capture correlation: mic ${figures(micMatch)}, customer ${figures(customerMatch)}; crossed ${crossed.map((c) => c.correlation.toFixed(3)).join(', ')}; ${storedSeconds.toFixed(2)} s stored, ${sentSeconds.toFixed(2)} s sent\n`,
    );
    // Each channel is its own voice: most windows match it closely, and overall it matches well
    // even when the playing tab glitched under load (seen once in CI: 9 glitches, 0.87 overall).
    // Nothing the product loses hides here: stored = sent seconds is checked above.
    for (const match of [micMatch, customerMatch]) {
      expect(match.medianWindow).toBeGreaterThan(0.95);
      expect(match.correlation).toBeGreaterThan(0.8);
    }
    // Each channel holds its own side only.
    for (const c of crossed) {
      expect(Math.abs(c.correlation)).toBeLessThan(0.3);
    }
  });
});

describe('consent answers during the call', () => {
  it('consent declined: nothing is captured or written, and manual notes are kept instead', async () => {
    const w = await begin();
    const running = suite.host();
    await acknowledgePolicy(w.app);
    // The host and Chromium each have their own TMPDIR, checked here. The system one is shared with
    // every other process on the machine (other test runs' temp directories came and went in it),
    // so what appears there says nothing about this call.
    const hostTmpBefore = filesUnder(running.tmp);
    const browserTmpBefore = tmpEntries(suite.browserTmp());
    await setUpDiscoveryCall(w.app, 'Acme renewal');
    await w.app.getByRole('button', { name: `Declined: ${CUSTOMER.name}` }).click();
    await w.app.getByRole('heading', { name: 'Consent declined' }).waitFor();
    expect(await w.app.getByTestId('not-recording').innerText()).toMatch(/Casey Customer declined to be recorded/);
    const asked = await w.app.getByRole('region', { name: 'What the policy asks you to do' }).innerText();
    expect(asked).toMatch(/Continue the meeting without recording/);
    expect(asked).toMatch(/Take manual notes/);

    await w.app.getByLabel('Manual notes').fill('Customer wants pricing by Friday');
    await w.app.getByRole('button', { name: 'Save notes' }).click();
    await w.app.getByTestId('notes-state').filter({ hasText: 'Saved in your vault' }).waitFor();

    expect(w.sentFrames()).toBe(0);
    expect(await captureStatus(w.app)).toBeNull();
    expect(await recordings(w)).toEqual([]);
    expect(recordingFiles(running.home)).toEqual([]);
    expect([...filesUnder(running.tmp)].filter((f) => !hostTmpBefore.has(f))).toEqual([]);
    expect([...tmpEntries(suite.browserTmp())].filter((e) => !browserTmpBefore.has(e))).toEqual([]);
  });

  it('a late joiner pauses capture until their consent is on record, then it resumes', async () => {
    const w = await begin();
    await acknowledgePolicy(w.app);
    await setUpDiscoveryCall(w.app, 'Acme demo');
    await startRecording(w);
    await waitForElapsed(w.app, 2);

    await w.app.getByRole('button', { name: 'Someone joined' }).click();
    const dialog = w.app.getByRole('dialog', { name: 'Someone joined the call' });
    await dialog.getByLabel('Joiner name').fill('Jo Joiner');
    await dialog.getByLabel('Joiner email').fill('jo@acme.example');
    await dialog.getByLabel('Joiner region (optional)').fill('DE');
    await dialog.getByRole('button', { name: 'Add participant' }).click();

    await w.app.getByTestId('pause-notice').filter({ hasText: 'Paused: waiting for consent from Jo Joiner' }).waitFor();
    await w.app.getByTestId('recording-state').filter({ hasText: /^Paused$/ }).waitFor();
    const paused = await captureStatus(w.app);
    expect(paused).toMatchObject({ state: 'paused', pauseReason: expect.stringMatching(/Jo Joiner/) as unknown });
    // Only the joiner's answer resumes.
    expect(await w.app.getByRole('button', { name: 'Resume' }).isDisabled()).toBe(true);
    const shown = await elapsedText(w.app);
    await w.app.waitForTimeout(1500);
    expect((await captureStatus(w.app))?.recordedMs).toBe(paused!.recordedMs);
    expect(await elapsedText(w.app)).toBe(shown);

    await w.app.getByRole('button', { name: 'Granted: Jo Joiner' }).click();
    await w.app.getByTestId('recording-state').filter({ hasText: /^Recording$/ }).waitFor();
    expect(await w.app.getByTestId('pause-notice').count()).toBe(0);
    await expect.poll(async () => (await captureStatus(w.app))?.recordedMs ?? 0, { timeout: 15_000 }).toBeGreaterThan(paused!.recordedMs + 1000);
    expect(await captureStatus(w.app)).toMatchObject({ state: 'capturing' });
    await w.app.getByRole('button', { name: 'Stop' }).click();
    await w.app.getByText(/^Recording saved/).waitFor();
  });

  it('a withdrawal stops capture at once and, under the default policy, destroys what was captured', async () => {
    const w = await begin();
    const running = suite.host();
    await acknowledgePolicy(w.app);
    await setUpDiscoveryCall(w.app, 'Acme onboarding');
    await startRecording(w);
    await waitForElapsed(w.app, 2);
    expect(recordingFiles(running.home)).toHaveLength(1);

    await w.app.getByRole('button', { name: 'Consent withdrawn' }).click();
    await w.app.getByRole('menuitem', { name: `${CUSTOMER.name} withdrew consent` }).click();
    await w.app.getByRole('heading', { name: 'Recording stopped' }).waitFor();
    expect(await w.app.getByTestId('not-recording').innerText()).toMatch(/Casey Customer withdrew consent\. Everything captured in this call was deleted/);
    expect(await w.app.getByTestId('recording-indicator').count()).toBe(0);
    expect(await captureStatus(w.app)).toBeNull();
    expect(recordingFiles(running.home)).toEqual([]);
    expect(await recordings(w)).toEqual([]);
    // The page sends nothing more: the devices are closed.
    const sent = w.sentFrames();
    await w.app.waitForTimeout(1000);
    expect(w.sentFrames()).toBe(sent);
  });
});

describe('customer side unavailable', () => {
  it('when sharing stops mid-call the rep may go on with the microphone only, and the customer channel is silent', async () => {
    const w = await begin();
    await acknowledgePolicy(w.app);
    await setUpDiscoveryCall(w.app, 'Acme check-in');
    await startRecording(w);
    await waitForElapsed(w.app, 1);

    await w.app.getByRole('button', { name: 'Pause' }).click();
    await w.app.getByTestId('pause-notice').filter({ hasText: 'Paused by you' }).waitFor();
    expect(await captureStatus(w.app)).toMatchObject({ state: 'paused' });
    await w.app.getByRole('button', { name: 'Resume' }).click();
    await w.app.getByTestId('recording-state').filter({ hasText: /^Recording$/ }).waitFor();

    // The shared tab goes away (the customer's meeting tab was closed).
    await w.customer.close();
    await w.app.getByTestId('customer-side-problem').filter({ hasText: /Sharing stopped/ }).waitFor();
    await w.app.getByRole('button', { name: 'Record my microphone only' }).click();
    await w.app.getByTestId('microphone-only').waitFor();
    const switched = (await captureStatus(w.app))!.recordedMs;
    await expect.poll(async () => (await captureStatus(w.app))?.recordedMs ?? 0, { timeout: 15_000 }).toBeGreaterThan(switched + 2000);
    await w.app.getByRole('button', { name: 'Stop' }).click();
    await w.app.getByText(/^Recording saved/).waitFor();

    const [summary] = await recordings(w);
    const running = suite.host();
    await running.stop();
    const stored = await readStoredAudio(running.home, summary!.id);
    const [mic, customer] = stored.channels;
    const lastSeconds = (channel: Int16Array) => channel.subarray(channel.length - STORED_RATE * 1.5);
    expect(rms(lastSeconds(customer!))).toBeLessThan(0.001);
    expect(rms(lastSeconds(mic!))).toBeGreaterThan(0.01);
  });
});

describe('crash during capture', () => {
  it('kill -9 loses at most a second of what the page sent, and the recording is recovered at the next unlock', async () => {
    const w = await begin();
    const killed = suite.host();
    await acknowledgePolicy(w.app);
    await setUpDiscoveryCall(w.app, 'Acme expansion');
    await startRecording(w);
    await waitForElapsed(w.app, 4);
    const shownBeforeKill = await elapsedText(w.app);
    await killed.kill();
    await w.app.getByTestId('capture-error').filter({ hasText: /Recording stopped/ }).waitFor();
    // Everything that left the page until it saw the connection close (a little more than reached the host).
    const sentSeconds = w.sentFrames() / CAPTURE_RATE;
    const again = await suite.restart();
    await again.app.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await again.app.getByRole('button', { name: 'Unlock' }).click();
    const item = again.app.getByRole('listitem', { name: 'Acme expansion' });
    const chip = item.getByText(/^Recovered, truncated at \d\d:\d\d$/);
    await chip.waitFor({ timeout: 60_000 });
    const [summary] = await recordings(again);
    expect(summary).toMatchObject({ status: 'recovered' });
    const recoveredMs = summary!.recoveredAtMs ?? 0;
    expect(await chip.innerText()).toBe(`Recovered, truncated at ${formatTimestamp(recoveredMs)}`);

    await item.getByRole('button', { name: 'Keep Acme expansion' }).click();
    await item.getByText('Complete').waitFor();
    const restarted = suite.host();
    await restarted.stop();
    const stored = await readStoredAudio(restarted.home, summary!.id);
    const storedSeconds = stored.channels[0]!.length / STORED_RATE;
    process.stdout.write(
      `crash loss: ${(sentSeconds - storedSeconds).toFixed(3)} s (page sent ${sentSeconds.toFixed(3)} s, showed ${shownBeforeKill} before the kill; recovered ${storedSeconds.toFixed(3)} s, truncated at ${recoveredMs} ms)\n`,
    );
    expect(stored.status).toBe('complete');
    expect(storedSeconds).toBeGreaterThanOrEqual(sentSeconds - 1);
    expect(Math.abs(recoveredMs / 1000 - storedSeconds)).toBeLessThan(0.05);
  });
});
