import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { ProfileSummary } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';

type Props = {
  autoFocus: boolean;
  onCreated: (profile: ProfileSummary) => Promise<void>;
};

export function CreateProfileForm({ autoFocus, onCreated }: Props) {
  const [displayName, setDisplayName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trimmed = displayName.trim();

  const submit = async () => {
    setBusy(true);
    setError(null);
    const created = await call('profiles.create', { displayName: trimmed });
    if (created.ok) {
      await onCreated(created.value);
    } else {
      setError(describeError(created.error));
    }
    setBusy(false);
  };

  return (
    <Stack
      component="form"
      spacing={1.5}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed.length > 0 && !busy) {
          void submit();
        }
      }}
    >
      <TextField
        label="Display name"
        value={displayName}
        onChange={(event) => {
          setDisplayName(event.target.value);
        }}
        autoFocus={autoFocus}
        autoComplete="name"
        helperText="Shown on this computer only, e.g. your first name."
        slotProps={{ htmlInput: { maxLength: 80, readOnly: busy } }}
        fullWidth
      />
      {error !== null && <Alert severity="error">{error}</Alert>}
      <Stack direction="row">
        <Button type="submit" variant="contained" disabled={trimmed.length === 0 || busy}>
          Create profile
        </Button>
      </Stack>
    </Stack>
  );
}
