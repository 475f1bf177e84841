import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { RecordingSummary } from '../../../shared/contract';
import { BusyNote } from '../../components/busy-note';

export type RecordingsState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; recordings: readonly RecordingSummary[] };

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

function startedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : when.format(date);
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

type Props = { state: RecordingsState; onRetry: () => void };

export function RecordingsView({ state, onRetry }: Props) {
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
              <ListItem key={recording.id} divider={index < state.recordings.length - 1}>
                <ListItemText
                  primary={recording.title}
                  secondary={`${recording.callType} · ${startedAt(recording.startedAt)} · ${duration(recording.durationMs)} · ${recording.status}`}
                />
              </ListItem>
            ))}
          </List>
        </Paper>
      );
  }
}
