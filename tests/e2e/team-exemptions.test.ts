// A rep's exemption requests granted and declined across two apps, in Debian's Chromium (#15
// section 3, exempt15): a rep's and an enablement member's browser hosts (each its own process,
// home and vault) and a real callvault-server on loopback. Two of the rep's calls, recorded on two
// days, are listed under "Deleted in the next 14 days"; the rep asks to keep both for the training
// library. Enablement (the role the shipped policy's training-library exemption lists in grantedBy)
// sees both requests in Settings > Team, grants one and declines the other with a reason. The rep's
// app, after Sync now, shows the signed hold obeyed (one call held) and the granted call gone from
// the list, and the declined one still listed with the granter's reason. Then, the host stopped,
// the rep's vault is opened with the app's movable clock 30 days on: the sweep destroys the
// declined call and keeps the granted one. Axe scans each screen.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanScreen, type AxeFinding } from '../helpers/axe-scan';
import { retentionFixture } from '../helpers/retention-fixture';
import { seedOldRecording, seedVault, workDir } from '../helpers/seeded-app';
import { enrolInTeamScreen, startTeamInChromium, type TeamInChromium } from '../helpers/team-in-chromium';

const DAY_MS = 86_400_000;
const REASON = 'Not a training example';
let t: TeamInChromium | undefined;
let work = '';
let rep: Page;
let enablement: Page;
const ids = { kept: '', declined: '' };
/** The UTC day each call was recorded (what the granter sees; the title never leaves the rep's device). */
const days = { kept: '', declined: '' };
const found = new Map<string, AxeFinding[]>();

beforeAll(async () => {
  ({ work } = workDir('team-exemptions-e2e'));
  // A discovery call is kept 180 days under the shipped policy: these go in 5 and 4 days.
  [ids.kept, ids.declined] = await seedVault(`${work}/rep`, (vault) => [seedOldRecording(vault, 'Umbrella discovery', 175), seedOldRecording(vault, 'Stark discovery', 176)]);
  days.kept = new Date(Date.now() - 175 * DAY_MS).toISOString().slice(0, 10);
  days.declined = new Date(Date.now() - 176 * DAY_MS).toISOString().slice(0, 10);
  await seedVault(`${work}/enablement`, () => undefined, 'Elena Enablement');
  t = await startTeamInChromium(work);
  rep = await t.open(`${work}/rep`);
  enablement = await t.open(`${work}/enablement`);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('exemption requests granted and declined, in Chromium', () => {
  it('the rep asks to keep two calls that expire soon; each request waits for a decision', { timeout: 180_000 }, async () => {
    await enrolInTeamScreen(enablement, t!.team, await t!.team.invite('enablement', null));
    await enrolInTeamScreen(rep, t!.team, await t!.team.invite('rep', 'alpha'), { backToLibrary: true });
    const panel = rep.getByTestId('expiring-soon');
    await panel.waitFor({ timeout: 30_000 });
    for (const which of ['kept', 'declined'] as const) {
      const row = panel.getByTestId(`expiring-${ids[which]}`);
      await row.getByRole('button', { name: 'Ask to keep for training' }).click();
      await row.getByRole('button', { name: 'Asked to keep' }).waitFor();
      // Enrolled, so the request went to the team server at once.
      await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('Asked to keep: waiting for a decision.');
    }
    await scanScreen(rep, 'rep: asked to keep', found);
  });

  it('enablement sees both requests by day, grants one and declines the other with a reason', { timeout: 180_000 }, async () => {
    const section = enablement.getByTestId('exemption-requests');
    await section.waitFor({ timeout: 30_000 });
    const requests = section.getByTestId('exemption-request');
    // Refresh reads the requests and the team's members again (the rep enrolled after this screen
    // opened); both answers arrive on their own, so it is pressed until both rows name the rep.
    const byRep = requests.filter({ hasText: /member\d+\.rep@members\.example · training-library/ });
    await expect.poll(async () => {
      await section.getByRole('button', { name: 'Refresh' }).click();
      return [await requests.count(), await byRep.count()];
    }, { timeout: 30_000, interval: 1_000 }).toEqual([2, 2]);
    const keptRow = requests.filter({ hasText: `call recorded ${days.kept}` });
    const declinedRow = requests.filter({ hasText: `call recorded ${days.declined}` });
    expect(await keptRow.count()).toBe(1);
    // No title, account or name of the call reaches the granter.
    expect(await section.innerText()).not.toMatch(/Umbrella|Stark/);
    // Decline needs a reason.
    expect(await declinedRow.getByTestId('exemption-decline').isDisabled()).toBe(true);
    await scanScreen(enablement, 'enablement: requests to keep', found);

    await keptRow.getByTestId('exemption-grant').click();
    await section.getByTestId('exemption-notice').getByText(/Granted: a signed hold keeps/).waitFor({ timeout: 30_000 });
    await expect.poll(() => requests.count(), { timeout: 30_000 }).toBe(1);
    await declinedRow.getByLabel('Reason to decline').fill(REASON);
    await declinedRow.getByTestId('exemption-decline').click();
    await section.getByTestId('exemption-notice').getByText(/Declined. The rep sees your reason/).waitFor({ timeout: 30_000 });
    await section.getByText('No request waits for you.').waitFor({ timeout: 30_000 });
    await scanScreen(enablement, 'enablement: decided', found);
  });

  it("after Sync now the rep's app obeys the granted hold and shows the decline with its reason", { timeout: 180_000 }, async () => {
    await rep.getByTestId('open-team').click();
    await rep.getByTestId('team-sync').click();
    await rep.getByTestId('team-sync-result').waitFor({ timeout: 60_000 });
    expect(await rep.getByTestId('team-sync-result').innerText()).toMatch(/1 active hold\(s\), 0 refused/);
    const held = rep.locator('[data-testid="team-hold"][data-state="active"]');
    await held.waitFor({ timeout: 30_000 });
    expect(await held.innerText()).toMatch(
      new RegExp(`training-library · issued by member\\d+\\.enablement@members\\.example \\(enablement\\) · 1 call\\(s\\) held here · recorded ${days.kept} to ${days.kept}`),
    );
    await scanScreen(rep, 'rep: hold obeyed', found);

    await rep.getByRole('button', { name: 'Back to the library' }).click();
    const panel = rep.getByTestId('expiring-soon');
    const declined = panel.getByTestId(`expiring-${ids.declined}`);
    await expect.poll(() => declined.innerText(), { timeout: 30_000 }).toContain(`Keep declined: ${REASON}.`);
    // The kept call is held: nothing of it expires any more, so it leaves the list.
    expect(await panel.getByTestId(`expiring-${ids.kept}`).count()).toBe(0);
    // After a decline the rep may ask again.
    expect(await declined.getByRole('button', { name: 'Ask to keep for training' }).isEnabled()).toBe(true);
    await rep.getByTestId(`open-call-${ids.kept}`).waitFor();
    await scanScreen(rep, 'rep: decided', found);
    expect(Object.fromEntries(found)).toEqual({
      'rep: asked to keep': [],
      'enablement: requests to keep': [],
      'enablement: decided': [],
      'rep: hold obeyed': [],
      'rep: decided': [],
    });
  });

  it("30 days on (the app's movable clock), the sweep destroys the declined call and keeps the granted one", { timeout: 180_000 }, async () => {
    await t!.stopHost(rep);
    const app = await retentionFixture(new Date().toISOString(), {}, `${work}/rep`, undefined, false);
    try {
      const vault = app.vault();
      expect(vault.retention.holdsOf(ids.kept)).toHaveLength(1);
      expect(vault.retention.holdsOf(ids.declined)).toEqual([]);
      app.clock.advanceDays(30);
      const swept = await app.call('retention.run', { dryRun: false });
      expect(swept.recordingsRemoved).toEqual([ids.declined]);
      expect(swept.destroyed.filter((d) => d.recordingId === ids.kept)).toEqual([]);
      expect(vault.recordings.get(ids.kept)).toBeDefined();
      expect(vault.recordings.get(ids.declined)).toBeUndefined();
      expect(vault.audit.verify().ok).toBe(true);
    } finally {
      app.session.lock();
    }
  });
});
