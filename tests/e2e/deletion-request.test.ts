// The customer deletion request dialog, in Debian's Chromium through the browser host (#15 section
// 4): the rep enters the customer's email, sees what was found (a dry run: the call that goes, the
// held call that stays, naming its hold, and a call never recorded, erased whole), confirms, and
// gets the certificate to save as JSON and PDF. The vault is checked afterwards: the call is gone,
// the held one kept, the unrecorded one erased. Axe scans the dialog at each step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenVault } from '../../src/app/vault/open-vault';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { scanScreen, type AxeFinding } from '../helpers/axe-scan';
import { launchChromium } from '../helpers/browser';
import { startHostProcess, type RunningHost } from '../helpers/browser-host-process';
import { seedCallRow, seedRecordedCall } from '../helpers/seeded-app';
import { PASSPHRASE, vaultContext } from '../helpers/vault-fixture';

const EMAIL = 'gwendolyn.farquhar@bellwether.example';
const CUSTOMER = { name: 'Gwendolyn Farquhar', email: EMAIL };
let work = '';
let home = '';
let browser: Browser | undefined;
let host: RunningHost | undefined;
let context: BrowserContext | undefined;
let page: Page;
const ids = { gone: '', held: '', holdId: 'hold-e2e-1', unrecorded: 'call-never-recorded' };

async function seedVault(): Promise<void> {
  const profile = new ProfileStore(home).create('Rita Rep');
  const { vault } = await OpenVault.create(profile, PASSPHRASE, await vaultContext());
  try {
    for (const which of ['gone', 'held'] as const) {
      ids[which] = seedRecordedCall(vault, { id: `call-${which}`, account: 'Bellwether', title: `Bellwether ${which}`, participants: [CUSTOMER] });
    }
    // A call prepared for the customer and never recorded (consent declined, say): erased whole.
    seedCallRow(vault, { id: ids.unrecorded, account: 'Bellwether', title: 'Bellwether intro', participants: [CUSTOMER] });
    vault.retention.addHold({ id: ids.holdId, recordingId: ids.held, exemptionId: 'compliance', issuerRole: 'admin', issuerKeyId: 'local', issuedAt: new Date().toISOString(), signedGrant: null, releasedAt: null });
  } finally {
    vault.close();
  }
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-deletion-e2e-'));
  home = path.join(work, 'home');
  await seedVault();
  [browser, host] = await Promise.all([launchChromium([]), startHostProcess(home)]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(host.url);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'New recording' }).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('customer deletion request dialog', () => {
  it('finds, shows the held call with its hold, deletes on confirmation, and saves the certificate', { timeout: 180_000 }, async () => {
    const found = new Map<string, AxeFinding[]>();
    await page.getByRole('button', { name: 'Customer deletion request' }).click();
    const dialog = page.getByRole('dialog', { name: 'Customer deletion request' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('button', { name: 'Find' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Email').fill(EMAIL);
    await scanScreen(page, 'deletion request: enter', found);
    await dialog.getByRole('button', { name: 'Find' }).click();

    const findings = dialog.getByTestId('deletion-findings');
    await findings.waitFor({ timeout: 60_000 });
    const text = await findings.innerText();
    expect(text).toContain('Found in 2 call(s): 1 to destroy, 0 shared clip(s) to revoke, 1 kept under a hold.');
    expect(text).toContain(`Call ${ids.gone.slice(0, 8)}`);
    expect(text).toContain('Will be destroyed: the whole call');
    expect(text).toContain(`Kept: held by compliance hold ${ids.holdId}`);
    expect(text).toContain('email #1');
    expect(text).toContain('Found in 1 call(s) without a recording: 1 to erase, 0 kept under a hold.');
    const unrecorded = await dialog.getByTestId('deletion-unrecorded-calls').innerText();
    expect(unrecorded).toContain(`Call ${ids.unrecorded.slice(0, 8)} (no recording):`);
    expect(unrecorded).toContain('Will be erased: account, title, participants, consent names and notes');
    await scanScreen(page, 'deletion request: found', found);

    await dialog.getByRole('button', { name: 'Delete what was found' }).click();
    await dialog.getByText('Done: 1 call(s) destroyed').waitFor({ timeout: 60_000 });
    expect(await findings.innerText()).toContain('1 call(s) without a recording erased, 0 kept under a hold.');
    const json = dialog.getByRole('link', { name: 'Save certificate (JSON)' });
    const [download] = await Promise.all([page.waitForEvent('download'), json.click()]);
    const saved = path.join(work, 'certificate.json');
    await download.saveAs(saved);
    const certificate = JSON.parse(fs.readFileSync(saved, 'utf8')) as { certificate: { destroyed: { recordingId: string }[]; kept: { recordingId: string }[]; callsErased?: unknown[] } };
    expect(certificate.certificate.destroyed.map((d) => d.recordingId)).toEqual([ids.gone]);
    expect(certificate.certificate.kept.map((k) => k.recordingId)).toEqual([ids.held]);
    expect(JSON.stringify(certificate.certificate.callsErased)).toContain(ids.unrecorded);
    expect(fs.readFileSync(saved, 'utf8')).not.toContain('gwendolyn');
    const [pdf] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: 'Save certificate (PDF)' }).click()]);
    const pdfFile = path.join(work, 'certificate.pdf');
    await pdf.saveAs(pdfFile);
    expect(fs.readFileSync(pdfFile).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    await scanScreen(page, 'deletion request: done', found);
    expect(Object.fromEntries(found)).toEqual({ 'deletion request: enter': [], 'deletion request: found': [], 'deletion request: done': [] });

    await host?.stop();
    host = undefined;
    const profile = new ProfileStore(home).list()[0];
    if (!profile) {
      throw new Error('no profile');
    }
    const vault = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, await vaultContext());
    try {
      expect(vault.recordings.get(ids.gone)).toBeUndefined();
      expect(vault.recordings.get(ids.held)).toBeDefined();
      expect(vault.calls.get(ids.unrecorded)?.account).toMatch(/^erased:/);
      expect(vault.audit.entries().some((e) => e.event === 'deletion.certificate_signed')).toBe(true);
      expect(vault.audit.verify().ok).toBe(true);
    } finally {
      vault.close();
    }
  });
});
