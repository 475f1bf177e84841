// Accessibility of the screens merged after tests/e2e/accessibility.test.ts was written, in
// Debian's Chromium through the browser host: Team settings (not enrolled, then enrolled with a
// real callvault-server on loopback), the Inbox (empty), the Share dialog, the summary panel
// (draft shown, an item being edited), the transcript editor (correcting, version history and its
// diff, find and replace), the tags panel with a suggestion, the export panel, search results in
// the library and the retention "expiring soon" panel. axe-core finds no serious or critical
// violation and no heading-order skip on any of them, and focus lands on the Team and Inbox
// screens' headings when they open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppEvents } from '../../src/app/app-events';
import { createDispatcher } from '../../src/app/dispatch';
import { createHandlerTable } from '../../src/app/handlers';
import { silentLogger } from '../../src/app/logger';
import { createServices } from '../../src/app/services';
import { VaultSession } from '../../src/app/vault/vault-session';
import type { StoredSegment } from '../../src/core/transcription/transcript';
import { encodeWav } from '../../src/platform/audio/wav';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { scanScreen, type AxeFinding } from '../helpers/axe-scan';
import { launchChromium } from '../helpers/browser';
import { startHostProcess, type RunningHost } from '../helpers/browser-host-process';
import { noTimers } from '../helpers/call-fixture';
import { timedSegment } from '../helpers/timed-segment';
import { PASSPHRASE, vaultContext } from '../helpers/vault-fixture';
import { startTeam, type TeamSetup } from '../integration/team/team-fixture';

const RATE = 16_000;
const DAY_MS = 86_400_000;
const SEARCH_WORD = 'quokkaberry';
const SEGMENTS: readonly StoredSegment[] = [
  timedSegment('rep', 0, 4_000, 'Thanks for joining, shall we look at the Initek rollout?'),
  timedSegment('customer', 4_500, 9_000, 'Yes. We tried Gong last year but the price was too high.'),
  timedSegment('rep', 9_500, 12_000, `Understood, our pricing is per seat and the ${SEARCH_WORD} add-on is free.`),
  timedSegment('customer', 12_500, 16_000, "I'll send the revised quote by Friday if procurement agrees."),
];

let work = '';
let home = '';
let browser: Browser | undefined;
let host: RunningHost | undefined;
let team: TeamSetup | undefined;
let context: BrowserContext | undefined;
let page: Page;
let recordingId = '';
const found = new Map<string, AxeFinding[]>();

/** One call imported through the contract (policy, consent record) with a hand-written transcript, and one recorded 175 days ago. */
async function seed(): Promise<void> {
  const session = new VaultSession(new ProfileStore(home), await vaultContext(), noTimers);
  const services = await createServices(session, { env: {}, events: new AppEvents() });
  const dispatch = createDispatcher(createHandlerTable(services, { version: 't', host: 'browser', platform: 'linux' }), silentLogger);
  const call = async <T,>(method: string, input: unknown = {}): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) {
      throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    }
    return result.value as T;
  };
  await call('profiles.create', { displayName: 'Rita Rep' });
  await call('vault.create', { passphrase: PASSPHRASE });
  const ack = await call<{ content: { policyHash: string } }>('policy.acknowledgment');
  await call('policy.acknowledge', { policyHash: ack.content.policyHash });
  const tone = Int16Array.from({ length: RATE * 20 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 300 * i) / RATE)));
  const file = path.join(work, 'call.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [tone, tone] }));
  ({ recordingId } = await call<{ recordingId: string }>('recordings.import', {
    file,
    call: { callType: 'discovery', account: 'Initech', meetingTitle: 'Rollout check-in', participants: [{ name: 'Dana Whitfield', email: 'dana@initech.example', region: 'US-TX' }] },
    consent: { method: 'verbal', consentDate: '2026-11-20', attestedBy: 'Rita Rep' },
  }));
  fs.rmSync(file);
  const vault = session.requireVault();
  vault.transcripts.add({ recordingId, kind: 'machine', createdAt: '2026-11-28T00:00:00Z', createdBy: 'Rita Rep', engine: 'hand-written', language: 'en', segments: SEGMENTS });
  // The shipped policy keeps audio 180 days: this one is listed as expiring soon.
  const { record, writer } = vault.startRecording({ title: 'Umbrella discovery', callType: 'discovery', policyHash: 'p', startedAt: new Date(Date.now() - 175 * DAY_MS) });
  writer.finish(new Uint8Array([1, 2, 3]));
  vault.updateRecording(record.id, 500, 'complete');
  await call('vault.lock');
}

function focused(): Promise<string> {
  return page.evaluate<string>('(() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}:${(e.textContent ?? "").trim()}` : "none"; })()');
}

async function backToLibrary(): Promise<void> {
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await page.getByTestId('library-count').waitFor();
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-a11y-workspace-'));
  home = path.join(work, 'home');
  await seed();
  [browser, host, team] = await Promise.all([launchChromium([]), startHostProcess(home), startTeam(path.join(work, 'server'))]);
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
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
