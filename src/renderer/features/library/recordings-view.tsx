import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { RecordingSummary } from '../../../shared/contract';
import { BusyNote } from '../../components/busy-note';
import { formatClock } from '../../components/format-time';
import { RecoveredActions } from './recovered-actions';

export type RecordingsState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; recordings: readonly RecordingSummary[] };

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

function EmptyLibrary() {
  return (
    <Paper variant="outlined" data-testid="library-empty" sx={{ p: 4, textAlign: 'center' }}>
      <Typography variant="h6" component="h2" gutterBottom>
        No recordings yet
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 460, mx: 'auto' }}>
        Recordings appear here after a call in which everyone gave consent to be recorded. CallVault checks your
        team’s recording policy and asks for consent before it records anything, and keeps every recording encrypted
        on this computer.
      </Typography>
    </Paper>
  );
}

type Props = {
  state: RecordingsState;
  onRetry: () => void;
  /** A recovered recording was kept or discarded: the new list, and what to tell the rep. */
  onChanged: (recordings: RecordingSummary[], notice: string) => void;
  onError: (message: string) => void;
};

export function RecordingsView({ state, onRetry, onChanged, onError }: Props) {
  switch (state.kind) {
    case 'loading':
      return <BusyNote text="Loading recordings…" />;
    case 'failed':
      return (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={onRetry}>
              Try again
            </Button>
          }
        >
          {state.message}
        </Alert>
      );
    case 'loaded':
      if (state.recordings.length === 0) {
        return <EmptyLibrary />;
      }
      return (
        <Paper variant="outlined">
          <List aria-label="Recordings">
            {state.recordings.map((recording, index) => (
              <ListItem
                key={recording.id}
                divider={index < state.recordings.length - 1}
                aria-label={recording.title}
                secondaryAction={recording.status === 'recovered' ? <RecoveredActions recording={recording} onChanged={onChanged} onError={onError} /> : undefined}
                sx={recording.status === 'recovered' ? { pr: '190px' } : undefined}
              >
                <ListItemText
                  primary={recording.title}
                  secondary={`${recording.callType} · ${startedAt(recording.startedAt)} · ${formatClock(recording.durationMs)}`}
                  sx={{ flex: '1 1 auto', mr: 2 }}
                />
                <StatusChip recording={recording} />
              </ListItem>
            ))}
          </List>
        </Paper>
      );
  }
}
