import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { VaultStatus } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { BusyNote } from '../../components/busy-note';
import { CenteredPanel } from '../../components/centered-panel';
import { PassphraseField } from '../../components/passphrase-field';
import { StrengthMeter } from '../../components/strength-meter';
import { meetsPolicy } from '../../strength/strength-types';
import { usePassphraseStrength } from '../../strength/use-passphrase-strength';

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
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const estimate = usePassphraseStrength(next, profileName);
  const mismatch = confirmation.length > 0 && confirmation !== next;
  const ready = meetsPolicy(next, estimate) && confirmation === next && !busy;

  const save = async () => {
    setBusy(true);
    setError(null);
    const status = await call('vault.changePassphrase', { current: { kind: 'recovery-key', recoveryKey }, next });
    if (status.ok) {
      onDone(status.value);
      return;
    }
    setBusy(false);
    setError(describeError(status.error));
  };

  return (
    <CenteredPanel
      title="Set a new passphrase"
      subtitle="You opened your vault with the recovery key. Choose a new passphrase for every day; keep the recovery key where it was, it still works."
    >
      <Stack
        component="form"
        spacing={2}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) {
            void save();
          }
        }}
      >
        <PassphraseField label="New passphrase" value={next} onChange={setNext} autoComplete="new-password" autoFocus readOnly={busy} />
        <StrengthMeter passphrase={next} estimate={estimate} />
        <PassphraseField
          label="Confirm new passphrase"
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
          readOnly={busy}
          error={mismatch}
          helperText={mismatch ? 'The two entries don’t match yet.' : 'Type it again to make sure it’s what you meant.'}
        />
        {error !== null && <Alert severity="error">{error}</Alert>}
        {busy && <BusyNote text="Deriving your new key…" />}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between' }}>
          <Button onClick={onLock} disabled={busy}>
            Lock instead
          </Button>
          <Button type="submit" variant="contained" disabled={!ready}>
            Set passphrase
          </Button>
        </Stack>
      </Stack>
    </CenteredPanel>
  );
}
