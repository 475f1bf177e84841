// Accessibility of the screens merged after tests/e2e/accessibility.test.ts was written, in
// Debian's Chromium through the browser host: Team settings (not enrolled, then enrolled with a
// real callvault-server on loopback), the Inbox (empty), the Share dialog, the summary panel
// (draft shown, an item being edited), the transcript editor (correcting, version history and its
// diff, find and replace), the tags panel with a suggestion, the export panel, search results in
// the library and the retention "expiring soon" panel. axe-core finds no serious or critical
// violation and no heading-order skip on any of them, and focus lands on the Team and Inbox
// screens' headings when they open.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredSegment } from '../../src/core/transcription/transcript';
import { scanScreen, type AxeFinding } from '../helpers/axe-scan';
import { openUnlockedApp, seedOldRecording, seedThroughContract, workDir, type AppInChromium } from '../helpers/seeded-app';
import { timedSegment } from '../helpers/timed-segment';
import { startTeam, type TeamSetup } from '../integration/team/team-fixture';

const SEARCH_WORD = 'quokkaberry';
const SEGMENTS: readonly StoredSegment[] = [
  timedSegment('rep', 0, 4_000, 'Thanks for joining, shall we look at the Initek rollout?'),
  timedSegment('customer', 4_500, 9_000, 'Yes. We tried Gong last year but the price was too high.'),
  timedSegment('rep', 9_500, 12_000, `Understood, our pricing is per seat and the ${SEARCH_WORD} add-on is free.`),
  timedSegment('customer', 12_500, 16_000, "I'll send the revised quote by Friday if procurement agrees."),
];

let work = '';
let home = '';
let app: AppInChromium | undefined;
let team: TeamSetup | undefined;
let page: Page;
let recordingId = '';
const found = new Map<string, AxeFinding[]>();

function focused(): Promise<string> {
  return page.evaluate<string>('(() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}:${(e.textContent ?? "").trim()}` : "none"; })()');
}

async function backToLibrary(): Promise<void> {
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await page.getByTestId('library-count').waitFor();
}

beforeAll(async () => {
  ({ work, home } = workDir('a11y-workspace'));
  // One call imported through the contract (policy, consent record) with a hand-written transcript, and one recorded 175 days ago.
  await seedThroughContract(home, async ({ vault, importCall, addTranscript }) => {
    recordingId = await importCall({ title: 'Rollout check-in', account: 'Initech', participant: { name: 'Dana Whitfield', email: 'dana@initech.example', region: 'US-TX' }, hz: 300 });
    addTranscript(recordingId, SEGMENTS);
    // The shipped policy keeps audio 180 days: this one is listed as expiring soon.
    seedOldRecording(vault, 'Umbrella discovery', 175);
  });
  // One after the other: the team server and the browser host both start through tsx, and started
  // together on a loaded machine either could miss its 60 s start-up window.
  team = await startTeam(path.join(work, 'server'));
  app = await openUnlockedApp(home, { viewport: { width: 1440, height: 1000 } });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await team?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the team, summary and review-workspace screens, scanned by axe-core', () => {
  it('the library with its expiring-soon panel, and search results', async () => {
    await page.getByTestId('expiring-soon').waitFor();
    await scanScreen(page, 'library (expiring soon)', found);
    await page.getByTestId('library-search').fill(SEARCH_WORD);
    await page.getByTestId('search-results').getByText(new RegExp(SEARCH_WORD, 'i')).first().waitFor({ timeout: 30_000 });
    await scanScreen(page, 'library (search results)', found);
    await page.getByTestId('library-search').fill('');
  });

  it('Team settings and the Inbox before enrolment, with focus on their headings', async () => {
    await page.getByTestId('open-team').click();
    await page.getByTestId('team-enrol').waitFor();
    await expect.poll(focused).toBe('h1:Team');
    await scanScreen(page, 'team (not enrolled)', found);
    await backToLibrary();
    await page.getByTestId('open-inbox').click();
    await page.getByTestId('inbox-screen').waitFor();
    await expect.poll(focused).toBe('h1:Shared with me');
    await page.waitForTimeout(500);
    await scanScreen(page, 'inbox (not enrolled)', found);
    await backToLibrary();
  });

  it('Team settings enrolled, and the empty Inbox', async () => {
    await page.getByTestId('open-team').click();
    await page.getByTestId('team-server-url').fill(team!.server.base);
    await page.getByTestId('team-invite-code').fill(await team!.invite('rep', 'alpha'));
    await page.getByTestId('team-enrol').click();
    await page.getByTestId('team-status').waitFor({ timeout: 30_000 });
    await page.getByTestId('team-members').waitFor();
    await scanScreen(page, 'team (enrolled)', found);
    await backToLibrary();
    await page.getByTestId('open-inbox').click();
    await page.getByTestId('inbox-empty').waitFor({ timeout: 30_000 });
    await scanScreen(page, 'inbox (empty)', found);
    await backToLibrary();
  });

  it('the call page: tags with a suggestion, the transcript editor, history, diff, find and replace', async () => {
    await page.getByTestId(`open-call-${recordingId}`).click();
    await page.getByTestId('call-page').waitFor();
    await page.getByTestId('transcript-segment').first().waitFor();
    await page.getByTestId('tag-suggestion').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('versions-section').waitFor();
    await scanScreen(page, 'call page (tag suggestion, versions, find and replace, export)', found);
    await page.getByRole('button', { name: 'Accept Competitor mention tag' }).click();
    await page.getByTestId('call-tag').first().waitFor();
    const vocabulary = page.getByTestId('vocabulary');
    await vocabulary.getByLabel('Add a term').fill('Initech');
    await vocabulary.getByRole('button', { name: 'Add', exact: true }).click();
    await vocabulary.getByRole('listitem').first().waitFor();
    await scanScreen(page, 'call page (a tag accepted, a vocabulary term)', found);

    await page.getByTestId('start-correcting').click();
    const first = page.getByLabel('Segment 1 text');
    await first.fill('Thanks for joining, shall we look at the Initech rollout?');
    await first.blur();
    await scanScreen(page, 'transcript editor (correcting)', found);
    await page.getByTestId('save-version').click();
    await page.getByTestId('version-notice').waitFor();
    await page.getByRole('button', { name: 'Changes in version 2' }).click();
    await page.getByTestId('transcript-diff').waitFor();
    await scanScreen(page, 'version history (diff)', found);

    const findReplace = page.getByRole('form', { name: 'Find and replace' });
    await findReplace.getByRole('textbox').first().fill('Friday');
    await scanScreen(page, 'find and replace (filled)', found);
  });

  it('the summary panel: a draft shown, then an item edited in review', async () => {
    await page.getByTestId('open-redaction-review').click();
    await page.getByTestId('save-review').click();
    await page.getByText(/^Reviewed by Rita Rep on /).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('summary-draft').click();
    await page.getByTestId('summary-item').first().waitFor({ timeout: 30_000 });
    await scanScreen(page, 'summary (draft)', found);
    await page.getByTestId('summary-item').first().getByTestId('summary-edit').click();
    await page.getByTestId('summary-edit-text').waitFor();
    await scanScreen(page, 'summary (editing an item in review)', found);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('export-needs-review').count()).toBe(0);
    await scanScreen(page, 'export panel (reviewed)', found);
  });

  it('the Share dialog to an enrolled team', async () => {
    await page.getByTestId('open-share').click();
    const dialog = page.getByTestId('share-dialog');
    await dialog.getByTestId('share-recipients').waitFor({ timeout: 30_000 });
    await scanScreen(page, 'share dialog', found);
    await dialog.getByTestId('share-to').fill('0:12');
    await dialog.getByTestId('share-preview').click();
    await dialog.getByTestId('share-preview-text').waitFor({ timeout: 30_000 });
    await scanScreen(page, 'share dialog (preview)', found);
    await page.keyboard.press('Escape');
  });

  it('finds no serious or critical violation, nor a heading-order skip, on any of them', () => {
    const failing = Object.fromEntries([...found].filter(([, list]) => list.length > 0));
    expect(failing).toEqual({});
    expect([...found.keys()]).toHaveLength(16);
  });
});
