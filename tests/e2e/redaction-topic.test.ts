// A turn redacted for its topic reads as redacted in the redaction review (#17 section 4), in
// Debian's Chromium through the browser host. The shipped policy redacts health information
// (private personal information: handling "redact"); the real topic detector flags the
// customer's sentence about a diagnosis as HEALTH. In the review that turn says it will be
// redacted, carries the redaction tint and underline like a redacted span, and the text copied
// after the review is saved holds none of its words; the turns around it are untouched.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagTopics } from '../../src/core/redaction';
import { scanScreen, type AxeFinding } from '../helpers/axe-scan';
import { openUnlockedApp, seedTranscribedCall, workDir, type AppInChromium } from '../helpers/seeded-app';
import { timedSegment } from '../helpers/timed-segment';

/** A sentence of a class the topic detector flags (tests/unit/redaction/topics.test.ts: HEALTH). */
const HEALTH = 'I was diagnosed with diabetes last year and I am on new medication.';
const BEFORE = 'Thanks for calling, how can I help with the renewal today?';
const AFTER = 'Understood, let us keep the renewal on the same plan.';

let work = '';
let app: AppInChromium | undefined;
let page: Page;
let recordingId = '';

beforeAll(async () => {
  let home: string;
  ({ work, home } = workDir('redaction-topic-e2e'));
  recordingId = await seedTranscribedCall(home, {
    title: 'Acme renewal',
    seconds: 14,
    segments: [timedSegment('rep', 0, 4_000, BEFORE), timedSegment('customer', 4_500, 9_000, HEALTH), timedSegment('rep', 9_500, 13_000, AFTER)],
  });
  app = await openUnlockedApp(home, { clipboard: true });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a turn redacted for its topic', () => {
  it('is flagged by the real detector (the seed is of a class it flags, and the others are not)', () => {
    expect(flagTopics(HEALTH).map((f) => f.topic)).toContain('HEALTH');
    expect(flagTopics(BEFORE)).toEqual([]);
    expect(flagTopics(AFTER)).toEqual([]);
  });

  it('reads as redacted in the review: said in words, tinted and underlined like a redacted span', async () => {
    await page.getByTestId(`view-transcript-${recordingId}`).click();
    await page.getByTestId('open-redaction-review').click();
    const review = page.getByTestId('redaction-review');
    await review.waitFor();
    const turns = review.getByTestId('review-segment');
    await expect.poll(() => turns.count()).toBe(3);
    const health = turns.nth(1);
    expect(await health.getByTestId('turn-redacted').innerText()).toBe('This whole turn will be redacted:');
    expect(await health.getByTestId('topic-flag').innerText()).toBe('HEALTH: whole turn redacted');
    const text = health.locator('[data-redacted-turn="true"]');
    expect(await text.innerText()).toBe(HEALTH);
    // The same marking as a redacted span: a tint and an inset underline in the error colour.
    const style = await text.evaluate((e) => {
      const s = (globalThis as unknown as { getComputedStyle(el: unknown): { backgroundColor: string; boxShadow: string } }).getComputedStyle(e);
      return { background: s.backgroundColor, shadow: s.boxShadow };
    });
    expect(style.background).not.toMatch(/^rgba\(0, 0, 0, 0\)$|^transparent$/);
    expect(style.shadow).toMatch(/inset/);
    // The turns around it are not marked.
    for (const i of [0, 2]) {
      expect(await turns.nth(i).getByTestId('turn-redacted').count()).toBe(0);
      expect(await turns.nth(i).locator('[data-redacted-turn]').count()).toBe(0);
    }
    const found = new Map<string, AxeFinding[]>();
    await scanScreen(page, 'redaction review (a turn redacted for its topic)', found);
    expect(Object.fromEntries([...found].filter(([, list]) => list.length > 0))).toEqual({});
  });

  it('and what is copied after the review holds none of its words', async () => {
    await page.getByTestId('save-review').click();
    await page.getByText(/^Reviewed by Rita Rep on /).waitFor();
    await page.getByTestId('copy-redacted').click();
    const copied = await page.getByTestId('redacted-text').inputValue();
    expect(copied).toContain(BEFORE);
    expect(copied).toContain(AFTER);
    expect(copied).not.toMatch(/diabetes|medication|diagnosed/);
  });
});
