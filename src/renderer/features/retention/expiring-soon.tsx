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
function byCall(items: readonly ExpiringView[]): { recordingId: string; title: string; on: string; artifacts: string[]; why: string }[] {
  const calls = new Map<string, { recordingId: string; title: string; on: string; artifacts: string[]; why: string }>();
  for (const item of items) {
    const entry = calls.get(item.recordingId) ?? { recordingId: item.recordingId, title: item.title, on: item.on, artifacts: [], why: item.why };
    entry.artifacts.push(item.artifact);
    entry.on = entry.on < item.on ? entry.on : item.on;
    calls.set(item.recordingId, entry);
  }
  return [...calls.values()];
}

/**
 * What retention destroys in the next 14 days, and why (#15 section 3), with a way to ask that a
 * call be kept for the training library; an entitled role grants it, the rep cannot.
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
    } else {
      setError(describeError(result.error));
    }
  };
  return (
    <Alert severity="info" data-testid="expiring-soon">
      <AlertTitle>Deleted in the next 14 days under the retention policy</AlertTitle>
      <List dense disablePadding>
        {byCall(upcoming.state.value).map((entry) => (
          <ListItem
            key={entry.recordingId}
            disableGutters
            secondaryAction={
              <Button size="small" disabled={asked.has(entry.recordingId)} onClick={() => void ask(entry.recordingId)}>
                {asked.has(entry.recordingId) ? 'Asked to keep' : 'Ask to keep for training'}
              </Button>
            }
          >
            <ListItemText primary={`${entry.title || 'Untitled call'}: ${entry.artifacts.join(', ')} on ${entry.on}`} secondary={entry.why} />
          </ListItem>
        ))}
      </List>
      {error !== null && <Alert severity="error">{error}</Alert>}
    </Alert>
  );
}
