// The vault status names the organisation of the policy in force (for the strength meter); it
// is asked for on every status, so the policy file is read once per policy load and again only
// when the file changes (rewritten, replaced, or another policy put in force).
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../src/app/dispatch';
import { createHandlerTable } from '../../../src/app/handlers';
import { silentLogger } from '../../../src/app/logger';
import { createServices } from '../../../src/app/services';
import { VaultSession } from '../../../src/app/vault/vault-session';
import * as policyFile from '../../../src/platform/policy/policy-file';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { noTimers } from '../../helpers/call-fixture';
import { tempDir } from '../../helpers/temp-dir';
import { vaultContext } from '../../helpers/vault-fixture';

vi.mock('../../../src/platform/policy/policy-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/platform/policy/policy-file')>();
  return { ...real, readPolicyFile: vi.fn(real.readPolicyFile) };
});
const reads = vi.mocked(policyFile.readPolicyFile);

function policyText(organisation: string): string {
  return fs.readFileSync(policyFile.defaultPolicyPath(), 'utf8').replace(/^policy:\n/m, `policy:\n  organisation: ${organisation}\n`);
}

async function statusOrganisation(dispatch: ReturnType<typeof createDispatcher>): Promise<unknown> {
  const result = await dispatch('vault.status', {});
  expect(result).toMatchObject({ ok: true });
  return (result as { value: { organisation: unknown } }).value.organisation;
}

describe('the vault status reads the policy once per load', () => {
  beforeEach(() => {
    reads.mockClear();
  });

  it('reads an unchanged policy once for many statuses, and again as soon as it changes', async () => {
    const home = tempDir();
    const file = path.join(tempDir(), 'policy.yaml');
    fs.writeFileSync(file, policyText('Northwind Traders'));
    const session = new VaultSession(new ProfileStore(home), await vaultContext(), noTimers);
    const services = await createServices(session, { env: { CALLVAULT_POLICY: file } });
    const dispatch = createDispatcher(createHandlerTable(services, { version: 't', host: 'browser', platform: 'linux' }), silentLogger);
    reads.mockClear();

    for (let i = 0; i < 5; i += 1) {
      expect(await statusOrganisation(dispatch)).toBe('Northwind Traders');
    }
    expect(reads).toHaveBeenCalledTimes(1);

    // Rewritten in place (a different length) and replaced by rename: each is seen at once.
    fs.writeFileSync(file, policyText('Contoso Ltd'));
    expect(await statusOrganisation(dispatch)).toBe('Contoso Ltd');
    expect(await statusOrganisation(dispatch)).toBe('Contoso Ltd');
    expect(reads).toHaveBeenCalledTimes(2);
    const next = `${file}.new`;
    fs.writeFileSync(next, policyText('Fabrikam Inc'));
    fs.renameSync(next, file);
    expect(await statusOrganisation(dispatch)).toBe('Fabrikam Inc');
    expect(reads).toHaveBeenCalledTimes(3);

    // Made invalid: no organisation, and it is not remembered as the old name.
    fs.writeFileSync(file, 'schemaVersion: 1\npolicy: [\n');
    expect(await statusOrganisation(dispatch)).toBeNull();
    // Gone: read (and refused) every time, never answered from memory.
    fs.rmSync(file);
    expect(await statusOrganisation(dispatch)).toBeNull();
    expect(await statusOrganisation(dispatch)).toBeNull();
    expect(reads).toHaveBeenCalledTimes(6);
  });

  it('notices at once when another policy file comes into force (one installed in the data directory)', async () => {
    const home = tempDir();
    const session = new VaultSession(new ProfileStore(home), await vaultContext(), noTimers);
    const services = await createServices(session, { env: {} });
    const dispatch = createDispatcher(createHandlerTable(services, { version: 't', host: 'browser', platform: 'linux' }), silentLogger);
    // The shipped default names no organisation.
    expect(await statusOrganisation(dispatch)).toBeNull();
    // Sales operations installs a policy in the app's data directory: a different file is in force.
    fs.writeFileSync(path.join(home, 'policy.yaml'), policyText('Northwind Traders'));
    expect(await statusOrganisation(dispatch)).toBe('Northwind Traders');
    reads.mockClear();
    expect(await statusOrganisation(dispatch)).toBe('Northwind Traders');
    expect(reads).toHaveBeenCalledTimes(0);
  });
});
