import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { assertNever } from '../../../shared/assert';
import type { RecordingSummary, TranscriptionJobView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { actionFor, failureText, formatPercent, phaseOf, statusText } from './transcription-status';

type Props = {
  recording: Pick<RecordingSummary, 'id' | 'title'>;
  job: TranscriptionJobView | undefined;
  onJob: (job: TranscriptionJobView) => void;
  onView: () => void;
};

/** One recording's transcription: its state, live progress, and the one action that fits it. */
export function TranscriptionControls({ recording, job, onJob, onView }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const phase = phaseOf(job);
  const action = actionFor(phase);
  const { id, title } = recording;

  const run = async (method: 'transcription.enqueue' | 'transcription.cancel') => {
    setBusy(true);
    setError(null);
    const result = await call(method, { recordingId: id });
    setBusy(false);
    if (result.ok) {
      onJob(result.value);
    } else {
      setError(describeError(result.error));
    }
  };

  const button = (() => {
    switch (action) {
      case 'transcribe':
        return (
          <Button size="small" variant="outlined" data-testid={`transcribe-${id}`} aria-label={`Transcribe ${title}`} disabled={busy} onClick={() => void run('transcription.enqueue')}>
            Transcribe
          </Button>
        );
      case 'cancel':
        return (
          <Button size="small" data-testid={`cancel-transcription-${id}`} aria-label={`Cancel transcription of ${title}`} disabled={busy} onClick={() => void run('transcription.cancel')}>
            Cancel
          </Button>
        );
      case 'retry':
        return (
          <Button size="small" variant="outlined" data-testid={`retry-transcription-${id}`} aria-label={`Retry transcription of ${title}`} disabled={busy} onClick={() => void run('transcription.enqueue')}>
            Retry
          </Button>
        );
      case 'view':
        return (
          <Button size="small" variant="outlined" data-testid={`view-transcript-${id}`} aria-label={`View transcript of ${title}`} onClick={onView}>
            View transcript
          </Button>
        );
      default:
        return assertNever(action);
    }
  })();

  const showProgress = job !== undefined && (phase === 'running' || (phase === 'queued' && job.percent > 0));

  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Box data-testid={`transcription-status-${id}`} data-state={phase} sx={{ flex: '1 1 auto', minWidth: 0 }}>
          <Typography variant="body2" color={phase === 'failed' ? 'error' : 'text.secondary'}>
            {statusText(job)}
          </Typography>
          {phase === 'failed' && job !== undefined && (
            <Typography variant="body2" color="error">
              {failureText(job)}
            </Typography>
          )}
        </Box>
        {button}
      </Stack>
      {showProgress && (
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <LinearProgress
            variant="determinate"
            value={Math.min(100, Math.max(0, job.percent))}
            data-testid={`transcription-progress-${id}`}
            aria-label={`Transcription progress of ${title}`}
            sx={{ flex: '1 1 auto' }}
          />
          <Typography variant="caption" color="text.secondary" sx={{ minWidth: 36, textAlign: 'right' }}>
            {formatPercent(job.percent)}
          </Typography>
        </Stack>
      )}
      {error !== null && (
        <Alert
          severity="error"
          data-testid={`transcription-error-${id}`}
          onClose={() => {
            setError(null);
          }}
        >
          {error}
        </Alert>
      )}
    </Stack>
  );
}
