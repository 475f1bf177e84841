import Alert from '@mui/material/Alert';
import List from '@mui/material/List';
import Paper from '@mui/material/Paper';
import { useState } from 'react';
import type { RecordingSummary } from '../../../shared/contract';
import { TranscriptDialog } from '../transcription/transcript-dialog';
import { useTranscriptionJobs } from '../transcription/use-transcription-jobs';
import { RecordingRow } from './recording-row';

type Props = {
  recordings: readonly RecordingSummary[];
  onChanged: (recordings: RecordingSummary[], notice: string) => void;
  onError: (message: string) => void;
};

/** The recordings with their transcription state (kept current by the app's progress events). */
export function RecordingList({ recordings, onChanged, onError }: Props) {
  const { jobs, problem, update } = useTranscriptionJobs();
  const [viewing, setViewing] = useState<RecordingSummary | null>(null);

  return (
    <>
      {problem !== null && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {`Transcription progress could not be read: ${problem}`}
        </Alert>
      )}
      <Paper variant="outlined">
        <List aria-label="Recordings">
          {recordings.map((recording, index) => (
            <RecordingRow
              key={recording.id}
              recording={recording}
              divider={index < recordings.length - 1}
              job={jobs.find((j) => j.recordingId === recording.id)}
              onJob={update}
              onView={() => {
                setViewing(recording);
              }}
              onChanged={onChanged}
              onError={onError}
            />
          ))}
        </List>
      </Paper>
      {viewing !== null && (
        <TranscriptDialog
          recording={viewing}
          onClose={() => {
            setViewing(null);
          }}
        />
      )}
    </>
  );
}
