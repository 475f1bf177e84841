import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/app/dispatch';
import { createHandlerTable } from '../../../src/app/handlers';
import { createServices } from '../../../src/app/services';
import { silentLogger } from '../../../src/app/logger';
import { VaultSession, type SessionTimers } from '../../../src/app/vault/vault-session';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { hashTree, tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';
import { PlayedKeychain } from '../../helpers/played-keychain';
import { DeviceUnlock } from '../../../src/app/vault/device-unlock';

/** Timers the test fires by hand, so auto-lock is checked without waiting minutes. */
function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  const timers: SessionTimers = {
    setTimeout: (callback, ms) => {
      pending.set(next, { callback, ms });
      return next++;
    },
    clearTimeout: (handle) => { pending.delete(handle as number); },
  };
  return { timers, pending, fireAll: () => { for (const [id, t] of [...pending]) { pending.delete(id); t.callback(); } } };
}

async function setup() {
  const home = tempDir();
  const clock = manualTimers();
  const session = new VaultSession(new ProfileStore(home), await vaultContext(), clock.timers);
  const dispatch = createDispatcher(createHandlerTable(await createServices(session, { env: {} }), { version: 't', host: 'browser', platform: 'linux' }), silentLogger, () => { session.touch(); });
  return { home, session, dispatch, clock };
}

describe('vault session through the handler table', () => {
  it('walks profile -> create -> lock -> wrong unlock -> unlock, auditing each step', async () => {
    const { dispatch, session } = await setup();
    expect(await dispatch('vault.status', {})).toMatchObject({ ok: true, value: { state: 'no-profile' } });
    const created = await dispatch('profiles.create', { displayName: 'Jane Rep' });
    expect(created).toMatchObject({ ok: true, value: { id: 'jane-rep', hasVault: false } });
    expect(await dispatch('vault.status', {})).toMatchObject({ ok: true, value: { state: 'no-vault', profileId: 'jane-rep' } });

    const weak = await dispatch('vault.create', { passphrase: 'password123' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'WEAK_PASSPHRASE' } });
    // The rep's own name and the year are the first guesses: refused, though zxcvbn alone rates it very strong.
    const own = await dispatch('vault.create', { passphrase: `JaneRep Jane ${new Date().getFullYear()}!` });
    expect(own).toMatchObject({ ok: false, error: { code: 'WEAK_PASSPHRASE', message: expect.stringMatching(/your name/) as unknown } });

    const made = await dispatch('vault.create', { passphrase: PASSPHRASE });
    expect(made).toMatchObject({ ok: true, value: { status: { state: 'unlocked' } } });
    expect(await dispatch('recordings.list', {})).toEqual({ ok: true, value: [] });

    expect(await dispatch('vault.lock', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await dispatch('recordings.list', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });

    const wrong = await dispatch('vault.unlock', { secret: { kind: 'passphrase', passphrase: 'nope nope nope nope' } });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
    expect(await dispatch('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } })).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    const events = session.requireVault().audit.entries().map((e) => e.event);
    expect(events).toEqual(['vault.created', 'vault.locked', 'vault.unlock_failed', 'vault.unlocked']);
  });

  it('auto-locks after the idle period, which activity postpones and settings change', async () => {
    const { dispatch, session, clock } = await setup();
    await dispatch('profiles.create', { displayName: 'Idle Ian' });
    await dispatch('vault.create', { passphrase: PASSPHRASE });
    expect([...clock.pending.values()].map((t) => t.ms)).toEqual([15 * 60_000]);
    expect(await dispatch('vault.setAutoLock', { minutes: 2 })).toMatchObject({ ok: true, value: { autoLockMinutes: 2 } });
    expect([...clock.pending.values()].map((t) => t.ms)).toEqual([2 * 60_000]);
    await dispatch('recordings.list', {});
    expect(clock.pending.size).toBe(1);
    clock.fireAll();
    expect((await session.status()).state).toBe('locked');
    const after = await dispatch('recordings.list', {});
    expect(after).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED', message: expect.stringMatching(/locked itself after 2 minutes/) as unknown } });
    await dispatch('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
    expect((await session.status()).autoLockMinutes).toBe(2);
    expect(session.requireVault().audit.entries().map((e) => e.event)).toContain('vault.auto_locked');
  });

  it('changes the passphrase only with the current secret', async () => {
    const { dispatch } = await setup();
    await dispatch('profiles.create', { displayName: 'Pat' });
    await dispatch('vault.create', { passphrase: PASSPHRASE });
    const next = 'harbor violet tundra quokka 88';
    const refused = await dispatch('vault.changePassphrase', { current: { kind: 'passphrase', passphrase: 'wrong wrong wrong' }, next });
    expect(refused).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
    expect(await dispatch('vault.changePassphrase', { current: { kind: 'passphrase', passphrase: PASSPHRASE }, next })).toMatchObject({ ok: true });
    await dispatch('vault.lock', {});
    expect(await dispatch('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } })).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
    expect(await dispatch('vault.unlock', { secret: { kind: 'passphrase', passphrase: next } })).toMatchObject({ ok: true });
  });

  it('rejects unknown methods and malformed input before any handler runs, changing nothing', async () => {
    const { dispatch, home } = await setup();
    await dispatch('profiles.create', { displayName: 'Quinn' });
    const before = hashTree(home);
    expect(await dispatch('vault.destroyEverything', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch('vault.create', { passphrase: 42 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch('vault.create', { passphrase: PASSPHRASE, extra: true })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch('profiles.select', { profileId: '../../etc' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch('vault.setAutoLock', { minutes: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(hashTree(home)).toEqual(before);
  });

  it('keeps each profile in its own directory with its own keys', async () => {
    const { dispatch, home } = await setup();
    await dispatch('profiles.create', { displayName: 'Ann' });
    await dispatch('vault.create', { passphrase: PASSPHRASE });
    await dispatch('profiles.create', { displayName: 'Bob' });
    expect(await dispatch('vault.status', {})).toMatchObject({ ok: true, value: { state: 'no-vault', profileId: 'bob' } });
    await dispatch('vault.create', { passphrase: 'second quite different phrase 9' });
    await dispatch('profiles.select', { profileId: 'ann' });
    expect(await dispatch('vault.unlock', { secret: { kind: 'passphrase', passphrase: 'second quite different phrase 9' } })).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
    expect(await dispatch('profiles.list', {})).toMatchObject({ ok: true, value: [{ id: 'ann', hasVault: true }, { id: 'bob', hasVault: true }] });
    expect(Object.keys(hashTree(home)).some((f) => f.startsWith('profiles/ann/vault/vault.json'))).toBe(true);
  });
});

describe('device unlock through the session', () => {
  it('offers it only with a trusted keychain, unlocks with it, and asks for the passphrase when the store changes', async () => {
    const ctx = await vaultContext();
    const keychain = new PlayedKeychain(ctx.crypto, 'gnome_libsecret');
    const session = new VaultSession(new ProfileStore(tempDir()), ctx, manualTimers().timers, new DeviceUnlock(keychain, ctx.crypto, ctx.now));
    const dispatch = createDispatcher(createHandlerTable(await createServices(session, { env: {} }), { version: 't', host: 'electron', platform: 'linux' }), silentLogger);
    await dispatch('profiles.create', { displayName: 'Dee' });
    await dispatch('vault.create', { passphrase: PASSPHRASE });
    expect(await dispatch('vault.status', {})).toMatchObject({ ok: true, value: { deviceUnlock: { offered: true, enrolled: false } } });
    expect(await dispatch('vault.setDeviceUnlock', { enabled: true })).toMatchObject({ ok: true, value: { deviceUnlock: { enrolled: true } } });
    await dispatch('vault.lock', {});
    expect(await dispatch('vault.unlock', { secret: { kind: 'device' } })).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    await dispatch('vault.lock', {});

    keychain.store = 'basic_text';
    expect(await dispatch('vault.status', {})).toMatchObject({ ok: true, value: { deviceUnlock: { offered: false } } });
    const refused = await dispatch('vault.unlock', { secret: { kind: 'device' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
    keychain.store = 'gnome_libsecret';
    // The enrolment made under another store was forgotten: the passphrase is needed again.
    expect(await dispatch('vault.unlock', { secret: { kind: 'device' } })).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET' } });
    expect(await dispatch('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } })).toMatchObject({ ok: true });
    const events = session.requireVault().audit.entries().map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['vault.device_unlock_enabled', 'vault.unlock_failed']));
  });

  it('is refused by the browser host, which has no keychain', async () => {
    const { dispatch } = await setup();
    await dispatch('profiles.create', { displayName: 'Eve' });
    await dispatch('vault.create', { passphrase: PASSPHRASE });
    expect(await dispatch('vault.setDeviceUnlock', { enabled: true })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch('vault.status', {})).toMatchObject({ ok: true, value: { deviceUnlock: { offered: false, enrolled: false } } });
  });
});
