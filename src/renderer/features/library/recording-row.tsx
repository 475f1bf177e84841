import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { LibraryEntryView, RecordingSummary, TranscriptionJobView } from '../../../shared/contract';
import { formatClock, formatDateTime } from '../../components/format-time';
import { TranscriptionControls } from '../transcription/transcription-controls';
import { transcriptPhase } from '../call-page/library-words';
import { RecoveredActions } from './recovered-actions';

function StatusChip({ entry }: { entry: LibraryEntryView }) {
  switch (entry.status) {
    case 'complete':
      return <Chip size="small" variant="outlined" label="Complete" />;
    case 'imported':
      return <Chip size="small" variant="outlined" label="Imported" />;
    case 'recording':
      return <Chip size="small" color="error" label="Recording…" />;
    case 'recovered':
      return <Chip size="small" color="warning" label={`Recovered, truncated at ${formatClock(entry.recoveredAtMs ?? entry.durationMs)}`} />;
    case 'not-recorded':
      return <Chip size="small" color="warning" variant="outlined" label={entry.consent === 'withdrawn' ? 'Consent withdrawn' : entry.consent === 'declined' ? 'Consent declined' : 'Not recorded'} />;
    default:
      return <Chip size="small" variant="outlined" label={entry.status} />;
  }
}

/** The recording as the older recording-level components take it. */
export function summaryOf(entry: LibraryEntryView & { recordingId: string }): RecordingSummary {
  const { recordingId, title, callType, startedAt, durationMs, status, recoveredAtMs } = entry;
  return { id: recordingId, title, callType, startedAt, durationMs, status, recoveredAtMs };
}

type Props = {
  entry: LibraryEntryView;
  job: TranscriptionJobView | undefined;
  onJob: (job: TranscriptionJobView) => void;
  onOpen: () => void;
  onView: () => void;
  onChanged: (recordings: RecordingSummary[], notice: string) => void;
  onError: (message: string) => void;
};

/**
 * One call in the library: title, account, type, date and length, and its state at a glance
 * (recording status or consent outcome, transcript, review, notes), with the one transcription
 * action that fits. A finished recording shows its transcription; one still being recorded, or
 * recovered after a crash and not yet kept, cannot be transcribed and shows none.
 */
export function RecordingRow({ entry, job, onJob, onOpen, onView, onChanged, onError }: Props) {
  const recordingId = entry.recordingId;
  const recovered = entry.status === 'recovered';
  const transcribable = recordingId !== null && entry.status !== 'recording' && !recovered;
  const phase = transcriptPhase(entry);
  const details = [entry.account, entry.callType, formatDateTime(entry.startedAt), recordingId !== null ? formatClock(entry.durationMs) : null].filter((x) => x !== null).join(' · ');
  return (
    <Stack spacing={1} sx={{ px: 2, py: 1.5, borderBottom: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Box sx={{ flex: '1 1 240px', minWidth: 0 }}>
          <Button
            variant="text"
            onClick={onOpen}
            data-testid={`open-call-${entry.key}`}
            aria-label={`Open ${entry.title}`}
            sx={{ p: 0, minWidth: 0, textTransform: 'none', justifyContent: 'flex-start', textAlign: 'left', typography: 'subtitle1', fontWeight: 600 }}
          >
            {entry.title}
          </Button>
          <Typography variant="body2" color="text.secondary" noWrap>
            {details}
          </Typography>
        </Box>
        <StatusChip entry={entry} />
        {recordingId !== null && phase === 'done' && (
          <Chip size="small" variant="outlined" color={entry.reviewed ? 'success' : 'default'} label={entry.reviewed ? 'Reviewed' : 'Not reviewed'} />
        )}
        {entry.hasNotes && <Chip size="small" variant="outlined" label="Notes" />}
        {recovered && recordingId !== null && <RecoveredActions recording={summaryOf({ ...entry, recordingId })} onChanged={onChanged} onError={onError} />}
      </Stack>
      {transcribable && (
        <TranscriptionControls recording={{ id: recordingId, title: entry.title }} job={job} onJob={onJob} onView={onView} />
      )}
    </Stack>
  );
}
