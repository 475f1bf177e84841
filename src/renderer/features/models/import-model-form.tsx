import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ModelView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { BusyNote } from '../../components/busy-note';

type Props = { onModels: (models: readonly ModelView[]) => void; onNotice: (text: string) => void };

/**
 * Imports a model file for machines that cannot download. The path is typed here because the
 * browser host has no way to pick a file on the host's disk; the Electron app would offer the
 * system file dialog instead (main process) and pass the chosen path to the same models.import.
 */
export function ImportModelForm({ onModels, onNotice }: Props) {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = path.trim().length > 0 && !busy;

  const submit = async () => {
    setBusy(true);
    setError(null);
    const before = path.trim();
    const imported = await call('models.import', { path: before });
    setBusy(false);
    if (imported.ok) {
      onModels(imported.value.models);
      setPath('');
      onNotice('Model imported: it matched the manifest and is installed.');
    } else {
      setError(describeError(imported.error));
    }
  };

  return (
    <Stack
      component="form"
      aria-label="Import a model from disk"
      noValidate
      spacing={1.5}
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) {
          void submit();
        }
      }}
    >
      <Typography variant="h6" component="h2">
        Import from disk
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Given a model file (for example ggml-base.en.bin) on a computer that cannot download? Enter its full path.
        CallVault copies it and installs it only if its size and sha256 match the model manifest.
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'flex-start' } }}>
        <TextField
          label="Model file path"
          value={path}
          onChange={(event) => {
            setPath(event.target.value);
          }}
          placeholder="/home/you/Downloads/ggml-base.en.bin"
          size="small"
          fullWidth
          slotProps={{ htmlInput: { 'data-testid': 'model-import-path', spellCheck: false, readOnly: busy, maxLength: 4096 } }}
        />
        <Button type="submit" variant="outlined" disabled={!ready} data-testid="model-import-submit" sx={{ flexShrink: 0 }}>
          Import
        </Button>
      </Stack>
      {busy && <BusyNote text="Copying and checking the model file…" />}
      {error !== null && <Alert severity="error" data-testid="model-import-error">{error}</Alert>}
    </Stack>
  );
}
