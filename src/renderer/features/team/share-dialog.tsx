import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { SharePreviewView } from '../../../shared/contract';
import { MAX_SHARE_CLIP_MS } from '../../../shared/contract/team';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatClock, formatDateTime } from '../../components/format-time';
import { MemberCheckboxes } from '../../components/member-checkboxes';

type Props = { recordingId: string; title: string; durationMs: number; onClose: (text: string | null) => void };

/** "m:ss" or seconds to milliseconds; NaN when it is neither. */
function parseTime(text: string): number {
  const parts = text.trim().split(':').map(Number);
  if (parts.length === 0 || parts.length > 2 || parts.some((p) => !Number.isFinite(p) || p < 0)) {
    return Number.NaN;
  }
  return Math.round(parts.reduce((total, n) => total * 60 + n, 0) * 1000);
}

/**
 * Sharing a clip from a call's page. The rep picks the range, the purpose and the recipients the
 * policy allows, sees exactly what will be sent (the redacted text, from the same gate the share
 * goes through) and confirms it explicitly; an unreviewed transcript is refused before that.
 */
export function ShareDialog({ recordingId, title, durationMs, onClose }: Props) {
  const [from, setFrom] = useState('0:00');
  const [to, setTo] = useState(formatClock(Math.min(durationMs, 60_000)));
  const [purpose, setPurpose] = useState('coaching');
  // Sharing with HR and legal: the approved performance-use request the share is made under.
  const [requestId, setRequestId] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [preview, setPreview] = useState<SharePreviewView | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const approvedRequests = useQuery('share.performanceRequests', { recordingId });
  const members = useQuery('team.members', requestId === '' ? { purpose } : { purpose, performanceRequestId: requestId });
  const approved = approvedRequests.state.kind === 'loaded' ? approvedRequests.state.value : [];
  const fromMs = parseTime(from);
  const toMs = parseTime(to);
  const rangeOk = Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs > fromMs && toMs - fromMs <= MAX_SHARE_CLIP_MS && toMs <= durationMs + 1000;
  const stale = preview !== null && (preview.fromMs !== fromMs || preview.toMs !== toMs);

  const showPreview = async () => {
    setBusy(true);
    setError(null);
    setChecked(false);
    const result = await call('share.preview', { recordingId, fromMs, toMs });
    setBusy(false);
    if (result.ok) {
      setPreview(result.value);
    } else {
      setPreview(null);
      setError(describeError(result.error));
    }
  };

  const share = async () => {
    setBusy(true);
    setError(null);
    const result = await call('share.create', { recordingId, fromMs, toMs, recipients: [...chosen], purpose, confirm: true, ...(requestId === '' ? {} : { performanceRequestId: requestId }) });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    onClose(result.value.state === 'sent' ? 'The clip was shared.' : result.value.state === 'pending' ? 'The team server cannot be reached: the clip waits in the outbox and goes when it is back.' : `The team server refused the clip: ${result.value.lastError ?? ''}`);
  };

  return (
    <Dialog open onClose={() => { onClose(null); }} aria-labelledby="share-dialog-title" fullWidth maxWidth="md" scroll="paper" data-testid="share-dialog">
      <DialogTitle id="share-dialog-title">{`Share a clip: ${title}`}</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2}>
            <TextField label="From (m:ss)" value={from} onChange={(e) => { setFrom(e.target.value); }} error={!Number.isFinite(fromMs)} slotProps={{ htmlInput: { 'data-testid': 'share-from' } }} />
            <TextField label="To (m:ss)" value={to} onChange={(e) => { setTo(e.target.value); }} error={!rangeOk} helperText={rangeOk ? ' ' : 'A clip runs forwards, within the call, for at most ten minutes.'} slotProps={{ htmlInput: { 'data-testid': 'share-to' } }} />
            <TextField select label="Purpose" value={purpose} disabled={requestId !== ''} onChange={(e) => { setPurpose(e.target.value); setChosen(new Set()); }} sx={{ minWidth: 200 }}>
              {(requestId !== '' ? [purpose] : members.state.kind === 'loaded' ? members.state.value.purposes : ['coaching']).map((p) => (
                <MenuItem key={p} value={p}>
                  {p}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          {approved.length > 0 ? (
            <TextField
              select
              label="Approved performance-use request (to share with HR and legal)"
              value={requestId}
              onChange={(e) => {
                const picked = approved.find((r) => r.requestId === e.target.value);
                setRequestId(picked?.requestId ?? '');
                setPurpose(picked?.use ?? 'coaching');
                setChosen(new Set());
              }}
              helperText="HR and legal receive a clip only under a performance-use request they approved about this call."
              slotProps={{ htmlInput: { 'data-testid': 'share-request' } }}
            >
              <MenuItem value="">None: share for coaching or another permitted use</MenuItem>
              {approved.map((r) => (
                <MenuItem key={r.requestId} value={r.requestId} data-testid="share-request-option">
                  {`${r.use}, asked by ${r.requesterEmail ?? 'a manager'}, approved ${r.decidedAt === null ? '' : formatDateTime(r.decidedAt)}${r.decidedByEmail === null ? '' : ` by ${r.decidedByEmail}`}`}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            approvedRequests.state.kind === 'loaded' && (
              <Typography variant="body2" color="text.secondary" data-testid="share-no-request">
                HR and legal receive a clip only under an approved performance-use request about this call; there is none, so they are not offered.
              </Typography>
            )
          )}
          <Typography variant="subtitle2" component="h3">
            Recipients
          </Typography>
          {members.state.kind === 'loading' && <BusyNote text="Asking the team server who may receive it…" />}
          {members.state.kind === 'failed' && <Alert severity="error">{describeError(members.state.error)}</Alert>}
          {members.state.kind === 'loaded' && (
            <Stack data-testid="share-recipients">
              <MemberCheckboxes
                members={members.state.value.members}
                chosen={chosen}
                onChange={setChosen}
                isDisabled={(m) => !m.allowed}
                labelOf={(m) => `${m.email} (${m.role}${m.team === null ? '' : `, ${m.team}`})${m.reason === null ? '' : `: ${m.reason}`}`}
              />
            </Stack>
          )}
          <Stack direction="row">
            <Button variant="outlined" disabled={!rangeOk || busy} onClick={() => void showPreview()} data-testid="share-preview">
              Show what will be sent
            </Button>
          </Stack>
          {preview !== null && !stale && (
            <Stack spacing={1} data-testid="share-preview-text">
              <Typography variant="body2" color="text.secondary">
                Reviewed {preview.reviewedAt} by {preview.reviewedBy}: {preview.redactedFindings} finding(s) redacted, {preview.mutedSeconds.toFixed(1)} s of audio muted. Only this text and
                the redacted audio are sent, encrypted for the recipients.
              </Typography>
              <Typography variant="body2" component="pre" sx={{ whiteSpace: 'pre-wrap', bgcolor: 'action.hover', p: 1.5, borderRadius: 1, maxHeight: 280, overflow: 'auto' }}>
                {preview.text}
              </Typography>
              <FormControlLabel
                control={<Checkbox checked={checked} onChange={(e) => { setChecked(e.target.checked); }} slotProps={{ input: { 'aria-label': 'I checked what will be sent' } }} />}
                label="I checked what will be sent and want to share it"
              />
            </Stack>
          )}
          {error !== null && (
            <Alert severity="error" data-testid="share-error">
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => { onClose(null); }}>Cancel</Button>
        <Button variant="contained" disabled={busy || preview === null || stale || !checked || chosen.size === 0} onClick={() => void share()} data-testid="share-confirm">
          Share
        </Button>
      </DialogActions>
    </Dialog>
  );
}
