import Alert from '@mui/material/Alert';
import DialogContentText from '@mui/material/DialogContentText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { CallView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { FormDialog } from '../../components/form-dialog';

type Props = { callId: string; onAdded: (view: CallView) => void; onClose: () => void };

/** Someone joined mid-call: add them, and the policy decides whether capture pauses for their consent. */
export function LateJoinerDialog({ callId, onAdded, onClose }: Props) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [region, setRegion] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = name.trim().length > 0 && /^\S+@\S+\.\S+$/.test(email.trim()) && !busy;

  const add = async () => {
    setBusy(true);
    setError(null);
    const trimmed = region.trim();
    const participant = trimmed.length > 0 ? { name: name.trim(), email: email.trim(), region: trimmed } : { name: name.trim(), email: email.trim() };
    const added = await call('calls.addParticipant', { callId, participant });
    setBusy(false);
    if (added.ok) {
      onAdded(added.value);
    } else {
      setError(describeError(added.error));
    }
  };

  return (
    <FormDialog
      titleId="joiner-title"
      title="Someone joined the call"
      maxWidth="sm"
      busy={busy}
      canSubmit={ready}
      submitLabel="Add participant"
      onSubmit={() => void add()}
      onClose={onClose}
    >
      <DialogContentText sx={{ mb: 2 }}>
        If the policy needs their consent, recording pauses at once until you record their answer.
      </DialogContentText>
      <Stack spacing={1.5}>
        <TextField label="Joiner name" value={name} onChange={(e) => { setName(e.target.value); }} autoFocus disabled={busy} />
        <TextField label="Joiner email" type="email" value={email} onChange={(e) => { setEmail(e.target.value); }} disabled={busy} />
        <TextField label="Joiner region (optional)" placeholder="US-CA, DE…" value={region} onChange={(e) => { setRegion(e.target.value.toUpperCase()); }} disabled={busy} />
        {error !== null && <Alert severity="error">{error}</Alert>}
      </Stack>
    </FormDialog>
  );
}
