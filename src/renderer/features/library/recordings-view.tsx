import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { LibraryEntryView, RecordingSummary } from '../../../shared/contract';
import { BusyNote } from '../../components/busy-note';
import { RecordingList } from './recording-list';
import { RetryAlert } from '../../components/retry-alert';

export type RecordingsState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; entries: readonly LibraryEntryView[] };

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
  onOpen: (entry: LibraryEntryView, atMs?: number, section?: 'summary') => void;
  /** A recovered recording was kept or discarded: the new list, and what to tell the rep. */
  onChanged: (recordings: RecordingSummary[], notice: string) => void;
  onError: (message: string) => void;
};

export function RecordingsView({ state, onRetry, onOpen, onChanged, onError }: Props) {
  switch (state.kind) {
    case 'loading':
      return <BusyNote text="Loading recordings…" />;
    case 'failed':
      return (
        <RetryAlert message={state.message} onRetry={onRetry} />
      );
    case 'loaded':
      if (state.entries.length === 0) {
        return <EmptyLibrary />;
      }
      return <RecordingList entries={state.entries} onOpen={onOpen} onChanged={onChanged} onError={onError} />;
  }
}
