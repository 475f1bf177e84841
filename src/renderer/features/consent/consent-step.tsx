import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CallView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { CAPTURE_SAMPLE_RATE } from '../recording/audio-pipeline';
import { CaptureRun } from '../recording/capture-run';
import { ConsentGateNote } from './consent-gate-note';
import { ParticipantConsent, type ConsentMethod } from './participant-consent';
import { ScriptCard } from './script-card';

type Props = {
  view: CallView;
  onView: (view: CallView) => void;
  /** Capture started: the recording screen takes over. */
  onStarted: (view: CallView, run: CaptureRun) => void;
  onCancel: () => void;
};

/** Read the script, record each answer, and start only when the consent gate is open. */
export function ConsentStep({ view, onView, onStarted, onCancel }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const answer = async (email: string, outcome: 'granted' | 'declined', method: ConsentMethod | null) => {
    setBusy(true);
    setError(null);
    const result = await call('consent.record', { callId: view.id, participantEmail: email, outcome, method });
    setBusy(false);
    if (result.ok) {
      onView(result.value);
    } else {
      setError(describeError(result.error));
    }
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    const started = await call('capture.start', { callId: view.id, inputSampleRate: CAPTURE_SAMPLE_RATE });
    if (!started.ok) {
      setBusy(false);
      setError(describeError(started.error));
      return;
    }
    const run = new CaptureRun(started.value);
    onStarted(view, run);
    // Devices open only now, after the host accepted the call through its consent gate.
    void run.openSources();
  };

  return (
    <Paper variant="outlined" sx={{ p: { xs: 3, sm: 4 } }}>
      <Stack spacing={2.5}>
        <Stack spacing={0.5}>
          <Typography variant="h5" component="h1">
            Consent before recording
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {view.meetingTitle} · {view.account}. Nothing is recorded and no microphone is opened until consent is on record.
          </Typography>
        </Stack>
        <ScriptCard script={view.script} scope={view.consentScope} />
        <Stack aria-label="Participants">
          {view.participants.map((p) => (
            <ParticipantConsent
              key={p.email}
              participant={p}
              busy={busy}
              onAnswer={(outcome, method) => void answer(p.email, outcome, method)}
            />
          ))}
        </Stack>
        <ConsentGateNote gate={view.gate} />
        {error !== null && <Alert severity="error">{error}</Alert>}
        <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'flex-end' }}>
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button variant="contained" color="error" onClick={() => void start()} disabled={busy || !view.gate.open}>
            Start recording
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}
