// Team holds and organisation-wide deletion requests in Debian's Chromium (#15 sections 3 and 4):
// two browser hosts (an admin's and a rep's app, each its own process, home and vault) and a real
// callvault-server on loopback. The rep's Team screen offers neither the hold form nor the
// organisation-wide request (its role may do neither); the admin types the customer's email into
// the form and files the request; the rep's app answers at "Sync now"; the admin sees the rep done
// with a certificate that verifies and the other member pending. The admin then issues a
// compliance hold on the rep's calls: the rep's app shows it active, who issued it, and how many
// calls it keeps; the admin releases it and the rep's app shows it released. Axe scans each screen.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanScreen, type AxeFinding } from '../helpers/axe-scan';
import { seedRecordedCall, seedVault, workDir } from '../helpers/seeded-app';
import { enrolInTeamScreen, startTeamInChromium, type TeamInChromium } from '../helpers/team-in-chromium';

const EMAIL = 'ottoline.brackenbury@wexford.example';
let t: TeamInChromium | undefined;
let rep: Page;
let admin: Page;
const ids = { gone: '', kept: '' };
const found = new Map<string, AxeFinding[]>();

beforeAll(async () => {
  const { work } = workDir('team-retention-e2e');
  await seedVault(`${work}/rep`, (vault) => {
    for (const which of ['gone', 'kept'] as const) {
      const participant = which === 'gone' ? { name: 'Ottoline Brackenbury', email: EMAIL } : { name: 'Someone Else', email: 'someone@elsewhere.example' };
      ids[which] = seedRecordedCall(vault, { id: `call-${which}`, account: which === 'gone' ? 'Wexford' : 'Elsewhere', title: `Call ${which}`, participants: [participant] });
    }
  });
  await seedVault(`${work}/admin`, () => undefined, 'Ada Admin');
  t = await startTeamInChromium(work);
  rep = await t.open(`${work}/rep`);
  admin = await t.open(`${work}/admin`);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('team holds and organisation-wide deletion requests in Chromium', () => {
  it('each role sees only what it may do', { timeout: 180_000 }, async () => {
    await enrolInTeamScreen(admin, t!.team, await t!.team.invite('admin', null));
    await enrolInTeamScreen(rep, t!.team, await t!.team.invite('rep', 'alpha'));
    await rep.getByTestId('team-holds').getByText('No team hold names you.').waitFor({ timeout: 30_000 });
    await admin.getByTestId('issue-holds').waitFor({ timeout: 30_000 });
    await admin.getByTestId('org-deletion').waitFor();
    // A rep may issue no hold (the policy's grantedBy) and file no organisation-wide request.
    expect(await rep.getByTestId('issue-holds').count()).toBe(0);
    expect(await rep.getByTestId('org-deletion').count()).toBe(0);
    // An admin may grant only the compliance exemption (legal holds: HR and legal; training: enablement).
    await admin.getByLabel('Exemption').click();
    const options = await admin.getByRole('option').allInnerTexts();
    expect(options.map((o) => o.split(':')[0])).toEqual(['compliance']);
    await admin.keyboard.press('Escape');
    await scanScreen(rep, 'team: rep', found);
    await scanScreen(admin, 'team: admin', found);
  });

  it('the admin files a request in the form; the rep answers at sync; the admin sees done, pending and a verified certificate', { timeout: 180_000 }, async () => {
    const form = admin.getByTestId('org-deletion');
    expect(await form.getByTestId('org-deletion-file').isDisabled()).toBe(true);
    await form.getByLabel('Customer email').fill(EMAIL);
    await form.getByTestId('org-deletion-file').click();
    const request = form.getByTestId('org-request');
    await request.waitFor({ timeout: 30_000 });
    // The rep and the team's other admin (the fixture's, which never answers) are asked.
    expect(await request.innerText()).toMatch(/0 done, 2 pending/);
    expect(await form.getByLabel('Customer email').inputValue()).toBe('');
    expect(admin.url()).not.toContain('ottoline');
    await scanScreen(admin, 'org deletion: filed', found);

    await rep.getByTestId('team-sync').click();
    await rep.getByTestId('team-sync-result').waitFor({ timeout: 60_000 });
    expect(await rep.getByTestId('team-sync-result').innerText()).toMatch(/1 deletion request\(s\) answered, 0 refused/);

    await form.getByRole('button', { name: 'Check answers' }).click();
    await expect.poll(async () => form.getByTestId('org-request').innerText(), { timeout: 30_000 }).toMatch(/1 done, 1 pending/);
    const done = form.locator('[data-testid="org-request-member"][data-status="done"]');
    // Members are named by their email from the signed roster (read again with the answers).
    await expect.poll(async () => done.innerText(), { timeout: 30_000 }).toMatch(/member\d+\.rep@members\.example: done/);
    const doneText = await done.innerText();
    expect(doneText).toMatch(/certificate verified/);
    expect(doneText).not.toMatch(/does not verify/);
    expect(await form.locator('[data-testid="org-request-member"][data-status="pending"]').count()).toBe(1);
    await scanScreen(admin, 'org deletion: answered', found);
    // The customer's call is gone from the rep's library; the other stays.
    await rep.getByRole('button', { name: 'Back to the library' }).click();
    await rep.getByTestId(`open-call-${ids.kept}`).waitFor({ timeout: 30_000 });
    expect(await rep.getByTestId(`open-call-${ids.gone}`).count()).toBe(0);
    expect(t!.hostLog().toLowerCase()).not.toContain('ottoline');
  });

  it('the admin issues a compliance hold; the rep sees it obeyed, then released', { timeout: 180_000 }, async () => {
    const issue = admin.getByTestId('issue-holds');
    await issue.getByRole('checkbox', { name: /member\d+\.rep@members\.example/ }).check();
    await issue.getByTestId('hold-issue').click();
    await issue.getByTestId('hold-notice').waitFor({ timeout: 30_000 });
    await issue.locator('[data-testid="issued-hold"][data-state="active"]').waitFor();

    await rep.getByTestId('open-team').click();
    await rep.getByTestId('team-sync').click();
    await rep.getByTestId('team-sync-result').waitFor({ timeout: 60_000 });
    const held = rep.locator('[data-testid="team-hold"][data-state="active"]');
    await held.waitFor({ timeout: 30_000 });
    const text = await held.innerText();
    expect(text).toMatch(/compliance · issued by member\d+\.admin@members\.example \(admin\) · 1 call\(s\) held here/);
    await scanScreen(rep, 'team holds: active', found);

    await issue.getByRole('button', { name: 'Release' }).click();
    await issue.locator('[data-testid="issued-hold"][data-state="released"]').waitFor({ timeout: 30_000 });
    await rep.getByTestId('team-sync').click();
    await rep.locator('[data-testid="team-hold"][data-state="released"]').waitFor({ timeout: 60_000 });
    expect(await rep.locator('[data-testid="team-hold"][data-state="released"]').innerText()).toMatch(/0 call\(s\) held here/);
    await scanScreen(admin, 'team holds: issued and released', found);
    expect([...found].filter(([, v]) => v.length > 0)).toEqual([]);
  });
});
