import type { VaultStatus } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { DERIVING_KEY } from '../../components/busy-note';
import { CenteredPanel } from '../../components/centered-panel';
import { NewPassphraseForm } from '../../components/new-passphrase-form';

type Props = {
  profileName: string;
  onCreated: (status: VaultStatus, recoveryKey: string) => void;
  onSwitchProfile: () => void;
};

export function CreateVaultScreen({ profileName, onCreated, onSwitchProfile }: Props) {
  const create = async (passphrase: string): Promise<string | null> => {
    const created = await call('vault.create', { passphrase });
    if (created.ok) {
      onCreated(created.value.status, created.value.recoveryKey);
      return null;
    }
    return describeError(created.error);
  };

  return (
    <CenteredPanel
      title="Create your vault"
      subtitle={`Your passphrase encrypts everything ${profileName} records on this computer. Nobody can open the vault without it or the recovery key you get next.`}
    >
      <NewPassphraseForm
        profileName={profileName}
        label="Passphrase"
        submitLabel="Create vault"
        busyText={DERIVING_KEY}
        other={{ label: 'Switch profile', onClick: onSwitchProfile }}
        submit={create}
      />
    </CenteredPanel>
  );
}
