import { describe, expect, it } from 'vitest';
import { initialSession, screenOf, sessionReducer, type Session } from '../../../src/renderer/shell/vault-machine';
import type { VaultStatus } from '../../../src/shared/contract';

const status = (state: VaultStatus['state']): VaultStatus => ({ state, profileId: 'rita', autoLockMinutes: 15, deviceUnlock: { offered: false, enrolled: false, reason: null } });
const locked: Session = sessionReducer(initialSession, { type: 'loaded', status: status('locked'), profiles: [{ id: 'rita', displayName: 'Rita', hasVault: true }] });

describe('the session after a recovery-key unlock', () => {
  it('asks for a new passphrase before the library, and forgets the key once it is set', () => {
    const recovered = sessionReducer(locked, { type: 'unlocked-with-recovery-key', status: status('unlocked'), recoveryKey: 'AAAAA-BBBBB' });
    expect(screenOf(recovered)).toBe('new-passphrase');
    expect(recovered.recoveryUnlock).toBe('AAAAA-BBBBB');
    const reset = sessionReducer(recovered, { type: 'passphrase-reset', status: status('unlocked') });
    expect(screenOf(reset)).toBe('library');
    expect(reset.recoveryUnlock).toBeNull();
  });

  it('forgets the key when the vault locks (by hand or idle), so the next unlock starts over', () => {
    const recovered = sessionReducer(locked, { type: 'unlocked-with-recovery-key', status: status('unlocked'), recoveryKey: 'AAAAA-BBBBB' });
    const byHand = sessionReducer(recovered, { type: 'status-changed', status: status('locked') });
    expect(byHand.recoveryUnlock).toBeNull();
    expect(screenOf(byHand)).toBe('unlock');
    const idle = sessionReducer(recovered, { type: 'found-locked' });
    expect(idle.recoveryUnlock).toBeNull();
    expect(screenOf(sessionReducer(idle, { type: 'status-changed', status: status('unlocked') }))).toBe('library');
  });

  it('goes straight to the library after a passphrase unlock', () => {
    expect(screenOf(sessionReducer(locked, { type: 'status-changed', status: status('unlocked') }))).toBe('library');
  });
});
