import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ROLE_IDS, roleLabel, type RoleId } from '../policy/policy-words';

export type ApprovalDraft = { approvedBy: string; approverRole: RoleId | ''; reason: string };

export const emptyApproval: ApprovalDraft = { approvedBy: '', approverRole: '', reason: '' };

export function approvalComplete(a: ApprovalDraft): boolean {
  return a.approvedBy.trim().length > 0 && a.approverRole !== '' && a.reason.trim().length > 0;
}

type Props = { approval: ApprovalDraft; onChange: (next: ApprovalDraft) => void; disabled: boolean };

/** For call types the policy records only with approval: who approved, in which role, and why. */
export function ApprovalFields({ approval, onChange, disabled }: Props) {
  return (
    <Stack spacing={1.5} component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0 }}>
      <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, px: 0.5 }}>
        Approval
      </Typography>
      <Typography variant="body2" color="text.secondary">
        This call type is recorded only with an approver’s decision. It is stored with the call and in the audit log.
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
        <TextField label="Approved by" value={approval.approvedBy} onChange={(e) => { onChange({ ...approval, approvedBy: e.target.value }); }} disabled={disabled} size="small" sx={{ flex: 1 }} />
        <TextField
          select
          label="Approver role"
          value={approval.approverRole}
          onChange={(e) => { onChange({ ...approval, approverRole: e.target.value as RoleId }); }}
          disabled={disabled}
          size="small"
          sx={{ flex: 1 }}
        >
          {ROLE_IDS.map((role) => (
            <MenuItem key={role} value={role}>
              {roleLabel(role)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <TextField label="Reason for approval" value={approval.reason} onChange={(e) => { onChange({ ...approval, reason: e.target.value }); }} disabled={disabled} size="small" multiline minRows={2} />
    </Stack>
  );
}
