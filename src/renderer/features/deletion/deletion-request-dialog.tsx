import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import type { DeletionReportView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';

type Field = 'emails' | 'names' | 'phones' | 'accounts';
const FIELDS: readonly { readonly key: Field; readonly label: string }[] = [
  { key: 'emails', label: 'Email' },
  { key: 'names', label: 'Name' },
  { key: 'phones', label: 'Phone' },
  { key: 'accounts', label: 'Account' },
];

type Step = { kind: 'enter' } | { kind: 'busy'; what: string } | { kind: 'found'; report: DeletionReportView } | { kind: 'done'; report: DeletionReportView };

/** A download link for bytes made in the page (a blob: URL, revoked when the link goes). */
function SaveLink({ bytes, type, name, label }: { bytes: Uint8Array; type: string; name: string; label: string }) {
  const href = useMemo(() => URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type })), [bytes, type]);
  useEffect(
    () => () => {
      URL.revokeObjectURL(href);
    },
    [href],
  );
  return (
    <Button variant="outlined" component="a" href={href} download={name}>
      {label}
    </Button>
  );
}

/**
 * A customer's deletion request (#15 section 4): the rep or admin enters what identifies the
 * customer, sees what was found (a dry run: per call, where, and what a hold keeps, naming the
 * hold; calls without a recording listed apart, erased whole), confirms, and gets the signed
 * certificate to save as JSON or PDF. The identifiers go to the handler in the payload only;
 * nothing here logs or stores them.
 */
export function DeletionRequestDialog() {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<Field, string>>({ emails: '', names: '', phones: '', accounts: '' });
  const [step, setStep] = useState<Step>({ kind: 'enter' });
  const [error, setError] = useState<string | null>(null);
  const identifiers = Object.fromEntries(FIELDS.map(({ key }) => [key, values[key].trim() === '' ? [] : [values[key].trim()]])) as Record<Field, string[]>;
  const empty = FIELDS.every(({ key }) => values[key].trim() === '');

  const close = () => {
    setOpen(false);
    setStep({ kind: 'enter' });
    setValues({ emails: '', names: '', phones: '', accounts: '' });
    setError(null);
  };
  const run = async (dryRun: boolean) => {
    setError(null);
    setStep({ kind: 'busy', what: dryRun ? 'Searching every call, transcript, note, tag and shared clip…' : 'Revoking shared clips and destroying what was found…' });
    const result = await call('deletion.request', { identifiers, dryRun });
    if (!result.ok) {
      setError(describeError(result.error));
      setStep({ kind: 'enter' });
      return;
    }
    setStep(dryRun ? { kind: 'found', report: result.value } : { kind: 'done', report: result.value });
  };

  const report = step.kind === 'found' || step.kind === 'done' ? step.report : null;
  return (
    <>
      <Button variant="outlined" color="warning" onClick={() => { setOpen(true); }}>
        Customer deletion request
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="md" aria-labelledby="deletion-request-title">
        <DialogTitle id="deletion-request-title">Customer deletion request</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography variant="body2">
              Enter what identifies the customer. CallVault first shows what it found; nothing is destroyed until you confirm.
            </Typography>
            {FIELDS.map(({ key, label }) => (
              <TextField
                key={key}
                label={label}
                value={values[key]}
                disabled={step.kind !== 'enter'}
                onChange={(e) => { setValues({ ...values, [key]: e.target.value }); }}
                size="small"
                autoComplete="off"
              />
            ))}
            {step.kind === 'busy' && (
              <Stack spacing={1} role="status">
                <Typography variant="body2">{step.what}</Typography>
                <LinearProgress aria-label={step.what} />
              </Stack>
            )}
            {error !== null && <Alert severity="error">{error}</Alert>}
            {report !== null && <Findings report={report} done={step.kind === 'done'} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{step.kind === 'done' ? 'Close' : 'Cancel'}</Button>
          {step.kind === 'enter' && (
            <Button variant="contained" disabled={empty} onClick={() => void run(true)}>
              Find
            </Button>
          )}
          {step.kind === 'found' && (
            <>
              <Button onClick={() => { setStep({ kind: 'enter' }); }}>Change</Button>
              <Button
                variant="contained"
                color="error"
                disabled={step.report.destroy.length === 0 && step.report.revoke.length === 0 && step.report.eraseCalls.length === 0}
                onClick={() => void run(false)}
              >
                Delete what was found
              </Button>
            </>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}

/** What a dry run found (or a run did) in calls with a recording, and in calls without one. */
function summary(report: DeletionReportView, done: boolean): string {
  if (report.found.length === 0 && report.callsFound.length === 0) {
    return 'Nothing in this vault mentions this customer.';
  }
  const parts: string[] = [];
  if (report.found.length > 0) {
    parts.push(
      done
        ? `Done: ${String(report.destroy.length)} call(s) destroyed, ${String(report.revoke.length)} shared clip(s) revoked or queued, ${String(report.kept.length)} kept under a hold.`
        : `Found in ${String(report.found.length)} call(s): ${String(report.destroy.length)} to destroy, ${String(report.revoke.length)} shared clip(s) to revoke, ${String(report.kept.length)} kept under a hold.`,
    );
  }
  if (report.callsFound.length > 0) {
    parts.push(
      done
        ? `${String(report.eraseCalls.length)} call(s) without a recording erased, ${String(report.keptCalls.length)} kept under a hold.`
        : `Found in ${String(report.callsFound.length)} call(s) without a recording: ${String(report.eraseCalls.length)} to erase, ${String(report.keptCalls.length)} kept under a hold.`,
    );
  }
  return parts.join(' ');
}

type Where = DeletionReportView['found'][number]['where'];
const whereText = (where: Where) => where.map((w) => `${w.where} (${w.detail}) matches ${w.identifiers.join(', ')}`).join('; ');
const heldText = (holds: readonly { id: string; exemptionId: string }[]) => `Kept: held by ${holds.map((h) => `${h.exemptionId} hold ${h.id}`).join(', ')}`;

function Findings({ report, done }: { report: DeletionReportView; done: boolean }) {
  const certificate = useMemo(() => (report.certificate === null ? null : new TextEncoder().encode(JSON.stringify(report.certificate, null, 2))), [report.certificate]);
  const nothing = report.found.length === 0 && report.callsFound.length === 0;
  return (
    <Stack spacing={1} data-testid="deletion-findings">
      <Alert severity={nothing ? 'info' : done ? 'success' : 'warning'}>{summary(report, done)}</Alert>
      {report.found.length > 0 && (
        <List dense aria-label="Calls found">
          {report.found.map((f) => {
            const kept = report.kept.find((k) => k.recordingId === f.recordingId);
            const goes = report.destroy.find((d) => d.recordingId === f.recordingId);
            return (
              <ListItem key={f.recordingId} disableGutters>
                <ListItemText
                  primary={`Call ${f.recordingId.slice(0, 8)}: ${whereText(f.where)}`}
                  secondary={
                    kept !== undefined
                      ? heldText(kept.holds)
                      : goes !== undefined
                        ? `${done ? 'Destroyed' : 'Will be destroyed'}: ${goes.whole ? 'the whole call' : goes.artifacts.join(', ')}`
                        : ''
                  }
                />
              </ListItem>
            );
          })}
        </List>
      )}
      {report.callsFound.length > 0 && (
        <List dense aria-label="Calls without a recording found" data-testid="deletion-unrecorded-calls">
          {report.callsFound.map((f) => {
            const kept = report.keptCalls.find((k) => k.callId === f.callId);
            return (
              <ListItem key={f.callId} disableGutters>
                <ListItemText
                  primary={`Call ${f.callId.slice(0, 8)} (no recording): ${whereText(f.where)}`}
                  secondary={
                    kept !== undefined
                      ? heldText(kept.holds)
                      : report.eraseCalls.includes(f.callId)
                        ? `${done ? 'Erased' : 'Will be erased'}: account, title, participants, consent names and notes`
                        : ''
                  }
                />
              </ListItem>
            );
          })}
        </List>
      )}
      {done && certificate !== null && (
        <Stack direction="row" spacing={1}>
          <SaveLink bytes={certificate} type="application/json" name={`deletion-certificate-${report.requestId}.json`} label="Save certificate (JSON)" />
          {report.pdf !== null && <SaveLink bytes={report.pdf} type="application/pdf" name={`deletion-certificate-${report.requestId}.pdf`} label="Save certificate (PDF)" />}
        </Stack>
      )}
    </Stack>
  );
}
