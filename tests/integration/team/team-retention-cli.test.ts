// callvault team-holds / team-sync / org-deletion through the real CLI entry (in-process, the
// handler table) against a real callvault-server process: HR and legal issue a hold (accounts from
// standard input), the rep's sync obeys it and lists it, the release lifts it; an admin files an
// organisation-wide deletion request with the identifiers on standard input (refused on argv),
// the rep's sync answers it, and the admin's status shows 1/1 done with the certificate verified.
import { describe, expect, it } from 'vitest';
import { runCliCapture } from '../../helpers/cli-runner';
import { PASSPHRASE } from '../../helpers/vault-fixture';
import { enrolledApp, recordingWithTranscript, teamsPerTest } from './team-fixture';

const teams = teamsPerTest();

describe('the team retention commands', () => {
  it('issue, obey, list and release a team hold; file, answer and check an organisation-wide deletion request', async () => {
    const t = await teams.startTeam();
    const legal = await enrolledApp(t, 'hr-and-legal', null);
    const admin = await enrolledApp(t, 'admin', null);
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const recordingId = await recordingWithTranscript(rep, { reviewed: false });
    const repId = rep.status.member!.memberId;
    for (const app of [legal, admin, rep]) {
      app.session.lock();
    }
    const env = (home: string) => ({ CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE });

    const issued = await runCliCapture(['team-holds', 'issue', '--exemption', 'legal-hold', '--member', repId, '--accounts-file', '-'], env(legal.home), 'Initech\n');
    expect(issued.code, issued.stderr).toBe(0);
    const holdId = issued.stdout.trim();
    expect(holdId).toMatch(/^[0-9a-f-]{36}$/);
    // A rep may not issue one (exit 6, blocked by policy).
    expect((await runCliCapture(['team-holds', 'issue', '--exemption', 'legal-hold'], env(rep.home))).code).toBe(6);

    const synced = await runCliCapture(['team-sync'], env(rep.home));
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stderr).toMatch(/1 hold\(s\) in force, 0 released, 0 refused/);
    const listed = await runCliCapture(['team-holds', 'list'], env(rep.home));
    expect(listed.stdout).toContain(`active  ${holdId}  legal-hold  by hr-and-legal`);

    expect((await runCliCapture(['team-holds', 'release', holdId], env(legal.home))).code).toBe(0);
    expect((await runCliCapture(['team-sync', '--json'], env(rep.home))).stdout).toContain('"released":1');

    const onArgv = await runCliCapture(['org-deletion', 'file', 'jane@acme.example'], env(admin.home));
    expect(onArgv.code).toBe(2);
    expect(onArgv.stderr).not.toContain('jane@acme.example');
    const filed = await runCliCapture(['org-deletion', 'file', '--member', repId], env(admin.home), JSON.stringify({ emails: ['jane@acme.example'], names: ['Zanzibarquokka'] }));
    expect(filed.code, filed.stderr).toBe(0);
    const requestId = filed.stdout.trim();
    expect((await runCliCapture(['org-deletion', 'status'], env(admin.home))).stdout).toContain(`${requestId}  filed`);
    expect((await runCliCapture(['org-deletion', 'status'], env(admin.home))).stdout).toMatch(/0\/1 done/);

    const answered = await runCliCapture(['team-sync'], env(rep.home));
    expect(answered.code, answered.stderr).toBe(0);
    expect(answered.stdout).toContain(`answered deletion request  ${requestId}  1 destroyed, 0 kept under a hold`);
    const status = await runCliCapture(['org-deletion', 'status'], env(admin.home));
    expect(status.stdout).toMatch(/1\/1 done/);
    expect(status.stdout).toContain(`${repId}  done  certificate verified (1 destroyed, 0 kept)`);
    expect(status.stdout).not.toContain('Zanzibarquokka');
    expect(recordingId).toMatch(/^[0-9a-f-]{36}$/);
  }, 300_000);
});
