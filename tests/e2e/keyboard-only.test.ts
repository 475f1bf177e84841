// A new rep's first call with the keyboard alone, in Debian's Chromium through the browser host:
// create a profile and vault, save and confirm the recovery key, acknowledge the policy, set up a
// call, record consent, record and stop, using only Tab, Shift+Tab, arrows, Enter, Escape and
// typing. Focus is asserted where each screen starts. (The customer's tab playing audio is the
// other party, not the rep, and is started from outside the app.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voiceWav } from '../helpers/audio-match';
import { launchCaptureChromium, startCustomerPeer, type CustomerPeer } from '../helpers/capture-browser';
import { api, CUSTOMER, openCallWindows, startCaptureHost, waitForElapsed, type CaptureHost } from '../helpers/capture-app';
import { PASSPHRASE } from '../helpers/vault-fixture';

let work = '';
let browser: Browser | undefined;
let peer: CustomerPeer | undefined;
let host: CaptureHost | undefined;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-keyboard-'));
  const mic = voiceWav(work, 'rep', 'en-us', 'Thanks for making time today, let us talk about the renewal.');
  const customer = voiceWav(work, 'customer', 'en-gb+f3', 'Sure, happy to talk about the renewal and the budget.');
  [browser, peer] = await Promise.all([launchCaptureChromium(mic), startCustomerPeer(customer)]);
  host = await startCaptureHost(path.join(work, 'home'), path.join(work, 'tmp'));
});

afterAll(async () => {
  await browser?.close();
  await peer?.close();
  await host?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** What has focus: tag, then its accessible name as the page gives it (aria-label, label, text). */
function focused(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const e = document.activeElement;
    if (!e || e === document.body) { return 'body'; }
    const by = e.getAttribute('aria-labelledby');
    const labelled = by ? by.split(' ').map((id) => (document.getElementById(id) || {}).textContent || '').join(' ') : null;
    const label = e.getAttribute('aria-label') ?? labelled ?? (e.labels && e.labels[0] ? e.labels[0].textContent : null) ?? e.textContent ?? '';
    return e.tagName.toLowerCase() + ':' + label.replace(/\\s+/g, ' ').replace(/\\s*\\*$/, '').trim();
  })()`);
}

async function waitForFocus(page: Page, expected: string | RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  let now = await focused(page);
  while (!(typeof expected === 'string' ? now === expected : expected.test(now)) && Date.now() < deadline) {
    await page.waitForTimeout(50);
    now = await focused(page);
  }
  expect(now).toMatch(expected);
}

/** Presses Tab (forwards) until the focused element is `target`; fails after 40 presses. */
async function tabTo(page: Page, target: string | RegExp): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    const now = await focused(page);
    if (typeof target === 'string' ? now === target : target.test(now)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)} (last: ${await focused(page)})`);
}

describe('the keyboard alone', () => {
  it('takes a new rep from first run to a recorded call', async () => {
    if (!browser || !peer || !host) {
      throw new Error('set-up failed');
    }
    const { app, customer, context } = await openCallWindows(browser, host, peer.url);
    const kb = app.keyboard;

    await app.getByLabel('Display name').waitFor();
    await tabTo(app, 'input:Display name');
    await kb.type('Kim Keys');
    await kb.press('Enter');

    await app.getByRole('heading', { name: 'Create your vault' }).waitFor();
    await waitForFocus(app, 'input:Passphrase');
    await kb.type(PASSPHRASE);
    await tabTo(app, 'input:Confirm passphrase');
    await kb.type(PASSPHRASE);
    await kb.press('Enter');

    const key = ((await app.getByTestId('recovery-key').textContent({ timeout: 60_000 })) ?? '').trim();
    await tabTo(app, /^button:I saved it/);
    await kb.press('Enter');
    await waitForFocus(app, /^input:Group \d+ of your recovery key$/);
    const group = Number(/Group (\d+)/.exec(await focused(app))?.[1]);
    await kb.type(key.split('-')[group - 1] ?? '');
    await kb.press('Enter');

    await waitForFocus(app, 'h1:Recordings');
    await tabTo(app, 'button:New recording');
    await kb.press('Enter');
    await app.getByRole('heading', { name: 'Before your first recording' }).waitFor();
    await waitForFocus(app, 'h1:Before your first recording');
    await tabTo(app, 'button:I have read this and agree');
    await kb.press('Enter');

    await waitForFocus(app, 'h1:New recording');
    await tabTo(app, /^div:Call type/);
    await kb.press('Enter');
    await app.getByRole('listbox').waitFor();
    for (let i = 0; i < 12 && !/Discovery call/.test(await focused(app)); i += 1) {
      await kb.press('ArrowDown');
    }
    expect(await focused(app)).toMatch(/Discovery call/);
    await kb.press('Enter');
    await tabTo(app, 'input:Account');
    await kb.type('Acme');
    await tabTo(app, 'input:Meeting title');
    await kb.type('Acme discovery');
    await tabTo(app, 'input:Participant 1 name');
    await kb.type(CUSTOMER.name);
    await tabTo(app, 'input:Participant 1 email');
    await kb.type(CUSTOMER.email);
    await tabTo(app, 'input:Participant 1 region');
    await kb.type(CUSTOMER.region);
    await tabTo(app, 'button:Continue to consent');
    await kb.press('Enter');

    await app.getByTestId('consent-script').waitFor();
    await waitForFocus(app, /^h1:/);
    await tabTo(app, `button:Granted: ${CUSTOMER.name}`);
    await kb.press('Enter');
    await app.getByTestId('consent-gate').filter({ hasText: 'You may start recording' }).waitFor();
    await customer.evaluate('document.getElementById("voice").play()');
    await app.bringToFront();
    await tabTo(app, 'button:Start recording');
    await kb.press('Enter');
    await app.getByTestId('recording-state').filter({ hasText: /^Recording$/ }).waitFor({ timeout: 30_000 });
    await waitForElapsed(app, 2);
    await tabTo(app, 'button:Stop');
    await kb.press('Enter');
    await app.getByText(/^Recording saved \(00:0\d\)\.$/).waitFor();

    const listed = await api<{ title: string; status: string; durationMs: number }[]>(app, 'recordings.list');
    expect(listed).toMatchObject({ ok: true, value: [{ title: 'Acme discovery', status: 'complete' }] });
    await context.close();
  });
});
