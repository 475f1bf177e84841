import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { MethodOutput, TeamMemberView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatDateTime } from '../../components/format-time';
import { MemberCheckboxes } from '../../components/member-checkboxes';

type Access = MethodOutput<'holds.teamAccess'>;

/**
 * Retention across the team (#15 sections 3 and 4), in Settings > Team: the team holds this
 * vault received (active, released or refused with the reason, who issued them, how many calls
 * they keep here) and a sync on demand (it also runs by itself); for HR and legal, enablement or
 * an admin (the policy's grantedBy) the form to issue a hold and the list of holds they issued,
 * with Release; for an admin, organisation-wide customer deletion requests: the identifiers are
 * typed into the form (they go in the request payload only, never a URL) and each member's
 * answer is shown with whether its signed certificate verifies.
 */
export function TeamRetentionPanel() {
  const access = useQuery('holds.teamAccess', {});
  const members = useQuery('team.members', {});
  const emailOf = (id: string) => (members.state.kind === 'loaded' ? (members.state.value.members.find((m) => m.memberId === id)?.email ?? id) : id);
  return (
    <>
      {access.state.kind === 'failed' && <Alert severity="error">{describeError(access.state.error)}</Alert>}
      <ReceivedHolds emailOf={emailOf} />
      {access.state.kind === 'loaded' && access.state.value.exemptions.some((e) => e.mayIssue) && (
        <IssueHolds access={access.state.value} reps={members.state.kind === 'loaded' ? members.state.value.members.filter((m) => m.role === 'rep') : []} onRefresh={members.refresh} />
      )}
      {access.state.kind === 'loaded' && access.state.value.exemptions.some((e) => e.mayIssue) && <ExemptionRequests emailOf={emailOf} onRefresh={members.refresh} />}
      {access.state.kind === 'loaded' && access.state.value.mayFileOrgRequest && <OrgDeletionRequests emailOf={emailOf} onRefresh={members.refresh} />}
    </>
  );
}

function ReceivedHolds({ emailOf }: { emailOf: (id: string) => string }) {
  const holds = useQuery('holds.team', {});
  const sync = useQuery('team.syncStatus', {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const syncNow = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    const outcome = await call('team.sync', {});
    setBusy(false);
    if (!outcome.ok) {
      setError(describeError(outcome.error));
    } else {
      const h = outcome.value.holds;
      const d = outcome.value.deletionRequests;
      setResult(
        `Synced: ${String(h.active)} active hold(s), ${String(h.refused.length)} refused; ${String(d.answered.length)} deletion request(s) answered, ${String(d.refused.length)} refused.`,
      );
    }
    holds.refresh();
    sync.refresh();
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="team-holds-title" data-testid="team-holds" sx={{ p: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography id="team-holds-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1 }}>
          Holds on your calls
        </Typography>
        <Button onClick={() => void syncNow()} disabled={busy} data-testid="team-sync">
          Sync now
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        Holds issued by HR and legal or enablement keep your calls whatever their age; CallVault checks each one&apos;s signature and the issuer&apos;s role on the
        organisation&apos;s signed roster before it obeys it.
        {sync.state.kind === 'loaded' && sync.state.value.lastRunAt !== null
          ? ` Last synced ${formatDateTime(sync.state.value.lastRunAt)}${sync.state.value.lastOk === false ? ' (it failed; it will try again)' : ''}.`
          : ' It syncs by itself while the vault is unlocked.'}
      </Typography>
      {busy && <BusyNote text="Syncing with the team server…" />}
      {error !== null && <Alert severity="error">{error}</Alert>}
      {result !== null && (
        <Alert severity="info" data-testid="team-sync-result">
          {result}
        </Alert>
      )}
      {holds.state.kind === 'failed' && <Alert severity="error">{describeError(holds.state.error)}</Alert>}
      {holds.state.kind === 'loaded' && holds.state.value.length === 0 && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          No team hold names you.
        </Typography>
      )}
      {holds.state.kind === 'loaded' && holds.state.value.length > 0 && (
        <Stack component="ul" spacing={1} sx={{ mt: 1, pl: 0, listStyle: 'none' }}>
          {holds.state.value.map((h) => (
            <Stack component="li" key={h.holdId} spacing={0.5} data-testid="team-hold" data-state={h.state}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Chip size="small" label={h.state} color={h.state === 'active' ? 'success' : h.state === 'refused' ? 'error' : 'default'} />
                <Typography variant="body2">
                  {h.exemptionId} · issued by {emailOf(h.issuerId)}
                  {h.issuerRole === null ? '' : ` (${h.issuerRole})`} · {h.recordingsHeld} call(s) held here
                  {h.from !== null || h.to !== null ? ` · recorded ${h.from ?? '…'} to ${h.to ?? '…'}` : ''}
                  {h.accounts > 0 ? ` · ${String(h.accounts)} account(s)` : ''}
                </Typography>
              </Stack>
              {h.reason !== null && (
                <Typography variant="body2" color="error">
                  Not obeyed: {h.reason}.
                </Typography>
              )}
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function IssueHolds({ access, reps, onRefresh }: { access: Access; reps: readonly TeamMemberView[]; onRefresh: () => void }) {
  const issuable = access.exemptions.filter((e) => e.mayIssue);
  const issued = useQuery('holds.issued', {});
  const [exemptionId, setExemptionId] = useState(issuable[0]?.id ?? '');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const issue = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await call('holds.issueTeam', {
      exemptionId,
      ...(chosen.size > 0 ? { members: [...chosen] } : {}),
      ...(from === '' ? {} : { from }),
      ...(to === '' ? {} : { to }),
    });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setNotice('The hold was issued and signed. Members\u2019 apps obey it at their next sync.');
    issued.refresh();
  };
  const release = async (holdId: string) => {
    setError(null);
    const result = await call('holds.releaseTeam', { holdId });
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setNotice('The hold was released. Normal retention resumes on members\u2019 apps at their next sync.');
    issued.refresh();
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="issue-holds-title" data-testid="issue-holds" sx={{ p: 2 }}>
      <Typography id="issue-holds-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        Issue a hold ({access.role})
      </Typography>
      <Stack spacing={1.5} sx={{ mt: 1 }}>
        <TextField select label="Exemption" value={exemptionId} onChange={(e) => { setExemptionId(e.target.value); }} sx={{ maxWidth: 360 }} slotProps={{ htmlInput: { 'data-testid': 'hold-exemption' } }}>
          {issuable.map((e) => (
            <MenuItem key={e.id} value={e.id}>
              {e.id}: {e.description}
            </MenuItem>
          ))}
        </TextField>
        <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
          <legend>
            <Typography variant="body2">
              Reps whose calls it keeps (none ticked: every rep){' '}
              <Button size="small" onClick={onRefresh}>
                Reload the roster
              </Button>
            </Typography>
          </legend>
          <MemberCheckboxes members={reps} chosen={chosen} onChange={setChosen} />
        </fieldset>
        <Stack direction="row" spacing={2}>
          <TextField type="date" label="Recorded from" value={from} onChange={(e) => { setFrom(e.target.value); }} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField type="date" label="Recorded until" value={to} onChange={(e) => { setTo(e.target.value); }} slotProps={{ inputLabel: { shrink: true } }} />
        </Stack>
        <Stack direction="row">
          <Button variant="contained" onClick={() => void issue()} disabled={busy || exemptionId === ''} data-testid="hold-issue">
            Issue hold
          </Button>
        </Stack>
        {busy && <BusyNote text="Signing the hold and sending it to the team server…" />}
        {error !== null && <Alert severity="error">{error}</Alert>}
        {notice !== null && (
          <Alert severity="success" data-testid="hold-notice">
            {notice}
          </Alert>
        )}
        <Typography variant="subtitle2" component="h3">
          Holds you issued
        </Typography>
        {issued.state.kind === 'failed' && <Alert severity="error">{describeError(issued.state.error)}</Alert>}
        {issued.state.kind === 'loaded' && issued.state.value.length === 0 && <Typography variant="body2">None yet.</Typography>}
        {issued.state.kind === 'loaded' && issued.state.value.length > 0 && (
          <Stack component="ul" spacing={1} sx={{ pl: 0, listStyle: 'none', m: 0 }}>
            {issued.state.value.map((h) => (
              <Stack component="li" key={h.holdId} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="issued-hold" data-state={h.releasedAt === null ? 'active' : 'released'}>
                <Chip size="small" label={h.releasedAt === null ? 'active' : 'released'} color={h.releasedAt === null ? 'success' : 'default'} />
                <Typography variant="body2" sx={{ flex: 1 }}>
                  {h.exemptionId} · issued {formatDateTime(h.createdAt)}
                  {h.releasedAt === null ? '' : ` · released ${formatDateTime(h.releasedAt)}`}
                </Typography>
                {h.releasedAt === null && (
                  <Button size="small" color="warning" onClick={() => void release(h.holdId)}>
                    Release
                  </Button>
                )}
              </Stack>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

type Field = 'emails' | 'names' | 'phones' | 'accounts';
const FIELDS: readonly { readonly key: Field; readonly label: string }[] = [
  { key: 'emails', label: 'Customer email' },
  { key: 'names', label: 'Customer name' },
  { key: 'phones', label: 'Customer phone' },
  { key: 'accounts', label: 'Customer account' },
];
const EMPTY: Record<Field, string> = { emails: '', names: '', phones: '', accounts: '' };

function OrgDeletionRequests({ emailOf, onRefresh }: { emailOf: (id: string) => string; onRefresh: () => void }) {
  const requests = useQuery('deletion.orgRequests', {});
  const [values, setValues] = useState<Record<Field, string>>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const empty = FIELDS.every(({ key }) => values[key].trim() === '');
  const file = async () => {
    setBusy(true);
    setError(null);
    const identifiers = Object.fromEntries(FIELDS.map(({ key }) => [key, values[key].trim() === '' ? [] : [values[key].trim()]]));
    const result = await call('deletion.fileOrgRequest', { identifiers });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setValues(EMPTY);
    requests.refresh();
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="org-deletion-title" data-testid="org-deletion" sx={{ p: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography id="org-deletion-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1 }}>
          Organisation-wide customer deletion requests
        </Typography>
        <Button onClick={() => { requests.refresh(); onRefresh(); }}>Check answers</Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        What you type is sealed to each member&apos;s key on this device; the team server cannot read it. Every member&apos;s app deletes what it finds (held calls
        excepted) at its next sync and returns a signed certificate.
      </Typography>
      <Stack
        component="form"
        spacing={1.5}
        sx={{ mt: 1 }}
        onSubmit={(e) => {
          e.preventDefault();
          void file();
        }}
      >
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} useFlexGap>
          {FIELDS.map(({ key, label }) => (
            <TextField
              key={key}
              label={label}
              value={values[key]}
              autoComplete="off"
              onChange={(e) => { setValues({ ...values, [key]: e.target.value }); }}
              slotProps={{ htmlInput: { 'data-testid': `org-deletion-${key}` } }}
            />
          ))}
        </Stack>
        <Stack direction="row">
          <Button type="submit" variant="contained" color="error" disabled={busy || empty} data-testid="org-deletion-file">
            File the request with every member
          </Button>
        </Stack>
      </Stack>
      {busy && <BusyNote text="Sealing the request to each member's key and filing it…" />}
      {error !== null && <Alert severity="error">{error}</Alert>}
      {requests.state.kind === 'failed' && <Alert severity="error">{describeError(requests.state.error)}</Alert>}
      {requests.state.kind === 'loaded' && (
        <Stack component="ul" spacing={1.5} sx={{ mt: 1.5, pl: 0, listStyle: 'none' }}>
          {requests.state.value.map((r) => (
            <li key={r.requestId} data-testid="org-request">
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                Filed {formatDateTime(r.createdAt)} · {r.done} done, {r.pending} pending
              </Typography>
              <Stack component="ul" spacing={0.5} sx={{ pl: 2, m: 0 }}>
                {r.members.map((m) => (
                  <li key={m.memberId} data-testid="org-request-member" data-status={m.status}>
                    <Typography variant="body2">
                      {emailOf(m.memberId)}: {m.status}
                      {m.status === 'done' && m.doneAt !== null ? ` ${formatDateTime(m.doneAt)}` : ''}
                      {m.destroyed === null ? '' : ` · ${String(m.destroyed)} destroyed, ${String(m.kept ?? 0)} kept under a hold`}
                      {m.certificateVerified === true ? ' · certificate verified' : ''}
                      {m.certificateVerified === false ? ` · certificate does not verify: ${m.reason ?? 'unknown reason'}` : ''}
                    </Typography>
                  </li>
                ))}
              </Stack>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/**
 * A granter's pending exemption requests (exempt15): which rep, which call (by id) and the day it
 * was recorded, which exemption. Grant signs a team hold for that rep and day (the rep's other
 * calls of that day are kept too); Decline asks for the reason the rep will read. Refresh reads the
 * team's members again too, so a rep who enrolled since is named by email, not by id.
 */
function ExemptionRequests({ emailOf, onRefresh }: { emailOf: (id: string) => string; onRefresh: () => void }) {
  const pending = useQuery('exemptions.pending', {});
  const [reasons, setReasons] = useState<Readonly<Record<string, string>>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const decide = async (requestId: string, decision: 'grant' | 'decline') => {
    setBusy(requestId);
    setError(null);
    setNotice(null);
    const reason = reasons[requestId]?.trim() ?? '';
    const result = await call('exemptions.decide', { requestId, decision, ...(decision === 'decline' ? { reason } : {}) });
    setBusy(null);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setNotice(
      decision === 'grant'
        ? 'Granted: a signed hold keeps the rep\u2019s calls of that day. The rep\u2019s app obeys it at its next sync.'
        : 'Declined. The rep sees your reason at the next sync.',
    );
    pending.refresh();
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="exemption-requests-title" data-testid="exemption-requests" sx={{ p: 2 }}>
      <Typography id="exemption-requests-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        Requests to keep a call
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Reps ask for an exemption you may grant. Granting signs a hold for that rep’s calls of the day the call was recorded.
      </Typography>
      <Stack spacing={1.5} sx={{ mt: 1 }}>
        <Stack direction="row">
          <Button
            size="small"
            onClick={() => {
              pending.refresh();
              onRefresh();
            }}
          >
            Refresh
          </Button>
        </Stack>
        {pending.state.kind === 'failed' && <Alert severity="error">{describeError(pending.state.error)}</Alert>}
        {pending.state.kind === 'loaded' && pending.state.value.length === 0 && <Typography variant="body2">No request waits for you.</Typography>}
        {pending.state.kind === 'loaded' && pending.state.value.length > 0 && (
          <Stack component="ul" spacing={1} sx={{ pl: 0, listStyle: 'none', m: 0 }}>
            {pending.state.value.map((r) => (
              <Stack component="li" key={r.requestId} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="exemption-request" data-request-id={r.requestId}>
                <Typography variant="body2" sx={{ flex: 1 }}>
                  {emailOf(r.memberId)} · {r.exemptionId} · call recorded {r.recordedOn} · asked {formatDateTime(r.createdAt)}
                </Typography>
                <TextField
                  size="small"
                  label="Reason to decline"
                  value={reasons[r.requestId] ?? ''}
                  onChange={(e) => {
                    setReasons({ ...reasons, [r.requestId]: e.target.value });
                  }}
                  slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'exemption-reason' } }}
                />
                <Button size="small" variant="contained" disabled={busy !== null} onClick={() => void decide(r.requestId, 'grant')} data-testid="exemption-grant">
                  Grant
                </Button>
                <Button size="small" color="warning" disabled={busy !== null || (reasons[r.requestId]?.trim() ?? '') === ''} onClick={() => void decide(r.requestId, 'decline')} data-testid="exemption-decline">
                  Decline
                </Button>
              </Stack>
            ))}
          </Stack>
        )}
        {busy !== null && <BusyNote text="Signing the hold and recording the decision on the team server…" />}
        {error !== null && <Alert severity="error">{error}</Alert>}
        {notice !== null && (
          <Alert severity="success" data-testid="exemption-notice">
            {notice}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
