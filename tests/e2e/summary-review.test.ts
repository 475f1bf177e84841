// The summary on the call page in Debian's Chromium through the browser host: a vault made on disk
// with a recorded call and a hand-written transcript (a card number said aloud). In the app: the
// redactions reviewed, an extractive draft shown as "AI draft. Not reviewed." with no way to copy
// it, a citation click that moves the player to the cited moment, a review with one edit and one
// rejection, the reviewed summary copied as a CRM note (edit in, rejected item and card out).
// The library's search finds a word only the review's edit holds, as a summary hit that opens the
// call at its summary. Afterwards the vault's audit trail holds the draft, the review and the copy,
// without the text.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SummaryModelStore } from '../../src/platform/summary/summary-model-store';
import { inSeededVault, openUnlockedApp, seedTranscribedCall, workDir, type AppInChromium } from '../helpers/seeded-app';
import { SALES_CALL } from '../helpers/summary-fixture';
import { tinyGguf } from '../helpers/tiny-gguf';

let work = '';
let home = '';
let app: AppInChromium | undefined;
let page: Page;
let recordingId = '';

/** A summary model (the generated tiny one, trusted by this admin), so the panel offers a model draft. */
async function trustTinyModel(): Promise<void> {
  const model = path.join(work, 'tiny.gguf');
  fs.writeFileSync(model, tinyGguf({ seed: 11 }));
  await inSeededVault(home, async (vault) => {
    await SummaryModelStore.open(home).importFile(model, { name: 'tiny-random', trust: { by: { profileId: vault.profile.id }, roleChecked: 'admin', audit: (record) => { vault.audit.record('model.trusted', { kind: 'summary', name: record.name, sha256: record.sha256 }); } } });
  });
}

beforeAll(async () => {
  ({ work, home } = workDir('summary-e2e'));
  recordingId = await seedTranscribedCall(home, { title: 'Initech rollout', seconds: 35, segments: SALES_CALL });
  await trustTinyModel();
  app = await openUnlockedApp(home, { clipboard: true });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const panel = () => page.getByTestId('summary-panel');
const itemWith = (text: string) => panel().getByTestId('summary-item').filter({ has: page.getByTestId('summary-item-text').getByText(text, { exact: true }) });

describe('the summary on the call page in Chromium', () => {
  it('drafts an extractive summary shown as an AI draft, not reviewed, with nothing to copy', async () => {
    await page.getByTestId(`open-call-${recordingId}`).click();
    await page.getByTestId('call-page').waitFor();
    // Redactions first, through the call page's own review.
    await page.getByTestId('open-redaction-review').click();
    await page.getByTestId('save-review').click();
    await page.getByText(/^Reviewed by Rita Rep on /).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('summary-status').getByText('No summary has been drafted for this call.').waitFor();
    await page.getByTestId('summary-draft').click();
    await panel().and(page.locator('[data-status="draft"]')).waitFor();
    expect(await page.getByTestId('summary-status').innerText()).toMatch(/^AI draft\. Not reviewed\./);
    expect(await page.getByTestId('summary-drafter').innerText()).toMatch(/^Extractive draft/);
    expect(await page.getByTestId('summary-copy-crm').count()).toBe(0);
    expect(await panel().innerText()).not.toMatch(/four one one/);
    expect(await itemWith('That might work if procurement is comfortable.').getByTestId('summary-certainty').innerText()).toBe('conditional');
  });

  it('plays the moment an item cites', async () => {
    const citation = itemWith('How does the retention policy work for deleted calls?').getByTestId('summary-citation');
    expect(await citation.innerText()).toBe('00:11');
    await citation.click();
    await expect.poll(async () => Number(await page.getByTestId('player-time').getAttribute('data-position-ms'))).toBeGreaterThanOrEqual(11_000);
    expect(Number(await page.getByTestId('player-time').getAttribute('data-position-ms'))).toBeLessThan(13_000);
  });

  it('saves a review with one edit and one rejection, then copies the reviewed summary as a CRM note', async () => {
    const items = panel().getByTestId('summary-item');
    const count = await items.count();
    expect(count).toBeGreaterThan(3);
    for (let i = 0; i < count; i += 1) {
      await items.nth(i).getByTestId('summary-accept').click();
    }
    await itemWith("I'll send the revised quote by Friday.").getByTestId('summary-edit').click();
    await page.getByTestId('summary-edit-text').fill('Rep sends the revised quote for the pilot by Friday.');
    await itemWith('We tried Gong last year but the price was too high.').getByTestId('summary-reject').click();
    await page.getByTestId('summary-save-review').click();
    await panel().and(page.locator('[data-status="reviewed"]')).waitFor();
    expect(await page.getByTestId('summary-status').innerText()).toMatch(/^Reviewed by Rita Rep on /);
    expect(await panel().getByTestId('summary-item').count()).toBe(count - 1);

    await page.getByTestId('summary-copy-crm').click();
    await page.getByTestId('summary-copied').getByText('Copied as a CRM note.').waitFor();
    const clipboard = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(clipboard).toBe(await page.getByTestId('summary-note').innerText());
    expect(clipboard).toContain('- Rep sends the revised quote for the pilot by Friday. (owner: rep; due: by Friday) [00:15]');
    expect(clipboard).toContain('- That might work if procurement is comfortable. (conditional) [00:21]');
    expect(clipboard).not.toContain('We tried Gong last year');
    expect(clipboard).not.toMatch(/four one one/);
  });

  it('finds a word only the reviewed summary holds from the library search, and opens the call at its summary', async () => {
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await page.getByTestId('library-search').fill('pilot');
    const hit = page.getByTestId('search-hit').and(page.locator('[data-source="summary"]'));
    await hit.waitFor();
    // "pilot" is in the edit only: the transcript has no hit for it.
    expect(await page.getByTestId('search-hit').count()).toBe(1);
    expect(await hit.innerText()).toMatch(/· summary\n/);
    expect(await hit.getByTestId('search-snippet').innerText()).toContain('revised quote for the pilot');
    await hit.click();
    await page.getByTestId('call-page').waitFor();
    await expect.poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null")).toBe('slot-summary');
    await panel().and(page.locator('[data-status="reviewed"]')).waitFor();
  });

  it("shows a model draft's progress with a Cancel button, and a cancelled draft stores nothing", async () => {
    await page.getByTestId('summary-draft-model').click();
    const progress = page.getByTestId('summary-progress');
    await progress.waitFor();
    expect(await progress.getByRole('progressbar').count()).toBe(1);
    await progress.getByTestId('summary-cancel').click();
    await page.getByText('The summary draft was cancelled.').waitFor();
    await progress.waitFor({ state: 'detached' });
    // Still the reviewed version: nothing was stored from the cancelled draft.
    await panel().and(page.locator('[data-status="reviewed"]')).waitFor();
  });

  it('leaves the draft, the review and the copy in the audit trail, without the summary text', async () => {
    await app?.host.stop();
    await inSeededVault(home, (vault) => {
      const entries = vault.audit.entries();
      const named = (event: string) => entries.filter((e) => e.event === event).map((e) => JSON.parse(e.detail) as Record<string, unknown>);
      expect(named('summary.drafted')).toEqual([expect.objectContaining({ recordingId, version: 1, drafter: 'extractive' })]);
      expect(named('summary.reviewed')).toEqual([expect.objectContaining({ recordingId, version: 2, reviewedFrom: 1, edited: 1, rejected: 1 })]);
      expect(named('export.created')).toEqual([expect.objectContaining({ recordingId, what: 'summary', summaryVersion: 2, purpose: 'copy as CRM note' })]);
      expect(entries.map((e) => e.detail).join('\n')).not.toMatch(/revised quote|procurement|Gong|four one one/);
      expect(vault.summaries.versions(recordingId).map((v) => v.kind)).toEqual(['draft', 'reviewed']);
    });
  });
});
