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
import { useEffect, useState } from 'react';
import type { CallApprovalItem, CallView, MethodInput, MethodOutput } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { PolicyOriginNote } from '../policy/policy-origin-note';
import { roleLabel, ruleText } from '../policy/policy-words';
import { CallApprovalChooser } from './call-approval-chooser';
import { ParticipantsEditor, emptyParticipant, participantComplete, type ParticipantDraft } from './participants-editor';

type CallType = MethodOutput<'policy.overview'>['callTypes'][number];
type BlockReason = { code: string; rule: string; message: string };

type Props = {
  callTypes: readonly CallType[];
  /** Where the policy in force comes from, shown under the title. */
  origin?: MethodOutput<'policy.overview'>['origin'] | undefined;
  onPrepared: (call: CallView) => void;
  /** The policy must be (re)acknowledged first. */
  onNeedsAcknowledgment: () => void;
  onCancel: () => void;
};

function request(callTypeId: string, account: string, title: string, participants: readonly ParticipantDraft[]): MethodInput<'calls.check'> {
  return {
    callType: callTypeId,
    account: account.trim(),
    meetingTitle: title.trim(),
    participants: participants.map((p) => {
      const region = p.region.trim();
      return region.length > 0 ? { name: p.name.trim(), email: p.email.trim(), region } : { name: p.name.trim(), email: p.email.trim() };
    }),
  };
}

/** How long typing must pause before the policy is asked about the call as typed. */
const CHECK_DELAY_MS = 250;

/**
 * What the policy already says about the call as typed: do-not-record titles, contacts and
 * domains, prohibited call types, approval-gated ones. Asked when a field changes (after a short
 * pause), never on a timer; participants count once their email looks complete.
 */
function useLiveBlocks(callTypeId: string, account: string, title: string, participants: readonly ParticipantDraft[]): readonly BlockReason[] {
  const [reasons, setReasons] = useState<readonly BlockReason[]>([]);
  const typed = request(callTypeId, account, title, participants.filter((p) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.email.trim()) && p.name.trim() !== ''));
  const key = useDebouncedValue(JSON.stringify(typed), CHECK_DELAY_MS);
  useEffect(() => {
    let live = true;
    void call('calls.check', JSON.parse(key) as MethodInput<'calls.check'>).then((answer) => {
      if (live) {
        setReasons(answer.ok ? answer.value : []);
      }
    });
    return () => {
      live = false;
    };
  }, [key]);
  return reasons;
}

/** Sets up a call: the policy decides here, before any device is opened, whether it may be recorded. */
export function NewRecordingForm({ callTypes, origin, onPrepared, onNeedsAcknowledgment, onCancel }: Props) {
  const [typeId, setTypeId] = useState('');
  const [account, setAccount] = useState('');
  const [title, setTitle] = useState('');
  const [participants, setParticipants] = useState<ParticipantDraft[]>(() => [emptyParticipant()]);
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<readonly BlockReason[]>([]);
  const [error, setError] = useState<string | null>(null);
  // For an approval-gated call type: the rep's approved request this call is set up under.
  const [approval, setApproval] = useState<CallApprovalItem | null>(null);

  // The form starts with the call type chosen in Settings, else the last one used.
  useEffect(() => {
    let live = true;
    void call('settings.get', {}).then((got) => {
      if (!live || !got.ok) {
        return;
      }
      const preferred = got.value.defaultCallType !== '' ? got.value.defaultCallType : got.value.recentCallType;
      if (callTypes.some((t) => t.id === preferred && t.rule !== 'prohibited')) {
        setTypeId((current) => (current === '' ? preferred : current));
      }
    });
    return () => {
      live = false;
    };
  }, [callTypes]);

  const callType = callTypes.find((t) => t.id === typeId);
  const checkedBlocks = useLiveBlocks(typeId, account, title, participants);
  // "Needs approval" is answered by the chooser below rather than shown as a dead end; the chosen
  // approval is checked for real (signature, roster, account, window, unused) by calls.prepare.
  const approvalBlock = checkedBlocks.find((b) => b.code === 'approval-required');
  const chosenApproval = approval !== null && approval.callType === typeId ? approval : null;
  const liveBlocks = checkedBlocks.filter((b) => b.code !== 'approval-required');
  const ready =
    callType !== undefined &&
    callType.rule !== 'prohibited' &&
    liveBlocks.length === 0 &&
    (approvalBlock === undefined || chosenApproval !== null) &&
    account.trim().length > 0 &&
    title.trim().length > 0 &&
    participants.length > 0 &&
    participants.every(participantComplete);
  const shownBlocks = blocked.length > 0 ? blocked : liveBlocks;

  const submit = async () => {
    if (!ready) {
      return;
    }
    setBusy(true);
    setError(null);
    setBlocked([]);
    const prepared = await call('calls.prepare', { ...request(callType.id, account, title, participants), ...(approvalBlock !== undefined && chosenApproval !== null ? { approvalId: chosenApproval.requestId } : {}) });
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
        {origin !== undefined && <PolicyOriginNote origin={origin} />}
        <TextField
          select
          label="Call type"
          value={typeId}
          onChange={(e) => { setTypeId(e.target.value); setBlocked([]); setApproval(null); }}
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
        <TextField label="Account" value={account} onChange={(e) => { setAccount(e.target.value); setApproval(null); }} disabled={busy} />
        {approvalBlock !== undefined && callType !== undefined && (
          <CallApprovalChooser
            callType={callType}
            account={account}
            requirement={approvalBlock.message}
            approvers={callType.approvers.map(roleLabel).join(' or ')}
            chosen={chosenApproval?.requestId ?? null}
            onChoose={(chosen) => {
              setApproval(chosen);
              setBlocked([]);
              if (chosen !== null && chosen.account !== null && account.trim() === '') {
                setAccount(chosen.account);
              }
            }}
            disabled={busy}
          />
        )}
        <TextField label="Meeting title" value={title} onChange={(e) => { setTitle(e.target.value); }} disabled={busy} />
        <ParticipantsEditor participants={participants} onChange={setParticipants} disabled={busy} />
        {shownBlocks.length > 0 && (
          <Alert severity="error" data-testid="prepare-blocked" role="alert">
            <AlertTitle>This call cannot be recorded</AlertTitle>
            <List dense disablePadding>
              {shownBlocks.map((reason) => (
                <ListItem key={`${reason.code}:${reason.rule}`} disableGutters>
                  <ListItemText primary={reason.message} />
                </ListItem>
              ))}
            </List>
            <Typography variant="body2" sx={{ mt: 1 }}>
              Nothing has been recorded. You can still take notes on the call yourself, or choose another call type if this
              one was picked by mistake.
            </Typography>
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
