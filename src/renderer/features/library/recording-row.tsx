import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import type { RecordingSummary, TranscriptionJobView } from '../../../shared/contract';
import { formatClock } from '../../components/format-time';
import { TranscriptionControls } from '../transcription/transcription-controls';
import { RecoveredActions } from './recovered-actions';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function startedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : when.format(date);
}

function StatusChip({ recording }: { recording: RecordingSummary }) {
  switch (recording.status) {
    case 'complete':
      return <Chip size="small" variant="outlined" label="Complete" />;
    case 'recording':
      return <Chip size="small" color="error" label="Recording…" />;
    case 'recovered':
      return <Chip size="small" color="warning" label={`Recovered, truncated at ${formatClock(recording.recoveredAtMs ?? recording.durationMs)}`} />;
    default:
      return <Chip size="small" variant="outlined" label={recording.status} />;
  }
}

type Props = {
  recording: RecordingSummary;
  divider: boolean;
  job: TranscriptionJobView | undefined;
  onJob: (job: TranscriptionJobView) => void;
  onView: () => void;
  onChanged: (recordings: RecordingSummary[], notice: string) => void;
  onError: (message: string) => void;
};

/**
 * One recording. A finished one shows its transcription below; one still being recorded, or
 * recovered after a crash and not yet kept, cannot be transcribed (the app refuses it) and shows none.
 */
export function RecordingRow({ recording, divider, job, onJob, onView, onChanged, onError }: Props) {
  const recovered = recording.status === 'recovered';
  const transcribable = recording.status !== 'recording' && !recovered;
  return (
    <ListItem
      divider={divider}
      aria-label={recording.title}
      secondaryAction={recovered ? <RecoveredActions recording={recording} onChanged={onChanged} onError={onError} /> : undefined}
      sx={recovered ? { pr: '190px' } : undefined}
    >
      <Stack spacing={1} sx={{ width: '100%' }}>
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <ListItemText
            primary={recording.title}
            secondary={`${recording.callType} · ${startedAt(recording.startedAt)} · ${formatClock(recording.durationMs)}`}
            sx={{ flex: '1 1 auto', mr: 2 }}
          />
          <StatusChip recording={recording} />
        </Stack>
        {transcribable && (
          <Box sx={{ pb: 0.5 }}>
            <TranscriptionControls recording={recording} job={job} onJob={onJob} onView={onView} />
          </Box>
        )}
      </Stack>
    </ListItem>
  );
}
