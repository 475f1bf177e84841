// The organisation the policy in force names counts as guessable (#17 section 4): the vault
// service refuses a passphrase built on it, the vault status hands it to the strength meter, and
// a policy that names none (the shipped default) leaves the same passphrase acceptable.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicySource } from '../../../src/app/calls/policy-source';
import { createDispatcher } from '../../../src/app/dispatch';
import { createHandlerTable } from '../../../src/app/handlers';
import { silentLogger } from '../../../src/app/logger';
import { createServices } from '../../../src/app/services';
import { createProfileWithVault } from '../../../src/app/vault/create-profile-vault';
import { VaultSession } from '../../../src/app/vault/vault-session';
import { defaultPolicyPath } from '../../../src/platform/policy/policy-file';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { noTimers } from '../../helpers/call-fixture';
import { tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';

/** zxcvbn alone rates it 4 of 4; without "Northwind Traders" only one common word is left. */
const ON_THE_COMPANY = 'Northwind Traders Kestrel';

/** The shipped policy with the organisation named, written where CALLVAULT_POLICY points. */
function policyNaming(organisation: string | null): string {
  const text = fs.readFileSync(defaultPolicyPath(), 'utf8');
  const file = path.join(tempDir(), 'policy.yaml');
  fs.writeFileSync(file, organisation === null ? text : text.replace(/^policy:\n/m, `policy:\n  organisation: ${organisation}\n`));
  return file;
}

async function app(policyFile: string) {
  const session = new VaultSession(new ProfileStore(tempDir()), await vaultContext(), noTimers);
  const services = await createServices(session, { env: { CALLVAULT_POLICY: policyFile } });
  const dispatch = createDispatcher(createHandlerTable(services, { version: 't', host: 'browser', platform: 'linux' }), silentLogger);
  expect(await dispatch('profiles.create', { displayName: 'Rita Rep' })).toMatchObject({ ok: true });
  return { session, dispatch };
}

describe("the organisation's name is guessable", () => {
  it('the vault service refuses a passphrase built on the organisation the policy names, and the status names it for the meter', async () => {
    const { dispatch } = await app(policyNaming('Northwind Traders'));
    expect(await dispatch('vault.status', {})).toMatchObject({ ok: true, value: { state: 'no-vault', organisation: 'Northwind Traders' } });
    expect(await dispatch('vault.create', { passphrase: ON_THE_COMPANY })).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSPHRASE', message: expect.stringMatching(/your name, your organisation or the year/) as unknown },
    });
    expect(await dispatch('vault.create', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    // Changing it later is judged the same way.
    expect(await dispatch('vault.changePassphrase', { current: { kind: 'passphrase', passphrase: PASSPHRASE }, next: 'northwind-traders-kestrel' })).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSPHRASE' },
    });
  });

  it('a policy that names no organisation (the shipped default) leaves the same passphrase acceptable', async () => {
    const { dispatch } = await app(policyNaming(null));
    expect(await dispatch('vault.status', {})).toMatchObject({ ok: true, value: { organisation: null } });
    expect(await dispatch('vault.create', { passphrase: ON_THE_COMPANY })).toMatchObject({ ok: true });
  });

  it('an unreadable or invalid policy names no organisation and does not stop the status', async () => {
    const broken = path.join(tempDir(), 'policy.yaml');
    fs.writeFileSync(broken, 'schemaVersion: 1\npolicy: [\n');
    expect(await new PolicySource(tempDir(), { CALLVAULT_POLICY: broken }).organisation()).toBeUndefined();
    const { dispatch } = await app(broken);
    expect(await dispatch('vault.status', {})).toMatchObject({ ok: true, value: { state: 'no-vault', organisation: null } });
  });

  it('`vault init` (one step: profile and vault) is judged with the organisation too', async () => {
    const organisation = await new PolicySource(tempDir(), { CALLVAULT_POLICY: policyNaming('Northwind Traders') }).organisation();
    expect(organisation).toBe('Northwind Traders');
    const profiles = new ProfileStore(tempDir());
    await expect(createProfileWithVault(profiles, 'Rita Rep', ON_THE_COMPANY, await vaultContext(), organisation)).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE' });
    expect(profiles.list()).toEqual([]);
  });
});
