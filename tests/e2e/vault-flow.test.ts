import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startHostProcess, type RunningHost } from '../helpers/browser-host-process';
import { methodNames } from '../../src/shared/contract';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PASSPHRASE } from '../helpers/vault-fixture';

let browser: Browser;
let host: RunningHost;

beforeAll(async () => {
  [browser, host] = await Promise.all([launchChromium(), startHostProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-e2e-')))]);
});
afterAll(async () => {
  await browser.close();
  await host.stop();
  fs.rmSync(host.home, { recursive: true, force: true });
});

let printedLinkUsed = false;

/** A new tab of the app. A link opens CallVault once: the first tab takes the printed one, later tabs a new one. */
async function openApp(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(printedLinkUsed ? await host.newLink() : host.url);
  printedLinkUsed = true;
  return page;
}

const state = (page: Page) => page.getByTestId('vault-state').textContent();

/**
 * The check after "I saved it": the key is no longer on the screen, one group chosen at random is
 * asked for; a wrong group is refused, the right one leads on.
 */
async function confirmRecoveryKey(page: Page, keyText: string): Promise<void> {
  const field = page.getByLabel(/^Group \d+ of your recovery key$/);
  await field.waitFor();
  expect(await page.getByTestId('recovery-key').count()).toBe(0);
  expect(await page.locator('body').innerText()).not.toContain(keyText.slice(0, 11));
  const label = (await page.locator('label', { hasText: /of your recovery key/ }).innerText()).trim();
  const index = Number(/Group (\d+)/.exec(label)?.[1]) - 1;
  const groups = keyText.split('-');
  expect(index).toBeGreaterThanOrEqual(0);
  // Focus lands in the field the screen asks for.
  expect(await page.locator(':focus').getAttribute('id')).toBe(await field.getAttribute('id'));
  await field.fill(groups[(index + 1) % groups.length] ?? '');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText(new RegExp(`That isn’t group ${String(index + 1)}`)).waitFor();
  await field.fill(groups[index] ?? '');
  await page.getByRole('button', { name: 'Confirm' }).click();
}

describe('renderer isolation (browser host)', () => {
  it('gives the page no Node and a window.callvault with exactly the contract methods and on() for its events', async () => {
    const page = await openApp();
    await page.getByTestId('vault-state').waitFor({ state: 'attached' });
    const probe = await page.evaluate(() => {
      const page = globalThis as unknown as { callvault: Record<string, unknown>; location: { hash: string } };
      const api = page.callvault;
      return {
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        module: typeof (globalThis as { module?: unknown }).module,
        keys: Object.keys(api).sort(),
        allFunctions: Object.values(api).every((v) => typeof v === 'function'),
        frozen: Object.isFrozen(api),
        tokenInUrl: page.location.hash.includes('token'),
      };
    });
    expect(probe).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', keys: [...methodNames, 'on'].sort(), allFunctions: true, frozen: true, tokenInUrl: false });
    await page.close();
  });

  it('refuses a WebSocket from the page without the token', async () => {
    const page = await openApp();
    const outcome = await page.evaluate(
      (origin) =>
        new Promise<string>((resolve) => {
          const ws = new (globalThis as unknown as { WebSocket: new (url: string, protocols: string[]) => { onopen: () => void; onerror: () => void } }).WebSocket(`${origin.replace('http', 'ws')}/rpc`, ['callvault.v1', 'token.wrong']);
          ws.onopen = () => { resolve('open'); };
          ws.onerror = () => { resolve('refused'); };
        }),
      host.origin,
    );
    expect(outcome).toBe('refused');
    await page.close();
  });
});

describe('vault flow in Chromium', () => {
  it('creates a vault, shows the recovery key once, locks, refuses a wrong passphrase and unlocks with the right one', async () => {
    const page = await openApp();
    await page.getByLabel('Display name').fill('Jane Rep');
    await page.getByRole('button', { name: 'Create profile' }).click();

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create vault' }).click();

    const keyText = (await page.getByTestId('recovery-key').textContent({ timeout: 60_000 }))?.trim() ?? '';
    expect(keyText).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    await page.getByRole('button', { name: /I saved it/ }).click();
    await confirmRecoveryKey(page, keyText);
    await page.getByTestId('library-empty').waitFor();
    expect(await state(page)).toBe('unlocked');

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    expect(await state(page)).toBe('locked');

    await page.getByLabel('Passphrase', { exact: true }).fill('this is not my passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    const error = page.getByTestId('unlock-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toMatch(/doesn't open this vault/);
    expect(await state(page)).toBe('locked');

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('library-empty').waitFor({ timeout: 60_000 });
    expect(await state(page)).toBe('unlocked');

    // The recovery key is never shown again: reloading the page leads to the library, not the key.
    await page.reload();
    await page.getByTestId('library-empty').waitFor();
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
    await page.close();
  });

  it('unlocking with the recovery key leads to setting a new passphrase, which then opens the vault', async () => {
    // A host of its own: a first run, with no profile yet.
    const own = await startHostProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-e2e-')));
    const page = await browser.newPage();
    await page.goto(own.url);
    await page.getByLabel('Display name').fill('Ravi Recover');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create vault' }).click();
    const keyText = (await page.getByTestId('recovery-key').textContent({ timeout: 60_000 }))?.trim() ?? '';
    await page.getByRole('button', { name: /I saved it/ }).click();
    // "Show the key again" goes back to the key; the next check may ask for another group.
    await page.getByRole('button', { name: 'Show the key again' }).click();
    await page.getByTestId('recovery-key').waitFor();
    await page.getByRole('button', { name: /I saved it/ }).click();
    await confirmRecoveryKey(page, keyText);
    await page.getByTestId('library-empty').waitFor();

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Use recovery key instead' }).click();
    await page.getByLabel('Recovery key', { exact: true }).fill(keyText);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Set a new passphrase' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('library-empty').count()).toBe(0);

    const next = 'velvet harbour quinoa tangent 77';
    // The rep's own name and the year count as guessable on the meter, as they do for the vault service.
    await page.getByLabel('New passphrase', { exact: true }).fill(`RaviRecover ${new Date().getFullYear()}!`);
    await page.getByText(/your name, your organisation or the year/).waitFor();
    expect(await page.getByRole('button', { name: 'Set passphrase' }).isDisabled()).toBe(true);
    await page.getByLabel('New passphrase', { exact: true }).fill(next);
    await page.getByLabel('Confirm new passphrase').fill(next);
    await page.getByRole('button', { name: 'Set passphrase' }).click();
    await page.getByTestId('library-empty').waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Passphrase', { exact: true }).fill(next);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('library-empty').waitFor({ timeout: 60_000 });
    expect(await state(page)).toBe('unlocked');
    await page.close();
    await own.stop();
    fs.rmSync(own.home, { recursive: true, force: true });
  });
});
