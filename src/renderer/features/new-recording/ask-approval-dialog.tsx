import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CallApprovalItem } from '../../../shared/contract';
import { APPROVAL_DEFAULT_DAYS, addDays, approvalWindow, dayText } from '../../../shared/team/call-approval-terms';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { FormDialog } from '../../components/form-dialog';

type Props = {
  callType: { readonly id: string; readonly label: string };
  /** The account typed on the form, as the dialog starts. */
  account: string;
  /** Who may approve, in words ("HR and legal or Sales leadership"). */
  approvers: string;
  onAsked: (item: CallApprovalItem) => void;
  onClose: () => void;
};

/**
 * Asks the approvers the organisation's policy names for approval to record one call: the
 * account and reason are sealed to them and to this rep (the server learns the call type and the
 * days only). The window is whole days, today and the next 7 unless changed, at most 14.
 */
export function AskApprovalDialog({ callType, account: typedAccount, approvers, onAsked, onClose }: Props) {
  const [account, setAccount] = useState(typedAccount.trim());
  const [reason, setReason] = useState('');
  // The days are checked against the clock as the dialog opened (a window that is over, too long or too far ahead).
  const [opened] = useState(() => new Date());
  const [firstDay, setFirstDay] = useState(() => dayText(opened));
  const [lastDay, setLastDay] = useState(() => dayText(addDays(opened, APPROVAL_DEFAULT_DAYS)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const span = approvalWindow(firstDay, lastDay, opened);
  const canSubmit = account.trim() !== '' && reason.trim() !== '' && span.ok;

  const submit = async () => {
    if (!span.ok) {
      return;
    }
    setBusy(true);
    setError(null);
    const asked = await call('approval.request', { callType: callType.id, account: account.trim(), reason: reason.trim(), validFrom: span.validFrom, validUntil: span.validUntil });
    setBusy(false);
    if (asked.ok) {
      onAsked(asked.value);
    } else {
      setError(`${describeError(asked.error)} Nothing was sent.`);
    }
  };

  return (
    <FormDialog titleId="ask-approval-title" title={`Ask for approval: ${callType.label}`} maxWidth="sm" busy={busy} canSubmit={canSubmit} submitLabel="Ask for approval" onSubmit={() => void submit()} onClose={onClose}>
      <Stack spacing={2} sx={{ pt: 1 }}>
        <Typography variant="body2">
          {`Your request goes to ${approvers} through your team server. Only they and you can read the account and the reason: the server sees the call type and the days.`}
        </Typography>
        <TextField label="Account" value={account} onChange={(e) => { setAccount(e.target.value); }} disabled={busy} required slotProps={{ htmlInput: { maxLength: 200 } }} />
        <TextField
          label="Reason"
          value={reason}
          onChange={(e) => { setReason(e.target.value); }}
          disabled={busy}
          required
          multiline
          minRows={2}
          helperText="Why this call should be recorded, for the approver."
          slotProps={{ htmlInput: { maxLength: 500 } }}
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField label="First day" type="date" value={firstDay} onChange={(e) => { setFirstDay(e.target.value); }} disabled={busy} slotProps={{ inputLabel: { shrink: true } }} sx={{ flex: 1 }} />
          <TextField
            label="Last day"
            type="date"
            value={lastDay}
            onChange={(e) => { setLastDay(e.target.value); }}
            disabled={busy}
            error={!span.ok}
            helperText={span.ok ? 'The approval can be used from the start of the first day to the end of the last (at most 14 days).' : span.message}
            slotProps={{ inputLabel: { shrink: true } }}
            sx={{ flex: 1 }}
          />
        </Stack>
        {error !== null && (
          <Alert severity="error" data-testid="ask-approval-error">
            {error}
          </Alert>
        )}
      </Stack>
    </FormDialog>
  );
}
