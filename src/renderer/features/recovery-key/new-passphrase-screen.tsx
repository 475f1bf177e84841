import type { VaultStatus } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { CenteredPanel } from '../../components/centered-panel';
import { NewPassphraseForm } from '../../components/new-passphrase-form';

type Props = {
  profileName: string;
  /** The key the vault was unlocked with; it proves the change, as the old passphrase would. */
  recoveryKey: string;
  onDone: (status: VaultStatus) => void;
  onLock: () => void;
};

/**
 * After an unlock with the recovery key: the passphrase is lost, so a new one is set before the
 * library opens. The recovery key stays valid (it is not replaced).
 */
export function NewPassphraseScreen({ profileName, recoveryKey, onDone, onLock }: Props) {
  const save = async (next: string): Promise<string | null> => {
    const status = await call('vault.changePassphrase', { current: { kind: 'recovery-key', recoveryKey }, next });
    if (status.ok) {
      onDone(status.value);
      return null;
    }
    return describeError(status.error);
  };

  return (
    <CenteredPanel
      title="Set a new passphrase"
      subtitle="You opened your vault with the recovery key. Choose a new passphrase for every day; keep the recovery key where it was, it still works."
    >
      <NewPassphraseForm
        profileName={profileName}
        label="New passphrase"
        submitLabel="Set passphrase"
        busyText="Deriving your new key…"
        other={{ label: 'Lock instead', onClick: onLock }}
        submit={save}
      />
    </CenteredPanel>
  );
}
