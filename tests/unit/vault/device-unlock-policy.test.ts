import { describe, expect, it } from 'vitest';
import {
  decideDeviceUnlock,
  describeDeviceUnlockDecision,
  mayOfferDeviceUnlock,
  TRUSTED_KEYCHAIN_BACKENDS,
} from '../../../src/core/vault/device-unlock-policy';

const ready = (backend: string) => ({ available: true, backend });

describe('device unlock offer', () => {
  it.each(TRUSTED_KEYCHAIN_BACKENDS)('is offered with the %s store when it is available', (backend) => {
    expect(mayOfferDeviceUnlock(ready(backend))).toEqual({ offer: true });
  });

  it("is never offered on Linux's plain-text store, even though it reports itself available", () => {
    expect(mayOfferDeviceUnlock(ready('basic_text'))).toEqual({ offer: false, reason: 'plaintext-backend' });
  });

  it.each(['unknown', '', 'Basic_Text', 'gnome-libsecret', 'some_future_store'])('is not offered with an unrecognised store %j', (backend) => {
    expect(mayOfferDeviceUnlock(ready(backend))).toEqual({ offer: false, reason: 'untrusted-backend' });
  });

  it('is not offered while a trusted store is unavailable', () => {
    expect(mayOfferDeviceUnlock({ available: false, backend: 'gnome_libsecret' })).toEqual({ offer: false, reason: 'keychain-unavailable' });
  });
});

describe('device unlock use', () => {
  it('is used when the store is the one it was enrolled with and is available', () => {
    expect(decideDeviceUnlock(ready('kwallet5'), { backend: 'kwallet5' })).toEqual({ kind: 'use-device-unlock' });
  });

  it('asks for the passphrase, keeping nothing to forget, when device unlock was never turned on', () => {
    expect(decideDeviceUnlock(ready('macos_keychain'), undefined)).toEqual({ kind: 'ask-for-passphrase', reason: 'not-enrolled', forgetEnrolment: false });
  });

  it('asks for the passphrase again and forgets the enrolment when the store changed', () => {
    expect(decideDeviceUnlock(ready('kwallet6'), { backend: 'gnome_libsecret' })).toEqual({ kind: 'ask-for-passphrase', reason: 'backend-changed', forgetEnrolment: true });
  });

  it('treats a downgrade to the plain-text store as a changed store and forgets the enrolment', () => {
    expect(decideDeviceUnlock(ready('basic_text'), { backend: 'gnome_libsecret' })).toMatchObject({ kind: 'ask-for-passphrase', forgetEnrolment: true });
  });

  it('never uses an enrolment recorded against the plain-text or an unknown store', () => {
    expect(decideDeviceUnlock(ready('basic_text'), { backend: 'basic_text' })).toEqual({ kind: 'ask-for-passphrase', reason: 'plaintext-backend', forgetEnrolment: true });
    expect(decideDeviceUnlock(ready('unknown'), { backend: 'unknown' })).toEqual({ kind: 'ask-for-passphrase', reason: 'untrusted-backend', forgetEnrolment: true });
  });

  it('keeps the enrolment but asks for the passphrase while the trusted store is unavailable', () => {
    expect(decideDeviceUnlock({ available: false, backend: 'windows_dpapi' }, { backend: 'windows_dpapi' })).toEqual({
      kind: 'ask-for-passphrase',
      reason: 'keychain-unavailable',
      forgetEnrolment: false,
    });
  });

  it('explains every refusal in words', () => {
    expect(describeDeviceUnlockDecision(decideDeviceUnlock(ready('basic_text'), { backend: 'basic_text' }))).toMatch(/plain text/);
    expect(describeDeviceUnlockDecision(decideDeviceUnlock(ready('kwallet'), { backend: 'kwallet6' }))).toMatch(/password store changed/);
  });
});
