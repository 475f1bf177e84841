// Sharing with HR and legal under an approved performance-use request, in Debian's Chromium with
// two browser hosts (the rep's app and HR and legal's app, each its own process, home and vault)
// and a real callvault-server on loopback. The manager is played over the API. Before any request
// is approved, the rep's Share dialog says HR and legal are not offered and their box cannot be
// ticked; HR approves the manager's request in its Inbox; the rep's dialog then lists the approved
// request, picking it makes HR choosable for that use, and the share arrives in HR's inbox. axe
// scans the dialog with the picker.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe-scan';
import { api } from '../helpers/capture-app';
import { addReviewedCall, seedVault, workDir } from '../helpers/seeded-app';
import { enrolInTeamScreen, openCallPage, startTeamInChromium, type TeamInChromium } from '../helpers/team-in-chromium';
import { timedSegment } from '../helpers/timed-segment';
import { Member } from '../server/helpers/team-client';
import { CANARY } from '../integration/team/team-fixture';

let t: TeamInChromium | undefined;
let rep: Page;
let hr: Page;
let manager: Member;
let recordingId = '';
let requestId = '';

async function openShareDialog(): Promise<ReturnType<Page['getByTestId']>> {
  await openCallPage(rep, recordingId);
  await rep.getByTestId('open-share').click();
  const dialog = rep.getByTestId('share-dialog');
  await dialog.getByTestId('share-recipients').waitFor({ timeout: 30_000 });
  return dialog;
}

async function confirmShare(dialog: ReturnType<Page['getByTestId']>): Promise<void> {
  await dialog.getByTestId('share-to').fill('0:12');
  await dialog.getByTestId('share-preview').click();
  await dialog.getByTestId('share-preview-text').waitFor();
  await dialog.getByRole('checkbox', { name: 'I checked what will be sent' }).check();
  await dialog.getByTestId('share-confirm').click();
  expect(await rep.getByTestId('share-result').innerText()).toBe('The clip was shared.');
}

beforeAll(async () => {
  const { work } = workDir('team-hr-e2e');
  recordingId = await seedVault(`${work}/rep`, (vault) =>
    addReviewedCall(vault, work, {
      title: 'Acme renewal',
      seconds: 18,
      segments: [timedSegment('rep', 0, 4_000, `Thanks for calling about the ${CANARY} renewal today.`), timedSegment('rep', 4_500, 12_000, 'I will send the order form after this call.')],
    }, 'Rita Rep'),
  );
  await seedVault(`${work}/hr`, () => undefined, 'Hana HR');
  t = await startTeamInChromium(work);
  manager = await new Member(t.team.server.base).enroll(await t.team.invite('manager', 'alpha'));
  await manager.signIn();
  rep = await t.open(`${work}/rep`);
  hr = await t.open(`${work}/hr`);
});

afterAll(async () => {
  await t?.close();
});

describe('sharing with HR and legal under an approved performance-use request, in Chromium', () => {
  it('without an approved request, HR and legal is not offered; the rep shares with the manager for coaching', async () => {
    await enrolInTeamScreen(hr, t!.team, await t!.team.invite('hr-and-legal', null), { backToLibrary: true });
    await enrolInTeamScreen(rep, t!.team, await t!.team.invite('rep', 'alpha'), { backToLibrary: true });
    const dialog = await openShareDialog();
    await dialog.getByTestId('share-no-request').waitFor();
    const hrBox = dialog.getByRole('checkbox', { name: /hr-and-legal@members\.example/ });
    expect(await hrBox.isDisabled()).toBe(true);
    expect(await dialog.getByTestId('share-recipients').innerText()).toMatch(/hr-and-legal role use clips for "coaching"/);
    await dialog.getByRole('checkbox', { name: /manager@members\.example/ }).check();
    await confirmShare(dialog);
  });

  it('the manager files a request, HR and legal approves it in its Inbox', async () => {
    const inbox = (await manager.get('/v1/inbox')).json as { shares: { shareId: string }[] };
    expect(inbox.shares).toHaveLength(1);
    const filed = await manager.post('/v1/performance-requests', { shareId: inbox.shares[0]!.shareId, use: 'performance-review' });
    expect(filed.status).toBe(200);
    requestId = (filed.json as { requestId: string }).requestId;
    await hr.getByTestId('open-inbox').click();
    const row = hr.locator(`[data-testid="performance-request"][data-request-id="${requestId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Approve' }).click();
    await hr.locator(`[data-testid="performance-request"][data-request-id="${requestId}"][data-status="approved"]`).waitFor({ timeout: 30_000 });
  });

  it("the rep's Share dialog lists the approved request; picking it offers HR and legal, and the clip arrives under that request", async () => {
    await rep.getByRole('button', { name: 'Back to the library' }).click();
    const dialog = await openShareDialog();
    const picker = dialog.getByRole('combobox', { name: /Approved performance-use request/ });
    await picker.waitFor({ timeout: 30_000 });
    const hrBox = dialog.getByRole('checkbox', { name: /hr-and-legal@members\.example/ });
    expect(await hrBox.isDisabled()).toBe(true);
    await picker.click();
    const option = rep.getByRole('option', { name: /performance-review, asked by member\d+\.manager@members\.example, approved/ });
    expect(await option.count()).toBe(1);
    await option.click();
    await expect.poll(() => hrBox.isDisabled(), { timeout: 30_000 }).toBe(false);
    // The manager may not receive a performance-use share; the purpose is the request's use.
    expect(await dialog.getByRole('checkbox', { name: /manager@members\.example/ }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('combobox', { name: 'Purpose' }).innerText()).toBe('performance-review');
    expect(await axeViolations(rep)).toEqual([]);
    await hrBox.check();
    await confirmShare(dialog);

    // HR and legal's inbox has it, made for the approved use.
    await hr.getByTestId('inbox-refresh').click();
    const entry = hr.getByTestId('inbox-entry');
    await entry.waitFor({ timeout: 30_000 });
    expect(await entry.innerText()).toMatch(/performance-review from member\d+\.rep@members\.example/);
  });

  it('a legal discussion: the rep asks for approval, HR and legal approves it in its Inbox, and the call it was granted for is set up once', async () => {
    const ack = await api<{ content: { policyHash: string } }>(rep, 'policy.acknowledgment');
    expect(ack.ok).toBe(true);
    expect((await api(rep, 'policy.acknowledge', { policyHash: ack.ok ? ack.value.content.policyHash : '' })).ok).toBe(true);
    const call = { callType: 'legal-discussion', account: 'Quillfeather Pharma', meetingTitle: 'Contract terms', participants: [{ name: 'Casey Customer', email: 'casey@acme.example', region: 'US-TX' }] };
    expect(await api(rep, 'calls.prepare', call)).toMatchObject({ ok: true, value: { allowed: false, reasons: [{ code: 'approval-required' }] } });
    const asked = await api<{ requestId: string }>(rep, 'approval.request', { callType: 'legal-discussion', account: call.account, reason: 'Outside counsel joins' });
    expect(asked).toMatchObject({ ok: true, value: { status: 'pending' } });
    const approvalId = asked.ok ? asked.value.requestId : '';

    await hr.getByRole('button', { name: 'Back to the library' }).click();
    await hr.getByTestId('open-inbox').click();
    const row = hr.locator(`[data-testid="call-approval"][data-request-id="${approvalId}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toMatch(/legal-discussion with Quillfeather Pharma, asked by member\d+\.rep@members\.example: Outside counsel joins/);
    expect(await axeViolations(hr)).toEqual([]);
    await row.getByRole('button', { name: 'Approve' }).click();
    await hr.locator(`[data-testid="call-approval"][data-request-id="${approvalId}"][data-status="approved"]`).waitFor({ timeout: 30_000 });

    expect(await api(rep, 'calls.prepare', { ...call, approvalId })).toMatchObject({ ok: true, value: { allowed: true, call: { state: 'awaiting-consent' } } });
    expect(await api(rep, 'calls.prepare', { ...call, approvalId })).toMatchObject({ ok: true, value: { allowed: false, reasons: [{ code: 'approval-invalid' }] } });
  });
});
