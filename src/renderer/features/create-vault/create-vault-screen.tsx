import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { VaultStatus } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { BusyNote, DERIVING_KEY } from '../../components/busy-note';
import { CenteredPanel } from '../../components/centered-panel';
import { PassphraseField } from '../../components/passphrase-field';
import { StrengthMeter } from '../../components/strength-meter';
import { meetsPolicy } from '../../strength/strength-types';
import { usePassphraseStrength } from '../../strength/use-passphrase-strength';

type Props = {
  profileName: string;
  onCreated: (status: VaultStatus, recoveryKey: string) => void;
  onSwitchProfile: () => void;
};

export function CreateVaultScreen({ profileName, onCreated, onSwitchProfile }: Props) {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const estimate = usePassphraseStrength(passphrase, profileName);
  const mismatch = confirmation.length > 0 && confirmation !== passphrase;
  const ready = meetsPolicy(passphrase, estimate) && confirmation === passphrase && !busy;

  const create = async () => {
    setBusy(true);
    setError(null);
    const created = await call('vault.create', { passphrase });
    if (created.ok) {
      onCreated(created.value.status, created.value.recoveryKey);
      return;
    }
    setBusy(false);
    setError(describeError(created.error));
  };

  return (
    <CenteredPanel
      title="Create your vault"
      subtitle={`Your passphrase encrypts everything ${profileName} records on this computer. Nobody can open the vault without it or the recovery key you get next.`}
    >
      <Stack
        component="form"
        spacing={2}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) {
            void create();
          }
        }}
      >
        <PassphraseField
          label="Passphrase"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="new-password"
          autoFocus
          readOnly={busy}
        />
        <StrengthMeter passphrase={passphrase} estimate={estimate} />
        <PassphraseField
          label="Confirm passphrase"
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
          readOnly={busy}
          error={mismatch}
          helperText={mismatch ? 'The two entries don’t match yet.' : 'Type it again to make sure it’s what you meant.'}
        />
        {error !== null && <Alert severity="error">{error}</Alert>}
        {busy && <BusyNote text={DERIVING_KEY} />}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between' }}>
          <Button onClick={onSwitchProfile} disabled={busy}>
            Switch profile
          </Button>
          <Button type="submit" variant="contained" disabled={!ready}>
            Create vault
          </Button>
        </Stack>
      </Stack>
    </CenteredPanel>
  );
}
