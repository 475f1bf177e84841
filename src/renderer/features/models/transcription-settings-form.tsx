import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { ModelView, TranscriptionSettingsView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { BusyNote } from '../../components/busy-note';
import { LANGUAGE_CODES, languageName } from '../transcription/transcript-format';
import { isInstalled, threadsText } from './model-format';

type Props = { models: readonly ModelView[]; onNotice: (text: string) => void };

type Draft = { threads: string; language: string; model: string; autoTranscribe: boolean };

const MAX_THREADS = 256;
/** The switch's own checkbox carries the test id (MUI types its slot as plain input attributes). */
const AUTO_INPUT: { 'data-testid': string } = { 'data-testid': 'settings-auto' };

function draftOf(view: TranscriptionSettingsView): Draft {
  return { threads: String(view.threads), language: view.language, model: view.model, autoTranscribe: view.autoTranscribe };
}

/** The rep's transcription settings, kept in their vault. */
export function TranscriptionSettingsForm({ models, onNotice }: Props) {
  const [saved, setSaved] = useState<TranscriptionSettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void call('transcription.settings', {}).then((got) => {
      if (!live) {
        return;
      }
      if (got.ok) {
        setSaved(got.value);
        setDraft(draftOf(got.value));
      } else {
        setError(describeError(got.error));
      }
    });
    return () => {
      live = false;
    };
  }, []);

  if (saved === null || draft === null) {
    return error === null ? <BusyNote text="Loading transcription settings…" /> : <Alert severity="error">{error}</Alert>;
  }

  const threads = Number(draft.threads);
  const threadsValid = draft.threads.trim() !== '' && Number.isInteger(threads) && threads >= 0 && threads <= MAX_THREADS;
  const installed = models.filter(isInstalled);
  const chosen = models.find((m) => m.name === draft.model);
  const firstInstalled = installed[0]?.name;
  const languages = LANGUAGE_CODES.includes(draft.language) ? LANGUAGE_CODES : [...LANGUAGE_CODES, draft.language];
  const effectiveModel = chosen ?? installed[0];
  const englishOnly = effectiveModel !== undefined && !effectiveModel.multilingual && draft.language !== 'en';

  const save = async () => {
    setBusy(true);
    setError(null);
    const result = await call('transcription.setSettings', { threads, language: draft.language, model: draft.model, autoTranscribe: draft.autoTranscribe });
    setBusy(false);
    if (result.ok) {
      setSaved(result.value);
      setDraft(draftOf(result.value));
      onNotice('Transcription settings saved.');
    } else {
      setError(describeError(result.error));
    }
  };

  const change = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
  };

  return (
    <Stack
      component="form"
      aria-label="Transcription settings"
      noValidate
      spacing={2}
      onSubmit={(event) => {
        event.preventDefault();
        if (threadsValid && !busy) {
          void save();
        }
      }}
    >
      <Typography variant="h6" component="h2">
        Transcription settings
      </Typography>
      <TextField
        select
        label="Model"
        value={draft.model}
        onChange={(event) => { change({ model: event.target.value }); }}
        data-testid="settings-model"
        // '' (the first installed model) is a real choice, so it is shown rather than left blank.
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        helperText={installed.length === 0 ? 'No model is installed yet: download or import one above.' : 'Used for new transcriptions.'}
        size="small"
      >
        <MenuItem value="">{firstInstalled === undefined ? 'First installed model (none yet)' : `First installed model (${firstInstalled})`}</MenuItem>
        {installed.map((m) => (
          <MenuItem key={m.name} value={m.name}>
            {m.name}
          </MenuItem>
        ))}
        {draft.model !== '' && !installed.some((m) => m.name === draft.model) && (
          <MenuItem value={draft.model}>{`${draft.model} (not installed)`}</MenuItem>
        )}
      </TextField>
      <TextField
        select
        label="Language"
        value={draft.language}
        onChange={(event) => { change({ language: event.target.value }); }}
        data-testid="settings-language"
        helperText={englishOnly ? `${effectiveModel.name} is English only: choose a multilingual model for other languages.` : 'The language spoken in your calls.'}
        size="small"
      >
        {languages.map((code) => (
          <MenuItem key={code} value={code}>
            {code === 'auto' ? 'Detect automatically (multilingual models)' : `${languageName(code)} (${code})`}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label="Threads"
        type="number"
        value={draft.threads}
        onChange={(event) => { change({ threads: event.target.value }); }}
        error={!threadsValid}
        helperText={threadsValid ? threadsText(threads, saved) : `Enter a whole number from 0 (default) to ${MAX_THREADS}.`}
        size="small"
        slotProps={{ htmlInput: { 'data-testid': 'settings-threads', min: 0, max: MAX_THREADS, step: 1, inputMode: 'numeric' } }}
      />
      <FormControlLabel
        control={
          <Switch
            checked={draft.autoTranscribe}
            onChange={(event) => { change({ autoTranscribe: event.target.checked }); }}
            slotProps={{ input: AUTO_INPUT }}
          />
        }
        label="Transcribe each call automatically when its recording ends"
      />
      {error !== null && <Alert severity="error">{error}</Alert>}
      <Stack direction="row">
        <Button type="submit" variant="contained" disabled={!threadsValid || busy} data-testid="settings-save">
          Save settings
        </Button>
      </Stack>
    </Stack>
  );
}
