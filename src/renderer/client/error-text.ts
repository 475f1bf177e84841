// Error codes mapped to advice a person can act on. Where the host's own message is more specific
// than anything we could say (bad input, connection trouble), that message is shown instead.
import { assertNever } from '../../shared/assert';
import type { AppError } from '../../shared/contract';

/** What the user was doing, where the same code needs different advice. */
export type ErrorContext = 'passphrase' | 'recovery-key' | 'general';

function orServer(error: AppError, fallback: string): string {
  const message = error.message.trim();
  return message.length > 0 ? message : fallback;
}

export function describeError(error: AppError, context: ErrorContext = 'general'): string {
  switch (error.code) {
    case 'WRONG_SECRET':
      if (error.detail === 'key-store-missing' || error.detail === 'key-store-mismatch') {
        // The passphrase was right; the vault's key store (outside the vault folder) is missing or stale.
        return orServer(error, "This vault's key store is missing or does not match it. Unlock with your recovery key to re-create it.");
      }
      return context === 'recovery-key'
        ? "That recovery key doesn't open this vault. Check each group, including the dashes, or use your passphrase."
        : "That passphrase doesn't open this vault. Check caps lock, or use your recovery key.";
    case 'VAULT_LOCKED':
      return 'CallVault is locked. Unlock it to continue.';
    case 'VAULT_EXISTS':
      return 'This profile already has a vault. Unlock it instead of creating a new one.';
    case 'VAULT_NOT_FOUND':
      return 'This profile has no vault yet. Create one to get started.';
    case 'VAULT_CORRUPT':
      return "This vault's files are damaged and can't be opened. Restore the profile folder from a backup or ask your administrator.";
    case 'VAULT_HEADER_TAMPERED':
      return orServer(error, "This vault's header was altered, so CallVault did not try your passphrase. Restore vault.json from a backup or ask your administrator.");
    case 'VAULT_ROLLED_BACK':
      return orServer(error, "This vault's database was replaced by an older copy, so CallVault did not open it. Restore the matching copy, or ask your administrator.");
    case 'PROFILE_NOT_FOUND':
      return 'That profile no longer exists. Pick another profile or create a new one.';
    case 'PROFILE_EXISTS':
      return 'A profile with that name already exists. Choose a different display name.';
    case 'WEAK_PASSPHRASE':
      return orServer(error, 'That passphrase is too easy to guess. Use at least 12 characters, such as four or five unrelated words.');
    case 'INTEGRITY':
      return 'Some data failed its integrity check, so CallVault did not open it. It may have been damaged or altered; nothing was changed.';
    case 'NOT_FOUND':
      return orServer(error, 'That item no longer exists. It may have been deleted.');
    case 'POLICY_UNAVAILABLE':
      return orServer(error, 'The recording policy is missing or invalid, so nothing can be recorded. Ask sales operations for a valid policy.');
    case 'POLICY_NOT_ACKNOWLEDGED':
      return orServer(error, 'Read and acknowledge the recording policy before you record.');
    case 'POLICY_CHANGED':
      return orServer(error, 'The recording policy changed. Review it and set up the call again.');
    case 'POLICY_BLOCKED':
      return orServer(error, 'The recording policy does not allow recording this call.');
    case 'CONSENT_REQUIRED':
      return orServer(error, 'Record every required participant’s consent before recording.');
    case 'BAD_AUDIO':
      return orServer(error, 'The audio could not be used. Check the microphone and try again.');
    case 'EXPORT_REFUSED':
      return orServer(error, 'Nothing was shared: only a reviewed, redacted transcript can leave the vault. Review its redactions and try again.');
    case 'CONFLICT':
      return orServer(error, 'Someone saved a newer version meanwhile. Nothing was lost: reload the latest version and apply your change again.');
    case 'MODEL_UNAVAILABLE':
      return orServer(error, 'The transcription model cannot be used. Open Models to download, import or verify one.');
    case 'SETUP_INCOMPLETE':
      return orServer(error, 'Part of CallVault is not installed yet. Follow the setup steps in the README, then start CallVault again.');
    case 'UNKNOWN_METHOD':
      return "This window asked for something this version of CallVault doesn't offer. Restart CallVault to load a matching window.";
    case 'UNAUTHORIZED':
      return orServer(error, 'CallVault refused this window. Restart CallVault and try again.');
    case 'BAD_REQUEST':
      return orServer(error, 'CallVault could not accept that input. Check the fields and try again.');
    case 'INTERNAL':
      return orServer(error, 'Something went wrong inside CallVault. Try again; if it keeps happening, restart CallVault.');
    default:
      return assertNever(error.code);
  }
}
