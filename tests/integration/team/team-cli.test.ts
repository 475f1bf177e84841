// callvault team / share / outbox / inbox through the real CLI entry (in-process, the handler
// table) against a real callvault-server process: the invitation code and recipients' emails come
// from standard input, never argv; a share shows what will be sent and needs confirmation.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callFixture } from '../../helpers/call-fixture';
import { runCliCapture } from '../../helpers/cli-runner';
import { tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE } from '../../helpers/vault-fixture';
import { runCli as runServerCli } from '../../server/helpers/server-process';
import { CANARY, CARD_WORDS, enrolledApp, recordingWithTranscript, teamsPerTest } from './team-fixture';

const teams = teamsPerTest();

describe('the team commands', () => {
  it('enrols with the code on stdin, shares a confirmed clip by email from stdin, lists, opens and revokes', async () => {
    const t = await teams.startTeam();
    const rep = await callFixture();
    const recordingId = await recordingWithTranscript(rep);
    rep.session.lock();
    const manager = await enrolledApp(t, 'manager', 'alpha');
    manager.session.lock();
    const repEnv = { CALLVAULT_HOME: rep.home, CALLVAULT_PASSPHRASE: PASSPHRASE };
    const managerEnv = { CALLVAULT_HOME: manager.home, CALLVAULT_PASSPHRASE: PASSPHRASE };

    const code = await t.invite('rep', 'alpha');
    const onArgv = await runCliCapture(['team', 'enrol', '--server', t.server.base, '--code', code], repEnv);
    expect(onArgv.code).toBe(2);
    expect(onArgv.stderr).toMatch(/--code is no longer accepted/);
    expect(onArgv.stderr).not.toContain(code);
    const enrolled = await runCliCapture(['team', 'enrol', '--server', t.server.base, '--code-file', '-'], repEnv, `${code}\n`);
    expect(enrolled.stderr).toBe('');
    expect(enrolled.code).toBe(0);
    expect(enrolled.stdout).toMatch(/Enrolled with http:\/\/127\.0\.0\.1:\d+ as member\d+\.rep@members\.example \(rep, team alpha\)/);
    expect(enrolled.stdout).toMatch(/Signing key fingerprint: [0-9a-f]{64}/);
    expect((await runCliCapture(['team', 'status', '--json'], repEnv)).stdout).toContain('"enrolled":true');

    const email = manager.status.member!.email;
    const emailOnArgv = await runCliCapture(['share', recordingId, '--clip', '0-16', '--to', email, '--yes'], repEnv);
    expect(emailOnArgv.code).toBe(2);
    expect(emailOnArgv.stderr).not.toContain(email);
    const unconfirmed = await runCliCapture(['share', recordingId, '--clip', '0-16', '--to-file', '-'], repEnv, `${email}\n`);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/Nothing was shared/);
    // What will be sent is shown before anything is: the redacted text.
    expect(unconfirmed.stderr).toContain(CANARY);
    expect(unconfirmed.stderr).toContain('[CARD]');
    expect(unconfirmed.stderr).not.toContain(CARD_WORDS);
    expect((await runCliCapture(['outbox', 'list'], repEnv)).stdout).toBe('');

    const shared = await runCliCapture(['share', recordingId, '--clip', '0-16', '--to-file', '-', '--yes'], repEnv, `${email}\n`);
    expect(shared.code, shared.stderr).toBe(0);
    const shareId = /^([0-9a-f-]{36})\s+sent\s/m.exec(shared.stdout)?.[1];
    expect(shareId).toBeDefined();

    const listed = await runCliCapture(['inbox', 'list'], managerEnv);
    expect(listed.stdout).toContain(shareId!);
    const out = path.join(tempDir(), 'clip');
    const opened = await runCliCapture(['inbox', 'open', shareId!, '--out', out], managerEnv);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toMatch(/^Coaching\. Not for performance review\.$/m);
    expect(opened.stdout).toContain(CANARY);
    expect(fs.readFileSync(path.join(out, 'clip.wav')).subarray(0, 4).toString('latin1')).toBe('RIFF');

    expect((await runCliCapture(['outbox', 'revoke', shareId!], repEnv)).stdout).toMatch(/revoked/);
    const gone = await runCliCapture(['inbox', 'open', shareId!], managerEnv);
    expect(gone.code).toBe(5);
    expect(gone.stderr).toMatch(/revoked/);
  });

  it('HR lists and decides performance-use requests; the rep shares with HR under the approved one', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const hr = await enrolledApp(t, 'hr-and-legal', null);
    const recordingId = await recordingWithTranscript(rep);
    const sent = await rep.call<{ shareId: string }>('share.create', { recordingId, fromMs: 0, toMs: 16_000, recipients: [manager.status.member!.memberId], purpose: 'coaching', confirm: true });
    const request = await manager.call<{ requestId: string }>('inbox.requestPerformanceUse', { shareId: sent.shareId, use: 'performance-review' });
    for (const app of [rep, manager, hr]) {
      app.session.lock();
    }
    const env = (home: string) => ({ CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE });

    const listed = await runCliCapture(['inbox', 'requests'], env(hr.home));
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${request.requestId}\\s+pending\\s+performance-review`, 'm'));
    expect((await runCliCapture(['inbox', 'decide', request.requestId, 'maybe'], env(hr.home))).code).toBe(2);
    const byManager = await runCliCapture(['inbox', 'decide', request.requestId, 'approve'], env(manager.home));
    expect(byManager.code).not.toBe(0);
    const decided = await runCliCapture(['inbox', 'decide', request.requestId, 'approve'], env(hr.home));
    expect(decided.code, decided.stderr).toBe(0);
    expect(decided.stdout).toContain(`${request.requestId}  approved`);
    expect((await runCliCapture(['inbox', 'requests'], env(rep.home))).stdout).toMatch(new RegExp(`^${request.requestId}\\s+approved`, 'm'));

    const hrEmail = `${hr.status.member!.email}\n`;
    const shareArgs = ['share', recordingId, '--clip', '0-16', '--to-file', '-', '--purpose', 'performance-review', '--yes'];
    expect((await runCliCapture(shareArgs, env(rep.home), hrEmail)).code).not.toBe(0);
    const shared = await runCliCapture([...shareArgs, '--request', request.requestId], env(rep.home), hrEmail);
    expect(shared.code, shared.stderr).toBe(0);
    const shareId = /^([0-9a-f-]{36})\s+sent\s/m.exec(shared.stdout)?.[1];
    const opened = await runCliCapture(['inbox', 'open', shareId!], env(hr.home));
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toMatch(/^Approved for performance review through a performance-use request\.$/m);
  });

  it('callvault-server invite takes the email from stdin or --from FILE, never from argv', () => {
    const dataDir = tempDir('callvault-server-');
    const argv = runServerCli(['invite', '--data', dataDir, '--email', 'someone@members.example', '--role', 'admin']);
    expect(argv.status).not.toBe(0);
    expect(argv.stderr).toMatch(/Unknown option '--email'/);
    const file = path.join(tempDir(), 'email.txt');
    fs.writeFileSync(file, 'two@members.example\nthree@members.example\n');
    const twoLines = runServerCli(['invite', '--data', dataDir, '--role', 'admin', '--from', file]);
    expect(twoLines.status).toBe(2);
    expect(twoLines.stderr).toMatch(/exactly one email/);
    fs.writeFileSync(file, 'one@members.example\n');
    const fromFile = runServerCli(['invite', '--data', dataDir, '--role', 'admin', '--from', file]);
    expect(fromFile.status, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toMatch(/cv1-[a-z2-7]{32}/);
  });
});
