// Approvals to record an approval-gated call, in Debian's Chromium with two browser hosts (the
// rep's app and HR and legal's app, each its own process, home and vault) and a real
// callvault-server on loopback. The rep picks "Legal discussion" on New recording, asks for
// approval there (twice), HR and legal approves one and denies the other in its Inbox; the rep's
// form then offers the approved request (the denied one is listed with its denial and cannot be
// picked), the rep picks it, confirms consent (no audio before), records with Chromium's fake
// microphone, and the call page shows the approval the call was recorded under. axe at each step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/platform/audio/wav';
import { axeViolations } from '../helpers/axe-scan';
import { launchCaptureChromium, startCustomerPeer, type CustomerPeer } from '../helpers/capture-browser';
import { acknowledgePolicy, api, createVault, CUSTOMER, openCallWindows, startCaptureHost, startRecording, waitForElapsed, type CallWindows, type CaptureHost } from '../helpers/capture-app';
import { enrolInTeamScreen, openCallPage } from '../helpers/team-in-chromium';
import { startTeam, type TeamSetup } from '../integration/team/team-fixture';

const ACCOUNT = 'Quillfeather Pharma';
let work = '';
let browser: Browser | undefined;
let peer: CustomerPeer | undefined;
let team: TeamSetup | undefined;
const hosts: CaptureHost[] = [];
let repWindows: CallWindows;
let rep: Page;
let hrContext: BrowserContext | undefined;
let hr: Page;
let approvedId = '';
let deniedId = '';

function toneWav(file: string, hz: number): string {
  const rate = 48_000;
  const tone = Int16Array.from({ length: rate * 4 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * hz * i) / rate)));
  fs.writeFileSync(file, encodeWav({ sampleRate: rate, channels: [tone] }));
  return file;
}

async function host(name: string): Promise<CaptureHost> {
  const home = path.join(work, name);
  const running = await startCaptureHost(home, `${home}-tmp`);
  hosts.push(running);
  return running;
}

const form = () => rep.getByRole('form', { name: 'New recording' });
const chooser = () => rep.getByRole('region', { name: 'Approval to record' });

async function chooseLegalDiscussion(): Promise<void> {
  await form().getByRole('combobox', { name: 'Call type' }).click();
  await rep.getByRole('option', { name: /Legal discussion/ }).click();
  await form().getByLabel('Account').fill(ACCOUNT);
}

/** Waits until a dialog has faded in: axe reads colours mid-fade as too pale. */
async function shown(dialog: ReturnType<Page['getByRole']>): Promise<void> {
  await dialog.waitFor();
  type El = { closest(selector: string): El | null };
  const opacity = () =>
    dialog.evaluate((el: El) => (globalThis as unknown as { getComputedStyle(e: El): { opacity: string } }).getComputedStyle(el.closest('.MuiDialog-container') ?? el).opacity);
  await expect.poll(opacity, { timeout: 10_000 }).toBe('1');
}

async function requestIds(): Promise<string[]> {
  const rows = chooser().getByTestId('approval-request');
  const ids: string[] = [];
  for (let i = 0; i < (await rows.count()); i += 1) {
    ids.push((await rows.nth(i).getAttribute('data-request-id')) ?? '');
  }
  return ids;
}

async function askForApproval(reason: string): Promise<string> {
  const known = await requestIds();
  const before = known.length;
  await chooser().getByRole('button', { name: 'Ask for approval' }).click();
  const dialog = rep.getByRole('dialog', { name: 'Ask for approval: Legal discussion' });
  await dialog.waitFor();
  expect(await dialog.getByLabel('Account', { exact: false }).first().inputValue()).toBe(ACCOUNT);
  await dialog.getByLabel('Reason', { exact: false }).fill(reason);
  await dialog.getByRole('button', { name: 'Ask for approval' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
  await chooser().getByTestId('approval-asked').waitFor();
  await expect.poll(() => chooser().getByTestId('approval-request').count(), { timeout: 30_000 }).toBe(before + 1);
  const added = (await requestIds()).filter((id) => !known.includes(id));
  expect(added).toHaveLength(1);
  return added[0]!;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-call-approval-e2e-'));
  const mic = toneWav(path.join(work, 'mic.wav'), 300);
  const customer = toneWav(path.join(work, 'customer.wav'), 700);
  [browser, peer, team] = await Promise.all([launchCaptureChromium(mic), startCustomerPeer(customer), startTeam(path.join(work, 'server'))]);
  const [repHost, hrHost] = await Promise.all([host('rep'), host('hr')]);
  repWindows = await openCallWindows(browser, repHost, peer.url);
  rep = repWindows.app;
  await createVault(rep);
  hrContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  hr = await hrContext.newPage();
  await hr.goto(hrHost.url);
  await createVault(hr);
});

afterAll(async () => {
  await repWindows.context.close();
  await hrContext?.close();
  await browser?.close();
  await peer?.close();
  for (const running of hosts) {
    await running.stop();
  }
  await team?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('approval to record a legal discussion, in Chromium', () => {
  it('the rep asks for approval on New recording; the request shows pending and the call cannot go on', async () => {
    await enrolInTeamScreen(hr, team!, await team!.invite('hr-and-legal', null), { backToLibrary: true });
    await enrolInTeamScreen(rep, team!, await team!.invite('rep', 'alpha'), { backToLibrary: true });
    await acknowledgePolicy(rep);
    await chooseLegalDiscussion();
    await chooser().waitFor({ timeout: 30_000 });
    expect(await chooser().innerText()).toMatch(/need approval from HR and legal before recording/);
    await chooser().getByTestId('no-usable-approval').waitFor({ timeout: 30_000 });
    // The "needs approval" block is answered here, not shown as a dead end, and Continue waits.
    expect(await rep.getByTestId('prepare-blocked').count()).toBe(0);
    expect(await form().getByRole('button', { name: 'Continue to consent' }).isDisabled()).toBe(true);
    expect(await axeViolations(rep)).toEqual([]);

    // The dialog: account from the form, a default window of today and the next 7 days, bounded at 14.
    await chooser().getByRole('button', { name: 'Ask for approval' }).click();
    const dialog = rep.getByRole('dialog', { name: 'Ask for approval: Legal discussion' });
    await shown(dialog);
    const first = await dialog.getByLabel('First day').inputValue();
    const last = await dialog.getByLabel('Last day').inputValue();
    expect((Date.parse(last) - Date.parse(first)) / 86_400_000).toBe(7);
    expect(await axeViolations(rep)).toEqual([]);
    const later = new Date(Date.parse(first) + 20 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('Last day').fill(later);
    await dialog.getByText(/at most 14 days/).waitFor();
    await dialog.getByLabel('Reason', { exact: false }).fill('Outside counsel joins');
    expect(await dialog.getByRole('button', { name: 'Ask for approval' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    approvedId = await askForApproval('Outside counsel joins to review the contract');
    deniedId = await askForApproval('Second opinion on the indemnity clause');
    for (const id of [approvedId, deniedId]) {
      const row = chooser().locator(`[data-testid="approval-request"][data-request-id="${id}"]`);
      expect(await row.getAttribute('data-status')).toBe('pending');
      expect(await row.innerText()).toMatch(/Quillfeather Pharma: waiting for a decision/);
    }
    expect(await chooser().getByRole('radio').count()).toBe(0);
    expect(await form().getByRole('button', { name: 'Continue to consent' }).isDisabled()).toBe(true);
    expect(await axeViolations(rep)).toEqual([]);
  });

  it('HR and legal approves one request and denies the other in its Inbox', async () => {
    await hr.getByTestId('open-inbox').click();
    const approve = hr.locator(`[data-testid="call-approval"][data-request-id="${approvedId}"]`);
    await approve.waitFor({ timeout: 30_000 });
    expect(await approve.innerText()).toMatch(/legal-discussion with Quillfeather Pharma, asked by member\d+\.rep@members\.example: Outside counsel joins/);
    expect(await axeViolations(hr)).toEqual([]);
    await approve.getByRole('button', { name: 'Approve' }).click();
    await hr.locator(`[data-testid="call-approval"][data-request-id="${approvedId}"][data-status="approved"]`).waitFor({ timeout: 30_000 });
    await hr.locator(`[data-testid="call-approval"][data-request-id="${deniedId}"]`).getByRole('button', { name: 'Deny' }).click();
    await hr.locator(`[data-testid="call-approval"][data-request-id="${deniedId}"][data-status="denied"]`).waitFor({ timeout: 30_000 });
    expect(await axeViolations(hr)).toEqual([]);
  });

  it('the rep picks the approved request (the denied one cannot be picked), records after consent, and the call shows the approval', async () => {
    await chooser().getByRole('button', { name: 'Check for decisions' }).click();
    const choices = chooser().getByRole('radiogroup', { name: 'Record under an approval' });
    await choices.waitFor({ timeout: 30_000 });
    const radios = choices.getByRole('radio');
    expect(await radios.count()).toBe(1);
    const option = choices.getByRole('radio', { name: /Quillfeather Pharma: approved by member\d+\.hr-and-legal@members\.example · valid/ });
    expect(await option.getAttribute('value')).toBe(approvedId);
    const denied = chooser().locator(`[data-testid="approval-request"][data-request-id="${deniedId}"]`);
    expect(await denied.getAttribute('data-status')).toBe('denied');
    expect(await denied.innerText()).toMatch(/denied by member\d+\.hr-and-legal@members\.example on .*: it cannot be used/);
    expect(await axeViolations(rep)).toEqual([]);
    // The denied request is refused by the app too, should anything pass it.
    expect(await api(rep, 'calls.prepare', { callType: 'legal-discussion', account: ACCOUNT, meetingTitle: 'Contract terms', participants: [CUSTOMER], approvalId: deniedId })).toMatchObject({
      ok: true,
      value: { allowed: false, reasons: [{ code: 'approval-invalid' }] },
    });

    await option.check();
    await form().getByLabel('Meeting title').fill('Contract terms');
    await form().getByLabel('Participant 1 name').fill(CUSTOMER.name);
    await form().getByLabel('Participant 1 email').fill(CUSTOMER.email);
    await form().getByLabel('Participant 1 region').fill(CUSTOMER.region);
    await form().getByRole('button', { name: 'Continue to consent' }).click();
    await rep.getByTestId('consent-script').waitFor({ timeout: 30_000 });
    // No audio before consent.
    expect(repWindows.sentFrames()).toBe(0);
    expect(await axeViolations(rep)).toEqual([]);
    await startRecording(repWindows);
    await waitForElapsed(rep, 3);
    await rep.getByRole('button', { name: 'Stop' }).click();
    await rep.getByText(/^Recording saved \(00:0\d\)\.$/).waitFor({ timeout: 30_000 });
    expect(repWindows.sentFrames()).toBeGreaterThan(0);

    const recordings = await api<{ id: string; title: string }[]>(rep, 'recordings.list');
    const recording = recordings.ok ? recordings.value.find((r) => r.title === 'Contract terms') : undefined;
    expect(recording).toBeDefined();
    await openCallPage(rep, recording!.id);
    const record = rep.getByTestId('call-approval-record');
    await record.waitFor({ timeout: 30_000 });
    expect(await record.innerText()).toMatch(/Recorded under approval: approved by member\d+\.hr-and-legal@members\.example \(HR and legal\) on .*\. Reason: Outside counsel joins to review the contract/);
    expect(await axeViolations(rep)).toEqual([]);

    // Used: it is not offered again for another call.
    expect(await api(rep, 'calls.prepare', { callType: 'legal-discussion', account: ACCOUNT, meetingTitle: 'Follow-up', participants: [CUSTOMER], approvalId: approvedId })).toMatchObject({
      ok: true,
      value: { allowed: false, reasons: [{ code: 'approval-invalid', message: expect.stringMatching(/already used/) as unknown }] },
    });
  });
});
