// The redaction review in Debian's Chromium through the browser host: a vault made on disk with a
// recorded call and a hand-written transcript of it (random-weight models cannot say a card
// number), then in the app: the findings marked in the transcript, copying refused until a review
// is saved, a false positive kept with a reason, a missed address added by selecting it, the
// review saved, and the redacted text copied to the clipboard. Afterwards the vault's audit trail
// holds the review and the export, and nothing else left.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inSeededVault, openUnlockedApp, seedTranscribedCall, workDir, type AppInChromium } from '../helpers/seeded-app';
import { timedSegment } from '../helpers/timed-segment';

const CARD_WORDS = 'four one one one one one one one one one one one one one one one';
const SUPPORT = '212 555 0187';
const HOME = 'Birchwood, the blue house by the school';

const segment = timedSegment;

let work = '';
let home = '';
let app: AppInChromium | undefined;
let page: Page;
let recordingId = '';

beforeAll(async () => {
  ({ work, home } = workDir('redaction-e2e'));
  recordingId = await seedTranscribedCall(home, {
    title: 'Acme renewal',
    seconds: 20,
    segments: [
      segment('rep', 0, 4_000, 'Thanks for calling, how can I help with the renewal today?'),
      segment('customer', 4_500, 10_000, `Sure, put it on my card ${CARD_WORDS} please.`),
      segment('rep', 10_500, 14_000, `Our support line is ${SUPPORT}, open until five.`),
      segment('customer', 14_500, 19_000, `She lives over on ${HOME}.`),
    ],
  });
  app = await openUnlockedApp(home, { clipboard: true });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const review = () => page.getByTestId('redaction-review');
const finding = (type: string) => review().locator(`[data-testid="finding"][data-finding^="${type}:"]`);

async function openReview(): Promise<void> {
  await page.getByTestId(`view-transcript-${recordingId}`).click();
  await page.getByTestId('transcript-view').getByText('Redactions not reviewed').or(page.getByTestId('transcript-view').getByText('Redactions reviewed')).waitFor();
  await page.getByTestId('open-redaction-review').click();
  await review().waitFor();
}

/**
 * Selects `words` inside the transcript under review, as a mouse drag would. (A script string:
 * the tests are typechecked without the DOM library.)
 */
async function select(words: string): Promise<void> {
  await page.evaluate(`(() => {
    const target = ${JSON.stringify(words)};
    const root = document.querySelector('[data-testid="review-transcript"]');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf(target);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + target.length);
        document.getSelection().removeAllRanges();
        document.getSelection().addRange(range);
        return;
      }
    }
    throw new Error('"' + target + '" is not in the transcript');
  })()`);
}

describe('reviewing redactions in Chromium', () => {
  it('marks what the detectors found, says the call is not reviewed, and offers nothing to copy yet', async () => {
    await openReview();
    expect(await page.getByTestId('review-status').innerText()).toMatch(/Not reviewed yet/);
    expect(await page.getByTestId('review-counts').innerText()).toBe('Version 1: 2 to redact, 0 kept');
    expect(await finding('CARD').count()).toBe(1);
    expect(await finding('PHONE').count()).toBe(1);
    const marks = review().locator('[data-testid="review-transcript"] mark[data-mark="redact"]');
    expect(await marks.allInnerTexts()).toEqual([CARD_WORDS, SUPPORT]);
    expect(await page.getByTestId('copy-redacted').isDisabled()).toBe(true);
  });

  it('hides the detector rule behind “Why?”, and keeps Save and Copy in view on a short window', async () => {
    const card = finding('CARD');
    expect(await card.innerText()).not.toMatch(/card\.|luhn|%/i);
    const why = card.getByRole('button', { name: /Why was .+ flagged\?/ });
    expect(await why.getAttribute('aria-expanded')).toBe('false');
    await why.click();
    expect(await why.getAttribute('aria-expanded')).toBe('true');
    expect(await card.getByTestId('finding-why-text').innerText()).toMatch(/^Flagged as card by the detector rule “[^”]+”, \d+% sure\./);
    await why.click();
    expect(await card.getByTestId('finding-why-text').count()).toBe(0);

    const size = page.viewportSize();
    await page.setViewportSize({ width: 1000, height: 380 });
    try {
      await review().locator('[data-testid="finding"]').first().scrollIntoViewIfNeeded();
      const footer = await page.getByTestId('review-footer').boundingBox();
      expect(footer).not.toBeNull();
      expect((footer?.y ?? 0) + (footer?.height ?? 0)).toBeLessThanOrEqual(380);
      expect(await page.getByTestId('save-review').isVisible()).toBe(true);
    } finally {
      if (size !== null) {
        await page.setViewportSize(size);
      }
    }
  });

  it('keeps a false positive only with a reason, and redacts an address the rep selects', async () => {
    await finding('PHONE').getByRole('button', { name: 'Not sensitive…' }).click();
    await page.getByTestId('dismiss-reason').fill('ok');
    expect(await page.getByTestId('dismiss-confirm').isDisabled()).toBe(true);
    await page.getByTestId('dismiss-reason').fill('Our public support line, printed on the website');
    await page.getByTestId('dismiss-confirm').click();
    await review().locator('[data-testid="finding"][data-state="kept"]').waitFor();
    expect(await finding('PHONE').getByTestId('dismissal-reason').innerText()).toBe('Kept: Our public support line, printed on the website');
    expect(await review().locator('mark[data-mark="kept"]').innerText()).toBe(SUPPORT);

    await select(HOME);
    expect(await page.getByTestId('selection-text').innerText()).toBe(`“${HOME}”`);
    expect(await page.getByTestId('add-redaction').isDisabled()).toBe(true); // the kind is the rep's choice
    await review().getByRole('combobox', { name: 'Kind of data' }).click();
    await page.getByRole('option', { name: 'ADDRESS', exact: true }).click();
    await page.getByTestId('add-redaction').click();
    await finding('ADDRESS').waitFor();
    expect(await finding('ADDRESS').innerText()).toContain('added by you');
    expect(await page.getByTestId('review-counts').innerText()).toBe('Version 1: 2 to redact, 1 kept');
    expect(await page.getByTestId('review-status').innerText()).toMatch(/changes that are not saved/);
    expect(await page.getByTestId('copy-redacted').isDisabled()).toBe(true);
  });

  it('saves the review, then copies only the redacted transcript to the clipboard', async () => {
    await page.getByTestId('save-review').click();
    await page.getByText(/^Reviewed by Rita Rep on /).waitFor();
    await page.getByTestId('copy-redacted').click();
    const shown = await page.getByTestId('redacted-text').inputValue();
    const clipboard = await page.evaluate('navigator.clipboard.readText()');
    expect(clipboard).toBe(shown);
    expect(shown.split('\n')).toEqual([
      '[00:00] Rep: Thanks for calling, how can I help with the renewal today?',
      '[00:04] Customer: Sure, put it on my card [CARD] please.',
      `[00:10] Rep: Our support line is ${SUPPORT}, open until five.`,
      '[00:14] Customer: She lives over on [ADDRESS].',
    ]);
  });

  it('shows the stored review after the dialog is closed and opened again', async () => {
    await page.getByTestId('transcript-view').getByText('Reviewed by Rita Rep').waitFor();
    await page.getByRole('button', { name: 'Back to transcript' }).click();
    await page.getByTestId('transcript-view').getByText('Redactions reviewed').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('transcript-view').waitFor({ state: 'detached' });
    await openReview();
    expect(await page.getByTestId('review-counts').innerText()).toBe('Version 1: 2 to redact, 1 kept');
    expect(await finding('ADDRESS').count()).toBe(1);
    expect(await page.getByTestId('copy-redacted').isDisabled()).toBe(false);
  });

  it('leaves the review and the copy in the vault’s audit trail, with the reason and without the text', async () => {
    await app?.host.stop();
    await inSeededVault(home, (vault) => {
      const entries = vault.audit.entries();
      const reviewed = entries.filter((e) => e.event === 'redaction.reviewed');
      const exported = entries.filter((e) => e.event === 'export.created');
      expect(reviewed).toHaveLength(1);
      expect(reviewed[0]?.detail).toContain('Our public support line');
      expect(exported).toHaveLength(1);
      expect(exported[0]?.detail).toContain('copy for CRM');
      expect(entries.map((e) => e.detail).join('\n')).not.toMatch(/Birchwood|four one one|0187/);
      expect(vault.audit.verify()).toMatchObject({ ok: true });
    });
  });
});
