import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import { useState } from 'react';
import type { ExpiringView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';

/** One line per call: which of its artifacts go on which day, and the policy's reason. */
interface CallEntry {
  /** Null for a call without a recording: its details are erased, there is nothing to ask to keep. */
  recordingId: string | null;
  callId: string | null;
  title: string;
  on: string;
  artifacts: string[];
  why: string;
  request: ExpiringView['request'];
}

function byCall(items: readonly ExpiringView[]): CallEntry[] {
  const calls = new Map<string, CallEntry>();
  for (const item of items) {
    const key = item.recordingId ?? `call:${item.callId ?? ''}`;
    const entry = calls.get(key) ?? { recordingId: item.recordingId, callId: item.callId, title: item.title, on: item.on, artifacts: [], why: item.why, request: item.request };
    entry.artifacts.push(item.artifact);
    entry.on = entry.on < item.on ? entry.on : item.on;
    calls.set(key, entry);
  }
  return [...calls.values()];
}

/** A call that was never recorded (or whose recording is gone): what its erasure removes. */
function UnrecordedEntry({ entry }: { entry: CallEntry }) {
  return (
    <ListItem disableGutters data-testid={`expiring-call-${entry.callId ?? ''}`}>
      <ListItemText
        primary={`${entry.title || 'Untitled call'} (no recording): account, title, participants and consent names erased on ${entry.on}`}
        secondary={entry.why}
      />
    </ListItem>
  );
}

/** Where the rep's request to keep the call stands, in words. */
function requestText(request: ExpiringView['request']): string | null {
  switch (request?.state) {
    case undefined:
      return null;
    case 'not-sent':
      return 'Asked to keep: not sent to the team server yet (it goes at the next team sync).';
    case 'pending':
      return 'Asked to keep: waiting for a decision.';
    case 'granted':
      return 'Keep granted: the call is kept once the signed hold reaches this app (next team sync).';
    case 'declined':
      return `Keep declined${request.reason === null ? '' : `: ${request.reason}`}.`;
  }
}

/**
 * What retention destroys in the next 14 days, and why (#15 section 3), with a way to ask that a
 * call be kept for the training library; an entitled role grants it, the rep cannot. Calls without
 * a recording are listed too, on the day their details are erased (no hold can be asked for them).
 */
export function ExpiringSoon() {
  const upcoming = useQuery('retention.upcoming', { days: 14 }, { invalidatedBy: ['library.changed'] });
  const [asked, setAsked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  if (upcoming.state.kind !== 'loaded' || upcoming.state.value.length === 0) {
    return null;
  }
  const ask = async (recordingId: string) => {
    const result = await call('retention.requestExemption', { recordingId, exemptionId: 'training-library' });
    if (result.ok) {
      setAsked(new Set([...asked, recordingId]));
      upcoming.refresh();
    } else {
      setError(describeError(result.error));
    }
  };
  return (
    <Alert severity="info" data-testid="expiring-soon">
      <AlertTitle>Deleted in the next 14 days under the retention policy</AlertTitle>
      <List dense disablePadding>
        {byCall(upcoming.state.value).map((entry) => {
          const recordingId = entry.recordingId;
          if (recordingId === null) {
            return <UnrecordedEntry key={`call:${entry.callId ?? ''}`} entry={entry} />;
          }
          const status = requestText(entry.request);
          // A declined request may be asked again; one that is open or granted may not.
          const open = asked.has(recordingId) || (entry.request !== null && entry.request.state !== 'declined');
          return (
            <ListItem
              key={recordingId}
              disableGutters
              data-testid={`expiring-${recordingId}`}
              secondaryAction={
                <Button size="small" disabled={open} onClick={() => void ask(recordingId)}>
                  {open ? 'Asked to keep' : 'Ask to keep for training'}
                </Button>
              }
            >
              <ListItemText
                primary={`${entry.title || 'Untitled call'}: ${entry.artifacts.join(', ')} on ${entry.on}`}
                secondary={status === null ? entry.why : `${entry.why} ${status}`}
              />
            </ListItem>
          );
        })}
      </List>
      {error !== null && <Alert severity="error">{error}</Alert>}
    </Alert>
  );
}
