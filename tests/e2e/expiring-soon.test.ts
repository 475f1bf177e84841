// Retention in the library, in Debian's Chromium through the browser host (#15 section 3): a call
// recorded 175 days ago (the shipped policy keeps audio, transcript, notes and tags 180 days) is
// listed as deleted in 5 days with the policy's reason; a call from last week is not. The rep asks
// to keep it for the training library; the request lands in the vault for an entitled role. A call
// prepared 170 days ago and never recorded is listed on the day its details are erased, with the
// reason, and offers nothing to ask.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe-scan';
import { inSeededVault, openUnlockedApp, seedCallRow, seedOldRecording, seedVault, workDir, type AppInChromium } from '../helpers/seeded-app';

const DAY_MS = 86_400_000;
let work = '';
let home = '';
let app: AppInChromium | undefined;
let page: Page;
let oldId = '';

beforeAll(async () => {
  ({ work, home } = workDir('expiring-e2e'));
  oldId = await seedVault(home, (vault) => {
    const old = seedOldRecording(vault, 'Umbrella discovery', 175);
    seedOldRecording(vault, 'Stark demo', 7);
    seedCallRow(vault, { id: 'call-never-recorded', account: 'Globex', title: 'Globex intro', participants: [{ name: 'Gil Globex', email: 'gil@globex.example' }], createdAt: new Date(Date.now() - 170 * DAY_MS) });
    return old;
  });
  app = await openUnlockedApp(home, { viewport: { width: 1280, height: 900 } });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('what expires in the next 14 days', () => {
  it('lists the old call with its day and reason, not the recent one, and the rep asks to keep it', async () => {
    const panel = page.getByTestId('expiring-soon');
    await panel.waitFor({ timeout: 30_000 });
    const due = new Date(Date.now() - 175 * DAY_MS + 180 * DAY_MS).toISOString().slice(0, 10);
    const text = await panel.innerText();
    // The summary and its action items go with the transcript, so they are listed on the same day.
    expect(text).toContain(`Umbrella discovery: recording, transcript, summary, action-items, notes, tags, clip on ${due}`);
    expect(text).toMatch(/kept 180 days after the call/);
    expect(text).not.toContain('Stark demo');
    // The call never recorded: its details go on its own day (180 days, the strictest artifact period).
    const unrecorded = panel.getByTestId('expiring-call-call-never-recorded');
    const erasedOn = new Date(Date.now() - 170 * DAY_MS + 180 * DAY_MS).toISOString().slice(0, 10);
    expect(await unrecorded.innerText()).toContain(`Globex intro (no recording): account, title, participants and consent names erased on ${erasedOn}`);
    expect(await unrecorded.innerText()).toContain('a call with no recording is kept no longer than its shortest artifact period (recording, 180 days)');
    expect(await unrecorded.getByRole('button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Ask to keep for training' }).click();
    await panel.getByRole('button', { name: 'Asked to keep' }).waitFor();
    await app?.host.stop();
    await inSeededVault(home, (vault) => {
      expect(vault.retention.exemptionRequests()).toMatchObject([{ recordingId: oldId, exemptionId: 'training-library', state: 'open' }]);
      expect(vault.audit.entries().some((e) => e.event === 'retention.exemption_requested')).toBe(true);
    });
  });
});
