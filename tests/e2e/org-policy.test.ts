// The organisation's signed policy decides recording (issue #14, section 3), in Debian's Chromium
// through the real browser host and a real callvault-server on loopback. The rep's laptop has a
// policy file that allows product demos; the organisation's published policy prohibits them. Once
// enrolled, the app shows the organisation's policy in force (Settings and New recording) and the
// demo cannot be chosen; when the admin publishes a material change, New recording leads only to
// the acceptance screen until the rep accepts it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenVault } from '../../src/app/vault/open-vault';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { launchChromium } from '../helpers/browser';
import { startHostProcess, type RunningHost } from '../helpers/browser-host-process';
import { PASSPHRASE, vaultContext } from '../helpers/vault-fixture';
import { startTeam, type TeamSetup } from '../integration/team/team-fixture';

let work = '';
let browser: Browser | undefined;
let team: TeamSetup | undefined;
let host: RunningHost | undefined;
let context: BrowserContext | undefined;
let rep: Page;
let orgFile = '';
/** The publication version the organisation's first policy got (the server numbers them). */
let firstVersion = 0;
const SIGNED = String.raw`, signed by your organisation's admin \(key [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}\)`;

const DEFAULT_TEXT = fs.readFileSync(path.resolve('resources/policy/default-policy.yaml'), 'utf8');
const DEMO_STANDARD = '  demo:\n    label: Product demo\n    rule: standard\n';

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-org-policy-e2e-'));
  const home = path.join(work, 'rep');
  const profile = new ProfileStore(home).create('Rita Rep');
  (await OpenVault.create(profile, PASSPHRASE, await vaultContext())).vault.close();
  // The laptop's own policy file: the shipped default, which records product demos.
  fs.writeFileSync(path.join(home, 'policy.yaml'), DEFAULT_TEXT);
  // The organisation's policy: product demos are never recorded.
  expect(DEFAULT_TEXT).toContain(DEMO_STANDARD);
  orgFile = path.join(work, 'org-policy.yaml');
  fs.writeFileSync(orgFile, DEFAULT_TEXT.replace(DEMO_STANDARD, '  demo:\n    label: Product demo\n    rule: prohibited\n    reason: Our demos show unreleased roadmap.\n'));
  [browser, team] = await Promise.all([launchChromium(), startTeam(path.join(work, 'server'))]);
  await team.stop();
  await team.restart(['--policy', orgFile]);
  host = await startHostProcess(home);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  rep = await context.newPage();
  await rep.goto(host.url);
  await rep.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await rep.getByRole('button', { name: 'Unlock' }).click();
  await rep.getByRole('button', { name: 'New recording' }).waitFor({ timeout: 60_000 });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.stop();
  await team?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

async function policyInForce(): Promise<string> {
  return rep.getByTestId('policy-in-force').first().innerText();
}

async function settingsPolicy(): Promise<string> {
  await rep.getByTestId('open-settings').click();
  const shown = await rep.getByTestId('settings-screen').getByTestId('policy-in-force').innerText();
  await rep.getByRole('button', { name: 'Back to recordings' }).click();
  return shown;
}

/** Opens New recording; acknowledges when asked; returns the Product demo option's disabled state in the form. */
async function demoDisabled(): Promise<boolean> {
  const form = rep.getByRole('form', { name: 'New recording' });
  await form.getByRole('combobox', { name: 'Call type' }).click();
  const option = rep.getByRole('option', { name: /Product demo/ });
  const disabled = (await option.getAttribute('aria-disabled')) === 'true';
  await rep.keyboard.press('Escape');
  return disabled;
}

async function backToLibrary(): Promise<void> {
  await rep.getByRole('button', { name: /Cancel|Not now|Back to recordings/ }).first().click();
  await rep.getByRole('button', { name: 'New recording' }).waitFor();
}

describe("the organisation's signed policy in Chromium", () => {
  it('before enrolment the laptop file is in force and records demos', async () => {
    expect(await settingsPolicy()).toMatch(/^Policy in force: Local policy file: .*policy\.yaml$/);
    await rep.getByRole('button', { name: 'New recording' }).click();
    await rep.getByRole('button', { name: 'I have read this and agree' }).click();
    await rep.getByRole('form', { name: 'New recording' }).waitFor({ timeout: 30_000 });
    expect(await policyInForce()).toMatch(/Local policy file/);
    expect(await demoDisabled()).toBe(false);
    await backToLibrary();
  });

  it('once enrolled, the organisation policy is in force: the demo cannot be recorded although the laptop file allows it', async () => {
    await rep.getByTestId('open-team').click();
    await rep.getByTestId('team-server-url').fill(team!.server.base);
    await rep.getByTestId('team-invite-code').fill(await team!.invite('rep', 'alpha'));
    await rep.getByTestId('team-enrol').click();
    await rep.getByText("signed by your organisation's admin key").waitFor({ timeout: 60_000 });
    await rep.getByRole('button', { name: 'Back to the library' }).click();

    const inSettings = await settingsPolicy();
    expect(inSettings).toMatch(new RegExp(`^Policy in force: Organisation policy v\\d+${SIGNED}$`));
    firstVersion = Number(/ v(\d+),/.exec(inSettings)?.[1]);
    // The organisation's policy changed call types against the laptop file's: the rep reads and agrees to it first.
    await rep.getByRole('button', { name: 'New recording' }).click();
    await rep.getByRole('button', { name: 'I have read this and agree' }).waitFor({ timeout: 30_000 });
    expect(await policyInForce()).toMatch(new RegExp(`^Policy in force: Organisation policy v${String(firstVersion)}${SIGNED}$`));
    await rep.getByRole('button', { name: 'I have read this and agree' }).click();
    await rep.getByRole('form', { name: 'New recording' }).waitFor({ timeout: 30_000 });
    expect(await policyInForce()).toMatch(new RegExp(`^Policy in force: Organisation policy v${String(firstVersion)}${SIGNED}$`));
    expect(await demoDisabled()).toBe(true);
    expect(await rep.getByRole('form', { name: 'New recording' }).innerText()).not.toMatch(/Local policy file/);
    await backToLibrary();
  });

  it('after the admin publishes a material change, recording waits until the rep accepts it', async () => {
    const changed = path.join(work, 'org-policy-v3.yaml');
    const text = fs.readFileSync(orgFile, 'utf8');
    expect(text).toContain('    - Randomly hunting for mistakes\n');
    fs.writeFileSync(changed, text.replace('    - Randomly hunting for mistakes\n', '    - Randomly hunting for mistakes\n    - Ranking reps against each other\n'));
    await team!.stop();
    await team!.restart(['--policy', changed]);
    // The next sync (opening Team) fetches and verifies it.
    await rep.getByTestId('open-team').click();
    await rep.getByTestId('team-policy-acknowledge').waitFor({ timeout: 60_000 });
    await rep.getByRole('button', { name: 'Back to the library' }).click();
    const next = firstVersion + 1;
    expect(await settingsPolicy()).toMatch(new RegExp(`^Policy in force: Organisation policy v${String(next)}${SIGNED} \\(a material change awaits your acceptance\\)$`));

    // New recording leads only to the acceptance screen; "Not now" leaves recording blocked.
    await rep.getByRole('button', { name: 'New recording' }).click();
    await rep.getByTestId('org-policy-pending').waitFor({ timeout: 30_000 });
    expect(await rep.getByTestId('org-policy-pending').innerText()).toMatch(new RegExp(`version ${String(next)} .*Recording is blocked until you accept it`));
    expect(await rep.getByRole('heading', { name: 'The recording policy changed' }).count()).toBe(1);
    expect(await rep.getByText('Ranking reps against each other').count()).toBe(1);
    expect(await rep.getByRole('form', { name: 'New recording' }).count()).toBe(0);
    await rep.getByRole('button', { name: 'Not now' }).click();
    await rep.getByRole('button', { name: 'New recording' }).click();
    await rep.getByTestId('org-policy-pending').waitFor({ timeout: 30_000 });
    expect(await rep.getByRole('form', { name: 'New recording' }).count()).toBe(0);

    await rep.getByRole('button', { name: 'I have read this and agree' }).click();
    await rep.getByRole('form', { name: 'New recording' }).waitFor({ timeout: 30_000 });
    expect(await policyInForce()).toMatch(new RegExp(`^Policy in force: Organisation policy v${String(next)}${SIGNED}$`));
    expect(await demoDisabled()).toBe(true);
    await backToLibrary();
    // Accepted here, accepted for the team too.
    await rep.getByTestId('open-team').click();
    await rep.getByText(`You accepted version ${String(next)}.`).waitFor({ timeout: 60_000 });
  });
}, 600_000);
