// Sharing in Debian's Chromium through two browser hosts (a rep's and a manager's app, each its
// own process, home and vault) and a real callvault-server on loopback. The manager enrols in
// Team settings; the rep enrols, opens a reviewed call, picks the range and the manager in the
// Share dialog, sees the redacted text that will be sent and confirms; the manager acknowledges
// the policy's usage rules, then the Inbox plays the clip under its purpose banner; the rep revokes it and it disappears from the manager's app.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReviewedCall, seedVault, workDir } from '../helpers/seeded-app';
import { enrolInTeamScreen, openCallPage, startTeamInChromium, type TeamInChromium } from '../helpers/team-in-chromium';
import { timedSegment } from '../helpers/timed-segment';
import { CANARY, CARD_WORDS } from '../integration/team/team-fixture';

let t: TeamInChromium | undefined;
let rep: Page;
let manager: Page;
let recordingId = '';

beforeAll(async () => {
  const { work } = workDir('team-e2e');
  recordingId = await seedVault(`${work}/rep`, (vault) =>
    addReviewedCall(vault, work, {
      title: 'Acme renewal',
      seconds: 22,
      segments: [
        timedSegment('rep', 0, 4_000, `Thanks for calling about the ${CANARY} renewal today.`),
        timedSegment('customer', 4_500, 12_000, `Sure, put it on my card ${CARD_WORDS} please.`),
        timedSegment('rep', 12_500, 16_000, 'Great, I will send the order form after this call.'),
      ],
    }, 'Rita Rep'),
  );
  await seedVault(`${work}/manager`, () => undefined, 'Max Manager');
  t = await startTeamInChromium(work);
  rep = await t.open(`${work}/rep`);
  manager = await t.open(`${work}/manager`);
});

afterAll(async () => {
  await t?.close();
});

describe('sharing between two apps in Chromium', () => {
  it('the manager enrols; the rep enrols and shares a reviewed clip after seeing what will be sent', async () => {
    await enrolInTeamScreen(manager, t!.team, await t!.team.invite('manager', 'alpha'));
    expect(await manager.getByTestId('team-status').innerText()).toMatch(/\(manager, team alpha\)/);
    await enrolInTeamScreen(rep, t!.team, await t!.team.invite('rep', 'alpha'));
    await rep.getByTestId('team-members').getByText('Key confirmed').first().waitFor();
    await rep.getByRole('button', { name: 'Back to the library' }).click();

    await openCallPage(rep, recordingId);
    await rep.getByTestId('open-share').click();
    const dialog = rep.getByTestId('share-dialog');
    await dialog.getByTestId('share-to').fill('0:16');
    const managerBox = dialog.getByRole('checkbox', { name: /manager@members\.example/ });
    await managerBox.check();
    // The admin may not receive clips: offered, but not choosable.
    expect(await dialog.getByRole('checkbox', { name: /admin@members\.example/ }).isDisabled()).toBe(true);
    expect(await dialog.getByTestId('share-confirm').isDisabled()).toBe(true);
    await dialog.getByTestId('share-preview').click();
    const preview = await dialog.getByTestId('share-preview-text').innerText();
    expect(preview).toContain(CANARY);
    expect(preview).toContain('[CARD]');
    expect(preview).not.toContain(CARD_WORDS);
    expect(await dialog.getByTestId('share-confirm').isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: 'I checked what will be sent' }).check();
    await dialog.getByTestId('share-confirm').click();
    expect(await rep.getByTestId('share-result').innerText()).toBe('The clip was shared.');
  });

  it("the manager's inbox plays the clip under its purpose banner", async () => {
    await manager.getByRole('button', { name: 'Back to the library' }).click();
    await manager.getByTestId('open-inbox').click();
    const entry = manager.getByTestId('inbox-entry');
    await entry.waitFor({ timeout: 30_000 });
    expect(await entry.innerText()).toMatch(/coaching from member\d+\.rep@members\.example/);
    // Before the first clip opens, the manager reads and acknowledges the policy's usage rules.
    await entry.getByRole('button', { name: 'Open' }).click();
    await manager.getByTestId('inbox-error').getByText(/acknowledge the policy's rules/).waitFor();
    expect(await manager.getByTestId('usage-rules').innerText()).toContain('Publicly embarrassing reps with clips');
    await manager.getByTestId('acknowledge-usage').click();
    await manager.getByTestId('usage-rules').waitFor({ state: 'detached' });
    await entry.getByRole('button', { name: 'Open' }).click();
    await manager.locator('[data-testid="purpose-banner"], [data-testid="inbox-error"]').first().waitFor({ timeout: 30_000 });
    expect(await manager.getByTestId('inbox-error').count(), t!.hostLog()).toBe(0);
    expect(await manager.getByTestId('purpose-banner').innerText()).toBe('Coaching. Not for performance review.');
    const text = await manager.getByTestId('received-text').innerText();
    expect(text).toContain(CANARY);
    expect(text).not.toContain(CARD_WORDS);
    await expect.poll(() => manager.getByTestId('received-audio').evaluate((a) => (a as unknown as { duration: number }).duration), { timeout: 20_000 }).toBeCloseTo(16, 0);
  });

  it('a clip the rep revokes disappears from the manager app', async () => {
    await rep.getByRole('button', { name: 'Back to the library' }).click();
    await rep.getByTestId('open-team').click();
    const sent = rep.locator('[data-testid="outbox-entry"][data-state="sent"]');
    await sent.waitFor();
    await sent.getByRole('button', { name: 'Revoke' }).click();
    await rep.locator('[data-testid="outbox-entry"][data-state="revoked"]').waitFor();
    await manager.getByTestId('inbox-refresh').click();
    await manager.getByTestId('inbox-empty').waitFor({ timeout: 20_000 });
    expect(await manager.getByTestId('inbox-entry').count()).toBe(0);
  });
});
