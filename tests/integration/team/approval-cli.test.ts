// callvault approval request|list|decide and record --approval through the real CLI entry
// (in-process, the handler table) against a real callvault-server process and real vaults: the
// account and reason come as JSON on standard input or from a file, never argv; the window is
// bounded as the server bounds it; HR and legal decides from its own vault; the call is imported
// only under an approved, unused request for its call type and account, and only once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { addDays, dayText } from '../../../src/shared/team/call-approval-terms';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { encodeWav } from '../../../src/platform/audio/wav';
import { customer } from '../../helpers/call-fixture';
import { runCliCapture } from '../../helpers/cli-runner';
import { tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';
import { enrolledApp, startTeam, type TeamSetup } from './team-fixture';

const running: TeamSetup[] = [];
afterEach(async () => {
  for (const team of running.splice(0)) {
    await team.stop();
  }
});

const ACCOUNT = 'Quillfeather Pharma';
const REASON = 'Outside counsel joins to review the contract';
const ID_LINE = /^([0-9a-f-]{36})\s+(pending|approved|denied)\s/m;

function wavFile(dir: string): string {
  const rate = 16_000;
  const tone = Int16Array.from({ length: rate * 2 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / rate)));
  const file = path.join(dir, 'call.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: rate, channels: [tone, tone] }));
  return file;
}

describe('callvault approval and record --approval', () => {
  it('asks with the details off argv, lists, is decided by HR and legal, and records the call once under the approved request', async () => {
    const t = await startTeam();
    running.push(t);
    const rep = await enrolledApp(t, 'rep', 'alpha');
    await rep.acknowledge();
    rep.session.lock();
    const hr = await enrolledApp(t, 'hr-and-legal', null);
    hr.session.lock();
    const repEnv = { CALLVAULT_HOME: rep.home, CALLVAULT_PASSPHRASE: PASSPHRASE };
    const hrEnv = { CALLVAULT_HOME: hr.home, CALLVAULT_PASSPHRASE: PASSPHRASE };
    const dir = tempDir();
    const details = JSON.stringify({ account: ACCOUNT, reason: REASON });

    // Personal data on the command line is refused without being repeated.
    const onArgv = await runCliCapture(['approval', 'request', '--call-type', 'legal-discussion', '--account', ACCOUNT], repEnv, details);
    expect(onArgv.code).toBe(2);
    expect(onArgv.stderr).toMatch(/--account is no longer accepted/);
    expect(onArgv.stderr).not.toContain(ACCOUNT);
    // Bad details and bad days: usage errors naming the field or the rule, nothing asked.
    const notJson = await runCliCapture(['approval', 'request', '--call-type', 'legal-discussion'], repEnv, 'Quillfeather');
    expect(notJson).toMatchObject({ code: 2, stderr: expect.stringMatching(/not JSON/) as unknown });
    expect(notJson.stderr).not.toContain('Quillfeather');
    expect((await runCliCapture(['approval', 'request', '--call-type', 'legal-discussion'], repEnv, JSON.stringify({ account: ACCOUNT }))).stderr).toMatch(/"reason" must say why/);
    const today = new Date();
    const tooLong = await runCliCapture(['approval', 'request', '--call-type', 'legal-discussion', '--from', dayText(today), '--to', dayText(addDays(today, 14))], repEnv, details);
    expect(tooLong).toMatchObject({ code: 2, stderr: expect.stringMatching(/at most 14 days/) as unknown });
    const over = await runCliCapture(['approval', 'request', '--call-type', 'legal-discussion', '--from', '2020-01-01', '--to', '2020-01-03'], repEnv, details);
    expect(over).toMatchObject({ code: 2, stderr: expect.stringMatching(/over already/) as unknown });
    expect((await runCliCapture(['approval', 'list'], repEnv)).stdout).toBe('');
    // A call type that needs no approval is refused by the app.
    expect((await runCliCapture(['approval', 'request', '--call-type', 'discovery'], repEnv, details)).stderr).toMatch(/need no approval/);

    // Asked with the details from a file; the longest window (14 days) is accepted.
    const detailsPath = path.join(dir, 'approval.json');
    fs.writeFileSync(detailsPath, details);
    const asked = await runCliCapture(['approval', 'request', '--call-type', 'legal-discussion', '--from', dayText(today), '--to', dayText(addDays(today, 13)), '--from-file', detailsPath], repEnv);
    expect(asked.code, asked.stderr).toBe(0);
    const approvalId = ID_LINE.exec(asked.stdout)?.[1] ?? '';
    expect(asked.stdout).toMatch(/pending\s+legal-discussion\s+Quillfeather Pharma/);
    const listed = (await runCliCapture(['approval', 'list', '--json'], repEnv)).stdout.trim().split('\n').map((l) => JSON.parse(l) as { requestId: string; status: string; account: string; validFrom: string; validUntil: string; mine: boolean });
    expect(listed).toEqual([expect.objectContaining({ requestId: approvalId, status: 'pending', account: ACCOUNT, mine: true })]);
    expect(Date.parse(listed[0]!.validUntil) - Date.parse(listed[0]!.validFrom)).toBeLessThanOrEqual(14 * 24 * 3600_000);

    // A pending request records nothing.
    const wav = wavFile(dir);
    const record = (id: string, account = ACCOUNT) =>
      runCliCapture(['record', '--import', wav, '--call-type', 'legal-discussion', '--consent', 'verbal', '--details', '-', '--approval', id], repEnv, JSON.stringify({ participants: [customer], account, title: 'Contract terms' }));
    const pending = await record(approvalId);
    expect(pending.code).toBe(6);
    expect(pending.stderr).toMatch(/not been approved|not approved/);
    expect((await runCliCapture(['record', '--import', wav, '--call-type', 'legal-discussion', '--consent', 'verbal', '--details', '-', '--approval', 'not-an-id'], repEnv, '{}')).code).toBe(2);

    // HR and legal sees the account (its own sealed copy) and approves from the command line.
    const hrList = await runCliCapture(['approval', 'list'], hrEnv);
    expect(hrList.stdout).toMatch(new RegExp(`${approvalId}\\s+pending\\s+legal-discussion\\s+Quillfeather Pharma .*asked by member\\d+\\.rep@members\\.example\\s+\\(you may decide\\)`));
    expect((await runCliCapture(['approval', 'decide', approvalId, 'maybe'], hrEnv)).code).toBe(2);
    const decided = await runCliCapture(['approval', 'decide', approvalId, 'approve'], hrEnv);
    expect(decided.code, decided.stderr).toBe(0);
    expect(decided.stdout).toMatch(/approved\s+legal-discussion/);
    // The rep cannot decide its own request.
    expect((await runCliCapture(['approval', 'decide', approvalId, 'approve'], repEnv)).code).toBe(6);

    // Approved: not for another account; for this one, once.
    expect((await record(approvalId, 'Other Account Ltd')).stderr).toMatch(/another account/);
    const imported = await record(approvalId);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Imported .* as recording [0-9a-f-]{36}/);
    expect((await runCliCapture(['approval', 'list'], repEnv)).stdout).toMatch(new RegExp(`${approvalId}\\s+approved .*used by call [0-9a-f-]{36}`));
    const again = await record(approvalId);
    expect(again.code).toBe(6);
    expect(again.stderr).toMatch(/already used/);

    // A denied request: listed as denied by HR, and refused for the call.
    const second = await runCliCapture(['approval', 'request', '--call-type', 'legal-discussion'], repEnv, JSON.stringify({ account: 'Brightwater Labs', reason: 'Dispute' }));
    const deniedId = ID_LINE.exec(second.stdout)?.[1] ?? '';
    expect((await runCliCapture(['approval', 'decide', deniedId, 'deny'], hrEnv)).code).toBe(0);
    expect((await runCliCapture(['approval', 'list'], repEnv)).stdout).toMatch(new RegExp(`${deniedId}\\s+denied\\s+legal-discussion\\s+Brightwater Labs .* by member\\d+\\.hr-and-legal@members\\.example`));
    const refused = await runCliCapture(['record', '--import', wav, '--call-type', 'legal-discussion', '--consent', 'verbal', '--details', '-', '--approval', deniedId], repEnv, JSON.stringify({ participants: [customer], account: 'Brightwater Labs' }));
    expect(refused.code).toBe(6);

    // The vault's audit log holds ids and codes, not the account or the reason.
    const [profile] = new ProfileStore(rep.home).list();
    const vault = await OpenVault.unlock(profile!, { kind: 'passphrase', passphrase: PASSPHRASE }, await vaultContext());
    try {
      const audit = vault.audit.entries().map((e) => `${e.event} ${e.detail}`).join('\n');
      expect(audit).toContain('call.approval_recorded');
      expect(audit).not.toMatch(/Quillfeather|Brightwater|counsel/i);
    } finally {
      vault.close();
    }
    // Some twenty CLI runs, each unlocking a vault and signing in: over two minutes on a loaded machine.
  }, 300_000);
});
