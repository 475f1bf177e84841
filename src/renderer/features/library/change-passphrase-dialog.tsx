import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { UnlockSecret, VaultStatus } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { BusyNote } from '../../components/busy-note';
import { PassphraseField } from '../../components/passphrase-field';
import { NewPassphraseFields, useNewPassphrase } from '../../components/new-passphrase-form';
import { FormDialog } from '../../components/form-dialog';

type Mode = 'passphrase' | 'recovery-key';

type Props = { profileName: string; onClose: () => void; onChanged: (status: VaultStatus) => void };

function currentSecret(mode: Mode, value: string): UnlockSecret {
  return mode === 'passphrase' ? { kind: 'passphrase', passphrase: value } : { kind: 'recovery-key', recoveryKey: value.trim() };
}

export function ChangePassphraseDialog({ profileName, onClose, onChanged }: Props) {
  const [mode, setMode] = useState<Mode>('passphrase');
  const [current, setCurrent] = useState('');
  const entry = useNewPassphrase(profileName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = current.length > 0 && entry.acceptable && !busy;

  const change = async () => {
    setBusy(true);
    setError(null);
    const status = await call('vault.changePassphrase', { current: currentSecret(mode, current), next: entry.passphrase });
    if (status.ok) {
      onChanged(status.value);
      return;
    }
    setBusy(false);
    setError(describeError(status.error, mode));
    if (status.error.code === 'WRONG_SECRET') {
      setCurrent('');
    }
  };

  return (
    <FormDialog
      titleId="change-passphrase-title"
      title="Change passphrase"
      maxWidth="sm"
      busy={busy}
      canSubmit={ready}
      submitLabel="Change passphrase"
      onSubmit={() => void change()}
      onClose={onClose}
    >
      <Stack spacing={2} sx={{ pt: 1 }}>
        <PassphraseField
          key={mode}
          label={mode === 'passphrase' ? 'Current passphrase' : 'Recovery key'}
          value={current}
          onChange={setCurrent}
          autoComplete={mode === 'passphrase' ? 'current-password' : 'off'}
          monospace={mode === 'recovery-key'}
          autoFocus
          readOnly={busy}
        />
        <Link
          component="button"
          type="button"
          variant="body2"
          sx={{ alignSelf: 'flex-start' }}
          disabled={busy}
          onClick={() => {
            setMode((m) => (m === 'passphrase' ? 'recovery-key' : 'passphrase'));
            setCurrent('');
            setError(null);
          }}
        >
          {mode === 'passphrase' ? 'Use recovery key instead' : 'Use current passphrase instead'}
        </Link>
        <NewPassphraseFields entry={entry} label="New passphrase" readOnly={busy} />
        {error !== null && <Alert severity="error">{error}</Alert>}
        {busy && <BusyNote text="Deriving your new key…" />}
      </Stack>
    </FormDialog>
  );
}
