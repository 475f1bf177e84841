import { assertNever } from '../../shared/assert';

/**
 * When the OS keychain may stand in for the passphrase. Fail closed: only the stores named here
 * protect the key with the user's login; anything else (Linux's plain-text `basic_text`, an
 * `unknown` store, a name this code has never seen) means the passphrase is asked for.
 */
export const TRUSTED_KEYCHAIN_BACKENDS: readonly string[] = [
  'macos_keychain',
  'windows_dpapi',
  'gnome_libsecret',
  'kwallet',
  'kwallet5',
  'kwallet6',
];

export interface KeychainState {
  readonly available: boolean;
  readonly backend: string;
}

/** What was recorded when device unlock was turned on. */
export interface DeviceUnlockEnrolment {
  readonly backend: string;
}

export type DeviceUnlockRefusal = 'keychain-unavailable' | 'plaintext-backend' | 'untrusted-backend';

export type DeviceUnlockOffer = { readonly offer: true } | { readonly offer: false; readonly reason: DeviceUnlockRefusal };

export type DeviceUnlockDecision =
  | { readonly kind: 'use-device-unlock' }
  | {
      readonly kind: 'ask-for-passphrase';
      readonly reason: 'not-enrolled' | 'backend-changed' | 'enrolment-broken' | DeviceUnlockRefusal;
      /** The stored wrapped key must be deleted: it can never be trusted again. */
      readonly forgetEnrolment: boolean;
    };

/** Whether "unlock with this device" may be offered (or turned on) with the keychain as it is now. */
export function mayOfferDeviceUnlock(keychain: KeychainState): DeviceUnlockOffer {
  if (keychain.backend === 'basic_text') {
    return { offer: false, reason: 'plaintext-backend' };
  }
  if (!TRUSTED_KEYCHAIN_BACKENDS.includes(keychain.backend)) {
    return { offer: false, reason: 'untrusted-backend' };
  }
  if (!keychain.available) {
    return { offer: false, reason: 'keychain-unavailable' };
  }
  return { offer: true };
}

/**
 * Whether a stored device unlock may be used now (`enrolment-broken` is never decided here: it is
 * what the caller reports when the stored key fails to decrypt or to open the vault). A store that changed since enrolment (a new
 * desktop session, `--password-store` on the command line, a downgrade to plain text) means the
 * wrapped key is no longer protected the way the user agreed to: forget it, ask for the passphrase.
 */
export function decideDeviceUnlock(keychain: KeychainState, enrolment: DeviceUnlockEnrolment | undefined): DeviceUnlockDecision {
  if (!enrolment) {
    return { kind: 'ask-for-passphrase', reason: 'not-enrolled', forgetEnrolment: false };
  }
  if (enrolment.backend !== keychain.backend) {
    return { kind: 'ask-for-passphrase', reason: 'backend-changed', forgetEnrolment: true };
  }
  const offer = mayOfferDeviceUnlock(keychain);
  if (offer.offer) {
    return { kind: 'use-device-unlock' };
  }
  // A locked keyring is usually temporary; an untrusted store never becomes trustworthy.
  return { kind: 'ask-for-passphrase', reason: offer.reason, forgetEnrolment: offer.reason !== 'keychain-unavailable' };
}

/** Words for the person at the unlock screen. */
export function describeDeviceUnlockDecision(decision: DeviceUnlockDecision): string {
  if (decision.kind === 'use-device-unlock') {
    return 'This device can unlock the vault.';
  }
  switch (decision.reason) {
    case 'not-enrolled':
      return 'Device unlock is not turned on for this profile. Enter your passphrase.';
    case 'backend-changed':
      return "Your system's password store changed since device unlock was turned on, so CallVault no longer trusts it. Enter your passphrase; you can turn device unlock on again afterwards.";
    case 'enrolment-broken':
      return "The key this device kept for your vault no longer opens it, so it was removed. Enter your passphrase; you can turn device unlock on again afterwards.";
    case 'keychain-unavailable':
      return "Your system's password store is not available right now (it may be locked). Enter your passphrase.";
    case 'plaintext-backend':
      return 'This system keeps secrets in plain text, so CallVault will not store your vault key in it. Set up GNOME Keyring or KWallet to use device unlock.';
    case 'untrusted-backend':
      return "CallVault does not recognise this system's password store, so it will not store your vault key in it. Enter your passphrase.";
    default:
      return assertNever(decision.reason);
  }
}
