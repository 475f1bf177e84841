import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { formatClock } from '../../components/format-time';

type Props = { recordedMs: number; onKeepRecording: () => void; onStopAndLock: () => void };

/**
 * Asked before a lock would end the call being recorded. Keeping on recording is the default
 * (focused, and what Escape does); locking seals the call, which is saved and transcribed like
 * any other.
 */
export function LockDuringCallDialog({ recordedMs, onKeepRecording, onStopAndLock }: Props) {
  return (
    <Dialog open onClose={onKeepRecording} aria-labelledby="lock-during-call-title" aria-describedby="lock-during-call-text">
      <DialogTitle id="lock-during-call-title">Lock during this call?</DialogTitle>
      <DialogContent>
        <DialogContentText id="lock-during-call-text">
          A call is being recorded ({formatClock(recordedMs)} so far). Locking stops the recording: what was recorded is
          saved and transcribed like any other call, and nothing more is recorded.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onStopAndLock} color="error">
          Stop recording and lock
        </Button>
        <Button onClick={onKeepRecording} variant="contained" autoFocus>
          Keep recording
        </Button>
      </DialogActions>
    </Dialog>
  );
}
