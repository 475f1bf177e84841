import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CallView, MethodInput, MethodOutput } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { ruleText } from '../policy/policy-words';
import { ApprovalFields, approvalComplete, emptyApproval, type ApprovalDraft } from './approval-fields';
import { ParticipantsEditor, emptyParticipant, participantComplete, type ParticipantDraft } from './participants-editor';

type CallType = MethodOutput<'policy.overview'>['callTypes'][number];
type BlockReason = { code: string; rule: string; message: string };

type Props = {
  callTypes: readonly CallType[];
  onPrepared: (call: CallView) => void;
  /** The policy must be (re)acknowledged first. */
  onNeedsAcknowledgment: () => void;
  onCancel: () => void;
};

function request(callType: CallType, account: string, title: string, participants: readonly ParticipantDraft[], approval: ApprovalDraft): MethodInput<'calls.prepare'> {
  const base = {
    callType: callType.id,
    account: account.trim(),
    meetingTitle: title.trim(),
    participants: participants.map((p) => {
      const region = p.region.trim();
      return region.length > 0 ? { name: p.name.trim(), email: p.email.trim(), region } : { name: p.name.trim(), email: p.email.trim() };
    }),
  };
  if (callType.rule !== 'requires-approval' || approval.approverRole === '') {
    return base;
  }
  return { ...base, approval: { approvedBy: approval.approvedBy.trim(), approverRole: approval.approverRole, reason: approval.reason.trim() } };
}

/** Sets up a call: the policy decides here, before any device is opened, whether it may be recorded. */
export function NewRecordingForm({ callTypes, onPrepared, onNeedsAcknowledgment, onCancel }: Props) {
  const [typeId, setTypeId] = useState('');
  const [account, setAccount] = useState('');
  const [title, setTitle] = useState('');
  const [participants, setParticipants] = useState<ParticipantDraft[]>(() => [emptyParticipant()]);
  const [approval, setApproval] = useState<ApprovalDraft>(emptyApproval);
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<readonly BlockReason[]>([]);
  const [error, setError] = useState<string | null>(null);

  const callType = callTypes.find((t) => t.id === typeId);
  const needsApproval = callType?.rule === 'requires-approval';
  const ready =
    callType !== undefined &&
    callType.rule !== 'prohibited' &&
    account.trim().length > 0 &&
    title.trim().length > 0 &&
    participants.length > 0 &&
    participants.every(participantComplete) &&
    (!needsApproval || approvalComplete(approval));

  const submit = async () => {
    if (!ready) {
      return;
    }
    setBusy(true);
    setError(null);
    setBlocked([]);
    const prepared = await call('calls.prepare', request(callType, account, title, participants, approval));
    setBusy(false);
    if (!prepared.ok) {
      if (prepared.error.code === 'POLICY_NOT_ACKNOWLEDGED') {
        onNeedsAcknowledgment();
        return;
      }
      setError(describeError(prepared.error));
    } else if (prepared.value.allowed) {
      onPrepared(prepared.value.call);
    } else {
      setBlocked(prepared.value.reasons);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: { xs: 3, sm: 4 } }}>
      <Stack
        component="form"
        aria-labelledby="new-recording-title"
        spacing={2.5}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Typography id="new-recording-title" variant="h5" component="h1">
          New recording
        </Typography>
        <TextField
          select
          label="Call type"
          value={typeId}
          onChange={(e) => { setTypeId(e.target.value); setBlocked([]); }}
          disabled={busy}
          helperText={callType ? ruleText(callType.rule) : 'The policy decides which calls may be recorded and how.'}
          slotProps={{ select: { renderValue: (value) => callTypes.find((t) => t.id === value)?.label ?? '' } }}
        >
          {callTypes.map((t) => (
            <MenuItem key={t.id} value={t.id} disabled={t.rule === 'prohibited'}>
              <ListItemText primary={t.label} secondary={ruleText(t.rule)} />
            </MenuItem>
          ))}
        </TextField>
        <TextField label="Account" value={account} onChange={(e) => { setAccount(e.target.value); }} disabled={busy} />
        <TextField label="Meeting title" value={title} onChange={(e) => { setTitle(e.target.value); }} disabled={busy} />
        <ParticipantsEditor participants={participants} onChange={setParticipants} disabled={busy} />
        {needsApproval && <ApprovalFields approval={approval} onChange={setApproval} disabled={busy} />}
        {blocked.length > 0 && (
          <Alert severity="error" data-testid="prepare-blocked">
            <AlertTitle>This call cannot be recorded</AlertTitle>
            <List dense disablePadding>
              {blocked.map((reason) => (
                <ListItem key={`${reason.code}:${reason.rule}`} disableGutters>
                  <ListItemText primary={reason.message} secondary={`Policy rule: ${reason.rule}`} />
                </ListItem>
              ))}
            </List>
          </Alert>
        )}
        {error !== null && <Alert severity="error">{error}</Alert>}
        <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'flex-end' }}>
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={!ready || busy}>
            Continue to consent
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}
