import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { MethodName, SummaryModelView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';

type Props = { onNotice: (text: string) => void };

function sizeOf(model: SummaryModelView): string {
  return model.bytes === null ? 'size not published' : `${String(Math.round(model.bytes / 1e6))} MB`;
}

/**
 * Summary models (#16): the manifest's small GGUF models and any an administrator trusted, with
 * what is installed; download (in the background, resumed, sha256-verified: it goes on when the
 * rep leaves this screen, and the list shows it again on return), verify, delete, or import a file.
 * Without one, summaries are extractive (sentences of the call), which the summary panel says.
 */
export function SummaryModelsSection({ onNotice }: Props) {
  const { state, replace } = useQuery('summaryModels.list', {}, { invalidatedBy: ['summaryModels.progress'] });
  const models = state.kind === 'loaded' ? state.value : null;
  const setModels = (next: readonly SummaryModelView[]) => { replace([...next]); };
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (state.kind === 'failed' ? describeError(state.error) : null);
  const [path, setPath] = useState('');

  const act = async (method: Extract<MethodName, 'summaryModels.download' | 'summaryModels.cancelDownload' | 'summaryModels.verify' | 'summaryModels.delete'>, name: string, doing: string, done: string | null) => {
    setBusy(doing);
    setError(null);
    const result = await call(method, { name });
    setBusy(null);
    if (result.ok) {
      setModels(result.value);
      if (done !== null) {
        onNotice(done);
      }
    } else {
      setError(describeError(result.error));
    }
  };

  const importFile = async () => {
    setBusy('Copying and checking the model file…');
    setError(null);
    const result = await call('summaryModels.import', { path: path.trim() });
    setBusy(null);
    if (result.ok) {
      setModels(result.value.models);
      setPath('');
      onNotice(`Summary model ${result.value.imported.name} imported: it matched the manifest and is installed.`);
    } else {
      setError(describeError(result.error));
    }
  };

  const installed = models?.some((m) => m.status === 'installed') ?? false;
  return (
    <Stack spacing={1.5} data-testid="summary-models" aria-label="Summary models" component="section">
      <Typography variant="h6" component="h2">
        Summary models
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {installed
          ? 'An AI draft of a call summary is written on this computer with the installed model. A rep reviews every draft before it is used.'
          : 'No summary model is installed, so summaries are drafted from the call’s own sentences. Install a small model below for AI drafts (written on this computer; a rep reviews every draft).'}
      </Typography>
      {models === null && error === null && <BusyNote text="Loading summary models…" />}
      {models?.map((model) => (
        <Stack key={model.name} direction="row" spacing={2} sx={{ alignItems: 'center' }} data-testid={`summary-model-${model.name}`}>
          <Typography variant="body2" sx={{ flexGrow: 1 }}>
            {model.name} ({model.parameters ?? 'trusted file'}, {sizeOf(model)}){model.trustedBy !== null ? `, trusted by ${model.trustedBy}` : ''}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="summary-model-status">
            {model.status === 'partial' ? `partly downloaded${model.percent === null ? '' : ` (${String(model.percent)}%)`}` : model.status === 'downloading' ? `downloading ${String(model.percent ?? 0)}%` : model.status}
            {model.verifiedAt !== null ? ', verified' : ''}
          </Typography>
          {model.status === 'downloading' && (
            <>
              <LinearProgress variant="determinate" value={model.percent ?? 0} aria-label={`Downloading ${model.name}`} sx={{ width: 120 }} />
              <Button size="small" disabled={busy !== null} onClick={() => { void act('summaryModels.cancelDownload', model.name, `Stopping the download of ${model.name}…`, null); }}>
                Cancel download
              </Button>
            </>
          )}
          {model.origin === 'manifest' && (model.status === 'available' || model.status === 'partial') && model.bytes !== null && (
            <Button size="small" disabled={busy !== null} onClick={() => { void act('summaryModels.download', model.name, `Starting the download of ${model.name}…`, null); }}>
              {model.status === 'partial' ? 'Resume download' : 'Download'}
            </Button>
          )}
          {(model.status === 'installed' || model.status === 'damaged') && (
            <>
              <Button size="small" disabled={busy !== null} onClick={() => { void act('summaryModels.verify', model.name, `Reading ${model.name} and checking its sha256…`, `${model.name} is intact: its sha256 matches.`); }}>
                Verify
              </Button>
              <Button size="small" color="error" disabled={busy !== null} onClick={() => { void act('summaryModels.delete', model.name, `Deleting ${model.name}…`, `${model.name} was deleted.`); }}>
                Delete
              </Button>
            </>
          )}
        </Stack>
      ))}
      {models
        ?.filter((model) => model.problem !== null)
        .map((model) => (
          <Alert key={`problem-${model.name}`} severity="warning" data-testid={`summary-model-problem-${model.name}`}>
            {model.problem}
          </Alert>
        ))}
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1.5}
        component="form"
        aria-label="Import a summary model from disk"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim() !== '' && busy === null) {
            void importFile();
          }
        }}
      >
        <TextField
          label="Summary model file path (.gguf)"
          value={path}
          onChange={(event) => { setPath(event.target.value); }}
          size="small"
          fullWidth
          slotProps={{ htmlInput: { 'data-testid': 'summary-model-import-path', spellCheck: false, maxLength: 4096 } }}
        />
        <Button type="submit" variant="outlined" disabled={path.trim() === '' || busy !== null} sx={{ flexShrink: 0 }}>
          Import
        </Button>
      </Stack>
      {busy !== null && <BusyNote text={busy} />}
      {error !== null && <Alert severity="error" data-testid="summary-models-error">{error}</Alert>}
    </Stack>
  );
}
