import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { TranscriptView } from '../../../shared/contract';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatDateTime } from '../../components/format-time';
import { RedactionReviewPanel } from '../redaction/redaction-review-panel';
import { TranscriptSegments } from './transcript-segments';
import { languageName, versionText } from './transcript-format';
import { RetryAlert } from '../../components/retry-alert';

type Props = { recording: { id: string; title: string }; onClose: () => void };

type Loaded = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'loaded'; transcript: TranscriptView };


/**
 * A recording's transcript (the latest version, or one picked from its history), and the review
 * of what is redacted from the latest version before any of it is shared.
 */
export function TranscriptDialog({ recording, onClose }: Props) {
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [reviewing, setReviewing] = useState(false);
  const query = useQuery('transcripts.get', version === undefined ? { recordingId: recording.id } : { recordingId: recording.id, version });
  const state: Loaded =
    query.state.kind === 'loaded'
      ? { kind: 'loaded', transcript: query.state.value }
      : query.state.kind === 'failed'
        ? { kind: 'failed', message: describeError(query.state.error) }
        : { kind: 'loading' };

  const body = (() => {
    switch (state.kind) {
      case 'loading':
        return <BusyNote text="Decrypting the transcript…" />;
      case 'failed':
        return (
          <RetryAlert message={state.message} onRetry={query.reload} />
        );
      case 'loaded': {
        const t = state.transcript;
        return (
          <Stack spacing={2}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="body2" data-testid="transcript-version">
                {versionText(t)}
              </Typography>
              <Chip size="small" variant="outlined" label={t.reviewed ? 'Redactions reviewed' : 'Redactions not reviewed'} />
              {t.versions.length > 1 && (
                <TextField
                  select
                  size="small"
                  label="Version"
                  value={t.version}
                  onChange={(event) => {
                    setVersion(Number(event.target.value));
                  }}
                  sx={{ minWidth: 120, ml: 'auto' }}
                >
                  {t.versions.map((v) => (
                    <MenuItem key={v.version} value={v.version}>
                      {`Version ${v.version} (${v.kind === 'machine' ? 'machine' : `correction by ${v.createdBy}`})`}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            </Stack>
            <Typography variant="caption" color="text.secondary">
              {`${t.engine} · language: ${languageName(t.language)} · created ${formatDateTime(t.createdAt)}`}
            </Typography>
            <TranscriptSegments segments={t.segments} />
          </Stack>
        );
      }
      default:
        return null;
    }
  })();

  const latest = state.kind === 'loaded' && state.transcript.versions.every((v) => v.version <= state.transcript.version);
  return (
    <Dialog open onClose={onClose} aria-labelledby="transcript-title" fullWidth maxWidth="md" scroll="paper">
      <DialogTitle id="transcript-title">
        {reviewing ? 'Redactions' : 'Transcript'}: {recording.title}
      </DialogTitle>
      <DialogContent dividers data-testid="transcript-view">
        <Box sx={{ minHeight: 120 }}>{reviewing ? <RedactionReviewPanel recordingId={recording.id} /> : body}</Box>
      </DialogContent>
      <DialogActions>
        {reviewing ? (
          <Button
            onClick={() => {
              setReviewing(false);
              query.reload();
            }}
          >
            Back to transcript
          </Button>
        ) : (
          latest && (
            <Button onClick={() => { setReviewing(true); }} data-testid="open-redaction-review">
              Review redactions
            </Button>
          )
        )}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
