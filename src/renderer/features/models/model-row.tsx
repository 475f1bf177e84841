import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ModelView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { BusyNote } from '../../components/busy-note';
import { DeleteModelDialog } from './delete-model-dialog';
import { formatBytes, modelActions, modelStatusText, traitsText } from './model-format';

type Props = {
  model: ModelView;
  onModels: (models: readonly ModelView[]) => void;
  onNotice: (text: string) => void;
};

type Busy = null | 'download' | 'cancel-download' | 'verify' | 'delete';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function verifiedText(iso: string): string {
  const date = new Date(iso);
  return `Verified ${Number.isNaN(date.getTime()) ? iso : when.format(date)}: size, structure and sha256 match.`;
}

/** One model: what it is, its state on this computer, and what can be done with it. */
export function ModelRow({ model, onModels, onNotice }: Props) {
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { name } = model;
  const actions = modelActions(model);

  const run = async (what: Exclude<Busy, null>, done?: string) => {
    setBusy(what);
    setError(null);
    const method = what === 'download' ? 'models.download' : what === 'cancel-download' ? 'models.cancelDownload' : what === 'verify' ? 'models.verify' : 'models.delete';
    const result = await call(method, { name });
    setBusy(null);
    if (result.ok) {
      onModels(result.value);
      if (done !== undefined) {
        onNotice(done);
      }
    } else {
      setError(describeError(result.error));
    }
    return result.ok;
  };

  return (
    <Box data-testid={`model-row-${name}`} aria-label={`Model ${name}`} role="group" sx={{ py: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'flex-start' } }}>
        <Box sx={{ flex: '1 1 auto', minWidth: 0 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {name}
          </Typography>
          {model.description !== '' && (
            <Typography variant="body2" color="text.secondary">
              {model.description}
            </Typography>
          )}
          <Typography variant="body2" color="text.secondary">
            {`${formatBytes(model.bytes)} · ${traitsText(model)}`}
          </Typography>
          <Typography variant="body2" data-testid={`model-status-${name}`} data-status={model.status} sx={{ mt: 0.5, fontWeight: 500 }}>
            {modelStatusText(model)}
          </Typography>
          {model.verifiedAt !== null && (
            <Typography variant="body2" color="success.main" data-testid={`model-verified-${name}`}>
              {verifiedText(model.verifiedAt)}
            </Typography>
          )}
        </Box>
        <Stack direction="row" spacing={1} sx={{ flexShrink: 0 }}>
          {actions.includes('download') && (
            <Button size="small" variant="contained" data-testid={`model-download-${name}`} aria-label={`Download ${name}`} disabled={busy !== null} onClick={() => void run('download')}>
              {model.status === 'partial' ? 'Resume download' : 'Download'}
            </Button>
          )}
          {actions.includes('cancel-download') && (
            <Button size="small" data-testid={`model-cancel-download-${name}`} aria-label={`Cancel download of ${name}`} disabled={busy !== null} onClick={() => void run('cancel-download', `Download of ${name} stopped. Download it again to resume.`)}>
              Cancel download
            </Button>
          )}
          {actions.includes('verify') && (
            <Button size="small" variant="outlined" data-testid={`model-verify-${name}`} aria-label={`Verify ${name}`} disabled={busy !== null} onClick={() => void run('verify')}>
              Verify
            </Button>
          )}
          {actions.includes('delete') && (
            <Button size="small" color="error" data-testid={`model-delete-${name}`} aria-label={`Delete ${name}`} disabled={busy !== null} onClick={() => { setConfirmDelete(true); }}>
              Delete
            </Button>
          )}
        </Stack>
      </Stack>
      {model.status === 'downloading' && (
        <LinearProgress
          variant={model.percent === null ? 'indeterminate' : 'determinate'}
          value={model.percent ?? 0}
          data-testid={`model-progress-${name}`}
          aria-label={`Download progress of ${name}`}
          sx={{ mt: 1.5 }}
        />
      )}
      {busy === 'verify' && (
        <Box sx={{ mt: 1 }}>
          <BusyNote text={`Reading all of ${name} (${formatBytes(model.bytes)}) to check it…`} />
        </Box>
      )}
      {model.problem !== null && (
        <Alert severity="warning" data-testid={`model-problem-${name}`} sx={{ mt: 1.5 }}>
          {model.problem}
        </Alert>
      )}
      {error !== null && (
        <Alert severity="error" sx={{ mt: 1.5 }} onClose={() => { setError(null); }}>
          {error}
        </Alert>
      )}
      {confirmDelete && (
        <DeleteModelDialog
          model={model}
          busy={busy === 'delete'}
          onCancel={() => { setConfirmDelete(false); }}
          onConfirm={() => {
            void run('delete', `Deleted ${name} from this computer.`).then(() => { setConfirmDelete(false); });
          }}
        />
      )}
    </Box>
  );
}
