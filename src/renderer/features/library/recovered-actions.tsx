import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { RecordingSummary } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { formatClock } from '../../components/format-time';

type Props = {
  recording: RecordingSummary;
  onChanged: (recordings: RecordingSummary[], notice: string) => void;
  onError: (message: string) => void;
};

/** A recording cut off by a crash waits for the rep: keep it as it is, or destroy it for good. */
export function RecoveredActions({ recording, onChanged, onError }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const at = formatClock(recording.recoveredAtMs ?? recording.durationMs);

  const keep = async () => {
    setBusy(true);
    const kept = await call('recordings.keepRecovered', { recordingId: recording.id });
    setBusy(false);
    if (kept.ok) {
      onChanged(kept.value, `Kept “${recording.title}” (${at}).`);
    } else {
      onError(describeError(kept.error));
    }
  };

  const discard = async () => {
    setBusy(true);
    const destroyed = await call('recordings.destroy', { recordingId: recording.id });
    setBusy(false);
    setConfirming(false);
    if (destroyed.ok) {
      onChanged(destroyed.value, `Discarded “${recording.title}”. Its audio can no longer be decrypted.`);
    } else {
      onError(describeError(destroyed.error));
    }
  };

  return (
    <Stack direction="row" spacing={1}>
      <Button size="small" variant="outlined" onClick={() => void keep()} disabled={busy} aria-label={`Keep ${recording.title}`}>
        Keep
      </Button>
      <Button size="small" color="error" onClick={() => { setConfirming(true); }} disabled={busy} aria-label={`Discard ${recording.title}`}>
        Discard
      </Button>
      {confirming && (
        <Dialog open onClose={busy ? undefined : () => { setConfirming(false); }} aria-labelledby="discard-title">
          <DialogTitle id="discard-title">Discard this recording?</DialogTitle>
          <DialogContent>
            <DialogContentText>
              “{recording.title}” was recovered after CallVault stopped unexpectedly, truncated at {at}. Discarding destroys
              its key, so its audio can never be decrypted again. This cannot be undone.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => { setConfirming(false); }} disabled={busy}>
              Cancel
            </Button>
            <Button color="error" variant="contained" onClick={() => void discard()} disabled={busy}>
              Discard permanently
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Stack>
  );
}
