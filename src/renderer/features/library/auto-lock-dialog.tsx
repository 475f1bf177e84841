import Alert from '@mui/material/Alert';
import DialogContentText from '@mui/material/DialogContentText';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { VaultStatus } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { FormDialog } from '../../components/form-dialog';

const MIN = 1;
const MAX = 240;

type Props = { minutes: number; onClose: () => void; onSaved: (status: VaultStatus) => void };

export function AutoLockDialog({ minutes, onClose, onSaved }: Props) {
  const [text, setText] = useState(String(minutes));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const value = Number(text);
  const valid = Number.isInteger(value) && value >= MIN && value <= MAX;

  const save = async () => {
    setBusy(true);
    setError(null);
    const status = await call('vault.setAutoLock', { minutes: value });
    setBusy(false);
    if (status.ok) {
      onSaved(status.value);
    } else {
      setError(describeError(status.error));
    }
  };

  return (
    <FormDialog
      titleId="auto-lock-title"
      title="Auto-lock"
      maxWidth="xs"
      busy={busy}
      canSubmit={valid}
      submitLabel="Save"
      onSubmit={() => void save()}
      onClose={onClose}
    >
      <DialogContentText sx={{ mb: 2 }}>
        CallVault locks your vault after this many minutes without activity.
      </DialogContentText>
      <TextField
        label="Auto-lock minutes"
        type="number"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
        }}
        autoFocus
        error={!valid}
        helperText={valid ? `Between ${MIN} and ${MAX} minutes.` : `Enter a whole number from ${MIN} to ${MAX}.`}
        slotProps={{ htmlInput: { min: MIN, max: MAX, step: 1, inputMode: 'numeric' } }}
        fullWidth
      />
      {error !== null && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error}
        </Alert>
      )}
    </FormDialog>
  );
}
