// The settings page in Debian's Chromium through the browser host: the rep's region picked from a
// searchable list (a blank one says what it means), a default call type that the next
// new-recording form starts with, and the region binding the call's consent rules.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgePolicy, api, CUSTOMER } from '../helpers/capture-app';
import { openFreshApp, type AppInChromium } from '../helpers/seeded-app';

let app: AppInChromium | undefined;
let page: Page;

beforeAll(async () => {
  app = await openFreshApp('settings');
  page = app.page;
});
afterAll(async () => {
  await app?.close();
});

describe('the settings page', () => {
  it('remembers the rep’s region and default call type, and the next call uses both', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const screen = page.getByTestId('settings-screen');
    await screen.getByText(/Not set: only the participants’ regions decide/).waitFor();

    const region = page.getByRole('combobox', { name: 'Where you work' });
    await region.fill('calif');
    await page.getByRole('option', { name: 'California, United States (US-CA)' }).waitFor();
    await region.press('Enter');
    expect(await screen.innerText()).toMatch(/Region code US-CA/);
    await page.getByRole('combobox', { name: 'Call type for new recordings' }).click();
    await page.getByRole('option', { name: 'Discovery call' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect(await api(page, 'settings.get')).toMatchObject({ ok: true, value: { region: 'US-CA', defaultCallType: 'discovery' } });

    // Remembered: shown again after a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('Region code US-CA').waitFor();
    expect(await page.getByRole('combobox', { name: 'Where you work' }).inputValue()).toBe('California, United States (US-CA)');
    await page.getByRole('button', { name: 'Back to recordings' }).click();

    await acknowledgePolicy(page);
    const form = page.getByRole('form', { name: 'New recording' });
    await form.getByRole('combobox', { name: 'Call type' }).filter({ hasText: 'Discovery call' }).waitFor();
    expect(await form.innerText()).toMatch(/Not given: everyone must consent/);
    await form.getByLabel('Account').fill('Acme');
    await form.getByLabel('Meeting title').fill('Acme discovery');
    await form.getByLabel('Participant 1 name').fill(CUSTOMER.name);
    await form.getByLabel('Participant 1 email').fill(CUSTOMER.email);
    await form.getByLabel('Participant 1 region').fill(CUSTOMER.region);
    expect(await form.innerText()).toMatch(/Texas, United States/);
    await form.getByRole('button', { name: 'Continue to consent' }).click();
    await page.getByTestId('consent-script').waitFor();
    // The rep works in an all-party-consent state: everyone on the call must agree (a Texan
    // customer alone would need only the customer's side).
    expect(await page.getByTestId('consent-script').locator('..').innerText()).toMatch(/Everyone on the call must agree\./);
  });
});
