import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrgKeyChainReply } from '../../src/shared/team/org-key';
import { serverOrgKey, signingFingerprint, orgKeyFromSeed } from '../helpers/org-key-statements';
import { tempDir } from '../helpers/temp-dir';
import { BACKENDS, freshPgliteDataDir, freshPostgresDatabase } from './helpers/test-server';
import { runCli, startServerProcess, type ServerProcess } from './helpers/server-process';
import { Member } from './helpers/team-client';

/** `callvault-server org-key rotate` as an admin runs it, on PGlite and PostgreSQL: the key in the data directory, or in CALLVAULT_ORG_KEY. */
describe.each(BACKENDS)('callvault-server org-key rotate on %s', (backend) => {
  const running: ServerProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  const start = async (dataDir: string, env: Record<string, string>) => {
    const server = await startServerProcess(dataDir, env);
    running.push(server);
    return server;
  };
  const stop = async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  };
  const mode = (file: string) => fs.statSync(file).mode & 0o777;

  it('rotates the key file, refuses while the embedded server runs, writes the new key to --new-key-file in environment mode, and finishes an interrupted rotation', async () => {
    const dataDir = backend === 'pglite' ? await freshPgliteDataDir() : tempDir('callvault-server-');
    const env: Record<string, string> = backend === 'postgres' ? { DATABASE_URL: await freshPostgresDatabase() } : {};
    const invited = runCli(['invite', '--data', dataDir, '--role', 'admin'], env, 'admin@members.example\n');
    expect(invited.status, invited.stderr).toBe(0);
    const adminCode = /(cv1-[a-z2-7]{32})/.exec(invited.stdout)![1]!;
    const k1 = await serverOrgKey(dataDir);

    // File mode: the statement, and the new key replaces org-signing.key (owner-only, no .next left).
    const rotated = runCli(['org-key', 'rotate', '--data', dataDir], env);
    expect(rotated.status, rotated.stderr).toBe(0);
    const k2 = await serverOrgKey(dataDir);
    expect(rotated.stdout).toContain('key-change statement 1');
    expect(rotated.stdout).toContain(`retired key: ${signingFingerprint(k1.publicKey)}`);
    expect(rotated.stdout).toContain(`new key:     ${signingFingerprint(k2.publicKey)}`);
    expect(mode(path.join(dataDir, 'org-signing.key'))).toBe(0o600);
    expect(fs.existsSync(path.join(dataDir, 'org-signing.key.next'))).toBe(false);
    // No secret on the output: neither key's seed.
    expect(rotated.stdout + rotated.stderr).not.toContain(fs.readFileSync(path.join(dataDir, 'org-signing.key'), 'utf8').trim());

    let server = await start(dataDir, env);
    const admin = await new Member(server.base).enroll(adminCode);
    await admin.signIn();
    const chain = OrgKeyChainReply.parse((await admin.get('/v1/org-key/chain')).json);
    expect(chain.statements.map((s) => JSON.parse(s.body) as { sequence: number; newKey: string })).toMatchObject([{ sequence: 1, newKey: Buffer.from(k2.publicKey).toString('base64') }]);
    if (backend === 'pglite') {
      // The embedded database is one process's: the command waits for the server to stop.
      const busy = runCli(['org-key', 'rotate', '--data', dataDir], env);
      expect(busy.status).not.toBe(0);
      expect(await serverOrgKey(dataDir)).toEqual(k2);
    }
    await stop();

    // Environment mode: --new-key-file is required; the new key goes there, owner-only; the data directory's file is left alone.
    const envKey = { ...env, CALLVAULT_ORG_KEY: fs.readFileSync(path.join(dataDir, 'org-signing.key'), 'utf8').trim() };
    const missing = runCli(['org-key', 'rotate', '--data', dataDir], envKey);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--new-key-file/);
    const newKeyFile = path.join(tempDir(), 'next.key');
    const viaEnv = runCli(['org-key', 'rotate', '--data', dataDir, '--new-key-file', newKeyFile], envKey);
    expect(viaEnv.status, viaEnv.stderr).toBe(0);
    expect(viaEnv.stdout).toContain('key-change statement 2');
    expect(viaEnv.stdout).toMatch(/CALLVAULT_ORG_KEY/);
    expect(mode(newKeyFile)).toBe(0o600);
    const k3 = await orgKeyFromSeed(fs.readFileSync(newKeyFile, 'utf8').trim());
    expect(await serverOrgKey(dataDir)).toEqual(k2);
    // The same file again is refused (it exists), and so is --new-key-file without CALLVAULT_ORG_KEY.
    expect(runCli(['org-key', 'rotate', '--data', dataDir, '--new-key-file', newKeyFile], { ...env, CALLVAULT_ORG_KEY: fs.readFileSync(newKeyFile, 'utf8').trim() }).status).not.toBe(0);
    expect(runCli(['org-key', 'rotate', '--data', dataDir, '--new-key-file', path.join(tempDir(), 'x.key')], env).status).toBe(2);

    // A process with the retired key refuses to start, saying so.
    await expect(startServerProcess(dataDir, envKey)).rejects.toThrow(/retired by key rotation 2/);
    // The state a crash between the commit and the rename leaves: the key in force in org-signing.key.next. A start finishes the rename.
    fs.copyFileSync(newKeyFile, path.join(dataDir, 'org-signing.key.next'));
    server = await start(dataDir, env);
    expect(await serverOrgKey(dataDir)).toEqual(k3);
    expect(fs.existsSync(path.join(dataDir, 'org-signing.key.next'))).toBe(false);
    await admin.signInAt(server.base);
    expect(OrgKeyChainReply.parse((await admin.get('/v1/org-key/chain')).json).statements).toHaveLength(2);
    await stop();

    // Unknown subcommands are usage errors; the audit chain holds.
    expect(runCli(['org-key', 'show', '--data', dataDir], env).status).toBe(2);
    const audit = runCli(['audit', 'verify', '--data', dataDir], env);
    expect(audit.status, audit.stdout).toBe(0);
  });
});
