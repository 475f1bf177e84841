import { assertNever } from '../../shared/assert';
import type { VaultStatus } from '../../shared/contract';
import { call } from '../client/callvault-client';
import { VaultStateMarker } from '../components/vault-state-marker';
import { CreateVaultScreen } from '../features/create-vault/create-vault-screen';
import { LibraryScreen } from '../features/library/library-screen';
import { ProfilesScreen } from '../features/profiles/profiles-screen';
import { NewPassphraseScreen } from '../features/recovery-key/new-passphrase-screen';
import { RecoveryKeyScreen } from '../features/recovery-key/recovery-key-screen';
import { LoadErrorScreen, LoadingScreen } from '../features/startup/startup-screens';
import { UnlockScreen } from '../features/unlock/unlock-screen';
import { useVaultSession } from './use-vault-session';
import { useFocusOnScreenChange } from './focus-on-screen';
import { SkipLink } from '../components/skip-link';
import { currentProfile, screenOf } from './vault-machine';

/** Shows the screen the vault state calls for. */
export function AppRoot() {
  const { session, dispatch, reloadProfiles } = useVaultSession();
  const screen = screenOf(session);
  useFocusOnScreenChange(screen);
  const profile = currentProfile(session);
  const profileName = profile?.displayName ?? 'this profile';
  const onStatus = (status: VaultStatus) => {
    dispatch({ type: 'status-changed', status });
  };
  const pickProfile = () => {
    dispatch({ type: 'pick-profile' });
  };

  const body = (() => {
    switch (screen) {
      case 'loading':
        return <LoadingScreen />;
      case 'load-error':
        return <LoadErrorScreen message={session.loadError ?? ''} />;
      case 'profiles':
        return (
          <ProfilesScreen
            profiles={session.profiles}
            currentProfileId={session.status?.profileId ?? null}
            onSelected={onStatus}
            reloadProfiles={reloadProfiles}
            {...(session.pickingProfile
              ? {
                  onBack: () => {
                    dispatch({ type: 'cancel-pick-profile' });
                  },
                }
              : {})}
          />
        );
      case 'create-vault':
        return (
          <CreateVaultScreen
            profileName={profileName}
            onCreated={(status, recoveryKey) => {
              dispatch({ type: 'vault-created', status, recoveryKey });
            }}
            onSwitchProfile={pickProfile}
          />
        );
      case 'recovery-key':
        return (
          <RecoveryKeyScreen
            recoveryKey={session.recoveryKey ?? ''}
            onConfirmed={() => {
              dispatch({ type: 'recovery-key-confirmed' });
            }}
          />
        );
      case 'unlock':
        return (
          <UnlockScreen
            profileName={profileName}
            note={session.lockNote}
            onUnlocked={onStatus}
            onUnlockedWithRecoveryKey={(status, recoveryKey) => {
              dispatch({ type: 'unlocked-with-recovery-key', status, recoveryKey });
            }}
            onSwitchProfile={pickProfile}
            deviceUnlockReady={session.status?.deviceUnlock.offered === true && session.status.deviceUnlock.enrolled}
          />
        );
      case 'new-passphrase':
        return (
          <NewPassphraseScreen
            profileName={profileName}
            recoveryKey={session.recoveryUnlock ?? ''}
            onDone={(status) => {
              dispatch({ type: 'passphrase-reset', status });
            }}
            onLock={() => {
              void call('vault.lock', {}).then((status) => {
                if (status.ok) {
                  onStatus(status.value);
                }
              });
            }}
          />
        );
      case 'library':
        return session.status === null ? null : (
          <LibraryScreen profileName={profileName} status={session.status} onStatus={onStatus} />
        );
      default:
        return assertNever(screen);
    }
  })();

  return (
    <>
      <SkipLink />
      <VaultStateMarker state={session.status?.state ?? (screen === 'load-error' ? 'error' : 'loading')} />
      {body}
    </>
  );
}
