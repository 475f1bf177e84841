// The rep's review workspace in Debian's Chromium through the browser host (#13 sections 2-5):
// two calls imported through the contract (consent records naming their customers) with
// hand-written transcripts. In the app: correct a segment (undo and redo while editing), name
// both speakers, save: version 2 is stored, version 1 stays intact, the diff shows the change and
// the audit entry holds counts, never text; a save from another window meanwhile is a conflict
// that loses nothing; a suggested tag is accepted and the library filters by it; the search box
// finds a word from the other call and opens it at that moment, ready to play; a reviewed version
// exports as SRT, VTT and DOCX that real parsers read; an edited, unreviewed version is refused.
// Last, no canary word rests in any file under the data directory (the WAL included) after all
// that editing, tagging, indexing and playing.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import SrtParser from 'srt-parser-2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredSegment } from '../../src/core/transcription/transcript';
import { scanForPersonalData } from '../helpers/pii-scan';
import { openUnlockedApp, seedThroughContract, workDir, type AppInChromium } from '../helpers/seeded-app';
import { timedSegment } from '../helpers/timed-segment';

interface VttResult { cues: { startTime: number; endTime: number; text: string }[]; errors: { message: string }[] }
const { WebVTTParser } = createRequire(import.meta.url)('webvtt-parser') as { WebVTTParser: new () => { parse(input: string, mode: string): VttResult } };

const DANA = { name: 'Dana Whitfield', email: 'dana@initech.example', region: 'US-TX' };
const PRIYA = { name: 'Priya Raman', email: 'priya@globex.example', region: 'US-TX' };
/** Words that must never rest in plaintext under the data directory. */
const EDITED_WORD = 'Quenderwick';
const OTHER_CALL_WORD = 'quokkaberry';
const OTHER_CALL_WORD_MS = 10_500;

const ROLLOUT: readonly StoredSegment[] = [
  timedSegment('rep', 0, 4_000, 'Thanks for joining, shall we look at the Initek rollout?'),
  timedSegment('customer', 4_500, 9_000, 'Yes. We tried Gong last year but the price was too high.'),
  timedSegment('rep', 9_500, 12_000, 'Understood, our pricing is per seat.'),
  timedSegment('customer', 12_500, 16_000, 'Our budget is tight this quarter, honestly.'),
];
const REVIEW: readonly StoredSegment[] = [
  timedSegment('rep', 0, 5_000, 'Good morning, thanks for making time for the quarterly review.'),
  timedSegment('customer', 5_500, 10_000, 'Happy to, the team has been busy with onboarding.'),
  timedSegment('customer', OTHER_CALL_WORD_MS, 15_000, `We would like the ${OTHER_CALL_WORD} integration next quarter.`),
  timedSegment('rep', 15_500, 19_000, 'I will send a summary of the next steps.'),
];

let work = '';
let home = '';
let app: AppInChromium | undefined;
let page: Page;
const ids = { rollout: '', review: '' };

type Bridged<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** A contract method through the page's own bridge (another window would call the same). */
async function viaBridge<T>(method: string, input: unknown): Promise<Bridged<T>> {
  const answer: unknown = await page.evaluate(`window.callvault[${JSON.stringify(method)}](${JSON.stringify(input)})`);
  return answer as Bridged<T>;
}

async function choose(combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function openCall(recordingId: string): Promise<void> {
  await page.getByTestId(`open-call-${recordingId}`).click();
  await page.getByTestId('call-page').waitFor();
  await page.getByTestId('transcript-segment').first().waitFor();
}

async function backToLibrary(): Promise<void> {
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await page.getByTestId('library-count').waitFor();
}

const playerMs = async (): Promise<number> => Number(await page.getByTestId('player-time').getAttribute('data-position-ms'));

beforeAll(async () => {
  ({ work, home } = workDir('call-review-e2e'));
  // Both calls imported through the contract as the app imports a WAV (policy, consent record), then their transcripts.
  await seedThroughContract(home, async ({ importCall, addTranscript }) => {
    ids.rollout = await importCall({ title: 'Rollout check-in', account: 'Initech', participant: DANA, hz: 300 });
    ids.review = await importCall({ title: 'Quarterly review', account: 'Globex', participant: PRIYA, hz: 500 });
    addTranscript(ids.rollout, ROLLOUT);
    addTranscript(ids.review, REVIEW);
  });
  app = await openUnlockedApp(home, { chromiumArgs: ['--autoplay-policy=no-user-gesture-required'], viewport: { width: 1440, height: 1000 } });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the review workspace in Chromium', () => {
  it('corrects a segment with undo and redo, names both speakers, and saves version 2 with version 1 intact', async () => {
    await openCall(ids.rollout);
    await page.getByTestId('start-correcting').click();
    const first = page.getByLabel('Segment 1 text');
    await first.fill(`Thanks for joining, shall we look at the ${EDITED_WORD} rollout?`);
    await first.blur();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByLabel('Segment 1 text').inputValue()).toContain('Initek');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => page.getByLabel('Segment 1 text').inputValue()).toContain(EDITED_WORD);
    await choose('The rep is', 'Rita Rep');
    await choose('The customer is', DANA.name);
    // Ctrl+Z outside a field undoes the last step (the customer's name), Ctrl+Shift+Z brings it back.
    await page.getByRole('toolbar', { name: 'Correcting the transcript' }).getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByRole('combobox', { name: 'The customer is' }).innerText()).toBe('Customer (no name)');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByRole('combobox', { name: 'The customer is' }).innerText()).toBe(DANA.name);
    await page.getByTestId('save-version').click();

    await page.getByTestId('version-notice').getByText(/Saved as version 2; version 1 is kept unchanged\. The new version needs its own redaction review/).waitFor();
    await expect.poll(() => page.getByTestId('transcript-version').innerText()).toBe('Version 2 of 2 · correction');
    await expect.poll(() => page.locator('[data-testid="transcript-segment"][data-segment-index="0"]').innerText()).toContain(EDITED_WORD);
    // The names arrive with the new version's speakers, a moment after its text.
    await expect.poll(() => page.locator('[data-testid="transcript-segment"][data-segment-index="0"]').getAttribute('data-speaker-name')).toBe('Rita Rep');
    await expect.poll(() => page.locator('[data-testid="transcript-segment"][data-segment-index="1"]').getAttribute('data-speaker-name')).toBe(DANA.name);

    const v1 = await viaBridge<{ segments: { text: string }[] }>('transcripts.get', { recordingId: ids.rollout, version: 1 });
    expect(v1.ok && v1.value.segments.map((s) => s.text)).toEqual(ROLLOUT.map((s) => s.text));
  });

  it('shows the readable diff, and audits the edit with counts, never its words or names', async () => {
    await page.getByRole('button', { name: 'Changes in version 2' }).click();
    const diff = page.getByTestId('transcript-diff');
    await diff.waitFor();
    expect(await diff.locator('del').innerText()).toContain('Initek');
    expect(await diff.locator('ins').innerText()).toContain(EDITED_WORD);
    expect(await diff.getByTestId('diff-summary').innerText()).toMatch(/^Version 1 → 2: 1 word\(s\) added, 1 removed/);
    expect(await diff.getByTestId('diff-name').allInnerTexts()).toEqual(['Rep named: no name → Rita Rep', `Customer named: no name → ${DANA.name}`]);
    const audit = await viaBridge<{ event: string; detail: string }[]>('audit.entries', {});
    const edited = audit.ok ? audit.value.filter((e) => e.event === 'transcript.edited') : [];
    expect(edited).toHaveLength(1);
    expect(JSON.parse(edited[0]!.detail)).toMatchObject({ recordingId: ids.rollout, baseVersion: 1, version: 2, wordsInserted: 1, wordsDeleted: 1, namesChanged: 2 });
    for (const word of [EDITED_WORD, 'Initek', 'rollout', DANA.name, 'Rita']) {
      expect(edited[0]!.detail).not.toContain(word);
    }
  });

  it('a save from another window meanwhile is a clear conflict, and the draft is kept and can go on the latest version', async () => {
    await page.getByTestId('start-correcting').click();
    const fourth = page.getByLabel('Segment 4 text');
    await fourth.fill('Our budget is tight this quarter, to be honest.');
    await fourth.blur();
    // Another window saves on version 2 first.
    const other = await viaBridge<{ version: number }>('transcripts.saveVersion', { recordingId: ids.rollout, baseVersion: 2, edits: [{ op: 'text', segment: 2, text: 'Understood, our pricing is per user.' }] });
    expect(other).toMatchObject({ ok: true, value: { version: 3 } });
    await page.getByTestId('save-version').click();
    const problem = page.getByTestId('save-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/Version 2 is no longer the latest: version 3 was saved meanwhile.*Your changes are still here\./s);
    expect(await page.getByLabel('Segment 4 text').inputValue()).toBe('Our budget is tight this quarter, to be honest.');
    await page.getByTestId('apply-on-latest').click();
    await expect.poll(() => page.getByTestId('transcript-version').innerText()).toBe('Version 4 of 4 · correction');
    const latest = await viaBridge<{ segments: { text: string }[] }>('transcripts.get', { recordingId: ids.rollout });
    expect(latest.ok && latest.value.segments.map((s) => s.text)).toEqual([
      `Thanks for joining, shall we look at the ${EDITED_WORD} rollout?`,
      'Yes. We tried Gong last year but the price was too high.',
      'Understood, our pricing is per user.',
      'Our budget is tight this quarter, to be honest.',
    ]);
  });

  it('accepts a suggested tag shown with its sentence, and the library filters by it', async () => {
    const suggestion = page.locator('[data-testid="tag-suggestion"][data-tag="competitor-mention"]');
    await suggestion.waitFor();
    expect(await suggestion.locator('blockquote').innerText()).toContain('We tried Gong last year');
    await page.getByRole('button', { name: 'Accept Competitor mention tag' }).click();
    await page.locator('[data-testid="call-tag"][data-tag="competitor-mention"]').waitFor();
    await expect.poll(() => suggestion.count()).toBe(0);
    await page.getByTestId('player-time').waitFor();
    // Play a moment of this call (its peaks and windows are read through the vault).
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(playerMs, { timeout: 20_000 }).toBeGreaterThan(500);
    await page.getByTestId('play-pause').click();

    await backToLibrary();
    await choose('Tag', 'Competitor mention');
    await expect.poll(() => page.getByTestId('library-count').innerText()).toBe('1 of 2 calls');
    expect(await page.getByTestId(`open-call-${ids.review}`).count()).toBe(0);
    await choose('Tag', 'Any tag');
    await expect.poll(() => page.getByTestId('library-count').innerText()).toBe('2 calls');
  });

  it('finds a word from the other call and opens that call at its moment, ready to play', async () => {
    await page.getByTestId('library-search').fill('"unclosed AND (');
    await page.getByTestId('search-results').waitFor();
    await expect.poll(async () => (await page.getByTestId('search-problem').count()) + (await page.getByTestId('search-empty').count())).toBe(1);
    await page.getByTestId('library-search').fill(OTHER_CALL_WORD);
    const hit = page.locator(`[data-testid="search-hit"][data-recording-id="${ids.review}"]`);
    await hit.waitFor();
    expect(await hit.getAttribute('data-start-ms')).toBe(String(OTHER_CALL_WORD_MS));
    expect(await hit.locator('mark').innerText()).toBe(OTHER_CALL_WORD);
    expect(await hit.innerText()).toContain('at 00:10');
    await hit.click();
    await page.getByTestId('call-page').waitFor();
    expect(await page.getByTestId('call-page').getAttribute('data-recording-id')).toBe(ids.review);
    await expect.poll(playerMs).toBe(OTHER_CALL_WORD_MS);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(playerMs, { timeout: 20_000 }).toBeGreaterThan(OTHER_CALL_WORD_MS);
    await page.getByTestId('play-pause').click();
  });

  it('exports a reviewed version as SRT, VTT and DOCX that real parsers read', async () => {
    await page.getByTestId('open-redaction-review').click();
    await page.getByTestId('save-review').click();
    await page.getByText(/^Reviewed by Rita Rep on /).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByTestId('export-needs-review').count()).toBe(0);
    const folder = path.join(work, 'export-reviewed');
    const panel = page.getByTestId('export-panel');
    await panel.getByLabel('Text (.txt)').uncheck();
    for (const label of ['Subtitles (.srt)', 'WebVTT (.vtt)', 'Word (.docx)']) {
      await panel.getByLabel(label).check();
    }
    await panel.getByLabel('Export to folder').fill(folder);
    await panel.getByLabel('Purpose (kept in the audit log)').fill('Notes for the account team');
    await page.getByTestId('export-run').click();
    await page.getByTestId('export-done').waitFor();
    expect(fs.readdirSync(folder).sort()).toEqual(['manifest.json', 'transcript.docx', 'transcript.srt', 'transcript.vtt']);

    const srt = new SrtParser().fromSrt(fs.readFileSync(path.join(folder, 'transcript.srt'), 'utf8'));
    expect(srt.map((c) => c.startSeconds)).toEqual([0, 5.5, 10.5, 15.5]);
    expect(srt[2]?.text).toBe(`Customer: We would like the ${OTHER_CALL_WORD} integration next quarter.`);
    const vtt = new WebVTTParser().parse(fs.readFileSync(path.join(folder, 'transcript.vtt'), 'utf8'), 'metadata');
    expect(vtt.errors).toEqual([]);
    expect(vtt.cues.map((c) => c.startTime)).toEqual([0, 5.5, 10.5, 15.5]);
    expect(vtt.cues[3]?.text).toBe('<v Rep>I will send a summary of the next steps.</v>');
    const docx = await mammoth.extractRawText({ path: path.join(folder, 'transcript.docx') });
    expect(docx.value).toContain(`[00:10] Customer: We would like the ${OTHER_CALL_WORD} integration next quarter.`);
    expect(docx.value).toContain('Redaction reviewed:');
  });

  it('refuses to export an edited version until it has its own review, and says so', async () => {
    await page.getByTestId('start-correcting').click();
    // Split the first segment at the caret (after "Good morning,"), then merge it back.
    const opening = page.getByLabel('Segment 1 text');
    await opening.click();
    await page.keyboard.press('Home');
    for (let i = 0; i < 14; i += 1) {
      await page.keyboard.press('ArrowRight');
    }
    await page.getByRole('button', { name: 'Split segment 1 at the cursor' }).click();
    await expect.poll(() => page.getByTestId('edit-segment').count()).toBe(5);
    expect(await page.getByLabel('Segment 1 text').inputValue()).toBe('Good morning,');
    expect(await page.getByLabel('Segment 2 text').inputValue()).toBe('thanks for making time for the quarterly review.');
    await page.getByRole('button', { name: 'Merge with next (segment 1)' }).click();
    await expect.poll(() => page.getByTestId('edit-segment').count()).toBe(4);
    expect(await page.getByLabel('Segment 1 text').inputValue()).toBe(REVIEW[0]!.text);
    const last = page.getByLabel('Segment 4 text');
    // Bad input first: more words than the segment's 3.5 s of audio can hold is refused on the
    // spot, in words, and what was typed stays in the field (nothing saved, nothing lost).
    const tooMany = Array.from({ length: 120 }, () => 'blah').join(' ');
    await last.fill(tooMany);
    await last.blur();
    await page.getByText(/too short for 120 words/).waitFor();
    expect(await last.inputValue()).toBe(tooMany);
    // The refused text never entered the draft: the last step is still the merge.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByTestId('edit-segment').count()).toBe(5);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => page.getByTestId('edit-segment').count()).toBe(4);
    await last.fill('I will send a short summary of the next steps.');
    await last.blur();
    await page.getByTestId('save-version').click();
    await expect.poll(() => page.getByTestId('transcript-version').innerText()).toBe('Version 2 of 2 · correction');
    await page.getByTestId('export-needs-review').waitFor();
    const folder = path.join(work, 'export-refused');
    const panel = page.getByTestId('export-panel');
    await panel.getByLabel('Export to folder').fill(folder);
    await page.getByTestId('export-run').click();
    const refused = page.getByTestId('export-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/version 2 has not been reviewed/i);
    expect(fs.existsSync(folder) ? fs.readdirSync(folder) : []).toEqual([]);
  });

  it('leaves no canary word in any file under the data directory after editing, tagging, indexing and playing', () => {
    const [profile] = fs.readdirSync(path.join(home, 'profiles'));
    const vaultFiles = fs.readdirSync(path.join(home, 'profiles', profile!, 'vault'));
    // The scan covers the live database and its write-ahead log (the host still has the vault open).
    expect(vaultFiles).toEqual(expect.arrayContaining(['vault.db', 'vault.db-wal', 'vault.json']));
    const hits = scanForPersonalData([home], [EDITED_WORD, OTHER_CALL_WORD, DANA.name, PRIYA.name, 'short summary', 'Initek']);
    expect(hits).toEqual([]);
  });
});
