// First run in Debian's Chromium through the browser host, on the shipped model manifest: the
// Models screen recommends one model for this computer in words (size, speed, languages, why)
// with one button, and keeps the technical list behind "More models".
import os from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFreshApp, type AppInChromium } from '../helpers/seeded-app';

let app: AppInChromium | undefined;
let page: Page;

beforeAll(async () => {
  app = await openFreshApp('first-run');
  page = app.page;
});
afterAll(async () => {
  await app?.close();
});

describe('first run: a model for this computer', () => {
  it('recommends one model in plain words with one button, and lists the rest only under More models', async () => {
    await page.getByTestId('open-models').click();
    const card = page.getByTestId('recommended-model');
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toMatch(/Recommended for this computer: (Tiny|Base|Small), English/);
    expect(text).toMatch(/MB download · .+ · English only/);
    expect(text).toContain(`This computer has ${String(os.availableParallelism())} core`);
    expect(await card.getByRole('button', { name: /^Download (Tiny|Base|Small), English \(\d+ MB\)$/ }).count()).toBe(1);
    expect(await page.getByTestId('models-none-installed').innerText()).toMatch(/A transcription model is needed/);

    // Nothing technical on the first screen.
    const screen = await page.getByTestId('models-screen').innerText();
    expect(screen).not.toMatch(/f16|q5_1|q8_0|ggml|\bbase\.en\b/);
    expect(await page.getByTestId('model-row-base.en').count()).toBe(0);

    const more = page.getByRole('button', { name: /^More models \(\d+\)$/ });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    expect(await page.getByRole('button', { name: 'Fewer models' }).getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('model-row-base.en').waitFor();
    expect(await page.getByTestId('model-import-path').count()).toBe(1);

    // Summary models, also under More models: none installed, so summaries are extractive; the
    // model with a published size can be downloaded, the others only imported.
    const summary = page.getByTestId('summary-models');
    await summary.getByTestId('summary-model-qwen2.5-0.5b-instruct-q5_k_m').waitFor();
    expect(await summary.innerText()).toMatch(/No summary model is installed, so summaries are drafted from the call’s own sentences/);
    expect(await summary.getByTestId('summary-model-qwen2.5-0.5b-instruct-q5_k_m').getByRole('button', { name: 'Download' }).count()).toBe(1);
    expect(await summary.getByTestId('summary-model-qwen2.5-0.5b-instruct-q4_k_m').innerText()).toMatch(/size not published\)\s+available/);
    expect(await summary.getByTestId('summary-model-qwen2.5-0.5b-instruct-q4_k_m').getByRole('button').count()).toBe(0);
    expect(await page.getByTestId('summary-model-import-path').count()).toBe(1);
  });
});
