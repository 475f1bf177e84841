import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { BusyNote } from '../../components/busy-note';
import type { CaptureRun, RunSnapshot } from './capture-run';
import { CustomerInputPicker } from './customer-input-picker';

type Props = { snapshot: RunSnapshot; run: CaptureRun; onCancel: () => void };

/**
 * What to do when a source is missing. Without the customer's side the rep may still record their
 * own microphone, with the customer channel left silent: consent covers the whole call, so
 * recording less is allowed, and the rep's half still serves notes and follow-up. It is the rep's
 * explicit choice, never a silent fallback, and the screen keeps saying so while it lasts.
 */
export function SourcePrompts({ snapshot, run, onCancel }: Props) {
  const { mic, system, phase } = snapshot;
  const settingUp = phase === 'setting-up';
  const over = phase === 'stopping' || phase === 'stopped' || phase === 'ended';
  if (over) {
    return null;
  }
  return (
    <Stack spacing={1.5}>
      {system.kind === 'opening' && <BusyNote text="Choose the meeting’s tab or screen to share, with its audio…" />}
      {mic.kind === 'opening' && system.kind !== 'opening' && <BusyNote text="Opening your microphone…" />}
      {mic.kind === 'unavailable' && (
        <Alert
          severity="error"
          data-testid="microphone-problem"
          action={
            <Button color="inherit" size="small" onClick={() => void run.retryMicrophone()}>
              Try the microphone again
            </Button>
          }
        >
          <AlertTitle>Your microphone isn’t being recorded</AlertTitle>
          {mic.message}
        </Alert>
      )}
      {system.kind === 'unavailable' && (
        <Alert severity="warning" data-testid="customer-side-problem">
          <AlertTitle>The customer’s side isn’t being recorded</AlertTitle>
          {system.message} To record it, share the meeting’s browser tab with “Also share tab audio” on, or your screen
          with system audio, or take it from a loopback audio input below. Or record your microphone only: the customer’s
          channel then stays silent.
          <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: 'wrap' }}>
            <Button variant="contained" size="small" onClick={() => void run.shareCustomerSide()}>
              Share customer audio
            </Button>
            <Button variant="outlined" size="small" color="inherit" onClick={() => void run.recordMicrophoneOnly()}>
              Record my microphone only
            </Button>
          </Stack>
          <CustomerInputPicker run={run} />
        </Alert>
      )}
      {system.kind === 'silent' && (
        <Alert
          severity="info"
          data-testid="microphone-only"
          action={
            <Button color="inherit" size="small" onClick={() => void run.shareCustomerSide()}>
              Share customer audio
            </Button>
          }
        >
          Microphone only: the customer’s channel is silent in this recording.
        </Alert>
      )}
      {settingUp && (
        <Button onClick={onCancel} sx={{ alignSelf: 'flex-start' }}>
          Cancel recording
        </Button>
      )}
    </Stack>
  );
}
