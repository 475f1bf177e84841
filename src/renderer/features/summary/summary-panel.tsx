import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { SECTION_TITLES } from '../../../core/summary/summary';
import type { SummaryView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useEvent, useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatDateTime } from '../../components/format-time';
import { complete, decide, reviewInput, type Decisions } from './summary-decisions';
import { SummaryItemRow } from './summary-item-row';

type Props = { readonly recordingId: string; readonly onSeek: (ms: number) => void };

/**
 * The call's summary on the call page: draft it (from the redacted transcript), review it item by
 * item, and copy the reviewed one as a CRM note. A draft says everywhere that it is an AI draft
 * and not reviewed; a stale one says it summarises an older transcript version. With a summary
 * model installed, a model draft shows its progress (chunks done, from `summary.progress`) and a
 * Cancel button, which stops the worker; nothing is stored from a cancelled draft.
 */
export function SummaryPanel({ recordingId, onSeek }: Props) {
  const summary = useQuery('summary.get', { recordingId }, { invalidatedBy: ['transcripts.changed', 'library.changed'] });
  const [decisions, setDecisions] = useState<Decisions>(new Map());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<{ text: string; copied: boolean } | null>(null);
  const models = useQuery('summaryModels.list', {}, { invalidatedBy: ['summaryModels.progress'] });
  const modelInstalled = models.state.kind === 'loaded' && models.state.value.some((m) => m.status === 'installed');
  /** Set while a model draft of this call runs: how many chunks of how many are done. */
  const [drafting, setDrafting] = useState<{ chunk: number; chunks: number; fraction: number } | null>(null);
  const [cancelling, setCancelling] = useState(false);
  useEvent('summary.progress', (p) => {
    if (p.recordingId === recordingId && p.state === 'running') {
      setDrafting({ chunk: p.chunk, chunks: p.chunks, fraction: p.fraction });
    }
  });

  if (summary.state.kind === 'loading') {
    return <BusyNote text="Decrypting the summary…" />;
  }
  if (summary.state.kind === 'failed') {
    return summary.state.error.code === 'NOT_FOUND' ? (
      <Typography variant="body2" color="text.secondary">A summary can be drafted once the call is transcribed.</Typography>
    ) : (
      <Alert severity="error">{describeError(summary.state.error)}</Alert>
    );
  }
  const view = summary.state.value;
  const run = async (action: () => Promise<{ ok: true; value: SummaryView } | { ok: false; error: Parameters<typeof describeError>[0] }>) => {
    setBusy(true);
    setProblem(null);
    const got = await action();
    setBusy(false);
    if (got.ok) {
      summary.replace(got.value);
      setDecisions(new Map());
      setNote(null);
    } else {
      setProblem(describeError(got.error));
    }
  };
  const draft = () => run(() => call('summary.draft', { recordingId, drafter: 'extractive' }));
  const modelDraft = async () => {
    setDrafting({ chunk: 0, chunks: 0, fraction: 0 });
    setCancelling(false);
    await run(() => call('summary.draft', { recordingId, drafter: 'model' }));
    setDrafting(null);
    setCancelling(false);
  };
  const cancel = async () => {
    setCancelling(true);
    await call('summary.cancel', { recordingId });
  };
  const latest = view.latest;
  const reviewing = view.status === 'draft' && latest !== null;
  const itemIds = latest?.content.items.map((i) => i.id) ?? [];
  const copy = async () => {
    setProblem(null);
    const got = await call('summary.copyAsCrmNote', { recordingId });
    if (!got.ok) {
      setProblem(describeError(got.error));
      return;
    }
    let copied = true;
    try {
      await navigator.clipboard.writeText(got.value.text);
    } catch {
      copied = false;
    }
    setNote({ text: got.value.text, copied });
  };

  return (
    <Stack spacing={1.5} data-testid="summary-panel" data-status={view.status}>
      <StatusLine view={view} />
      {problem !== null && (
        <Alert severity="error" data-testid="summary-problem" onClose={() => { setProblem(null); }}>
          {problem}
        </Alert>
      )}
      {latest !== null && (
        <>
          <Typography variant="caption" color="text.secondary" data-testid="summary-drafter">
            {latest.content.drafter === 'extractive' ? 'Extractive draft: sentences of the call itself, picked by rules (no model).' : `Drafted on this computer by ${latest.content.model ?? 'a local model'}.`}
            {latest.dropped > 0 ? ` ${latest.dropped} item(s) were dropped because the call does not say them.` : ''}
          </Typography>
          {Object.entries(SECTION_TITLES).map(([section, title]) => {
            const items = latest.content.items.filter((i) => i.section === section);
            return items.length === 0 ? null : (
              <Stack key={section} spacing={0.25} data-testid={`summary-section-${section}`}>
                <Typography variant="subtitle2">{title}</Typography>
                <Stack component="ul" sx={{ m: 0, p: 0 }}>
                  {items.map((item) => (
                    <SummaryItemRow
                      key={item.id}
                      item={item}
                      segments={view.segments}
                      onSeek={onSeek}
                      review={reviewing ? { decision: decisions.get(item.id), onDecide: (d) => { setDecisions((current) => decide(current, item.id, d)); } } : undefined}
                    />
                  ))}
                </Stack>
              </Stack>
            );
          })}
          {latest.content.items.length === 0 && <Typography variant="body2" color="text.secondary">Nothing in the call matched: no items.</Typography>}
        </>
      )}
      <Stack direction="row" spacing={1}>
        {reviewing && (
          <Button variant="contained" data-testid="summary-save-review" disabled={busy || !complete(decisions, itemIds)} onClick={() => { void run(() => call('summary.review', reviewInput(recordingId, latest.version, decisions, itemIds))); }}>
            Save review
          </Button>
        )}
        {view.status === 'reviewed' && (
          <Button variant="contained" data-testid="summary-copy-crm" disabled={busy} onClick={() => { void copy(); }}>
            Copy as CRM note
          </Button>
        )}
        <Button variant={view.status === 'none' || view.status === 'stale' ? 'contained' : 'outlined'} data-testid="summary-draft" disabled={busy} onClick={() => { void draft(); }}>
          {view.status === 'none' ? 'Draft summary' : 'Draft again'}
        </Button>
        {modelInstalled && (
          <Button variant="outlined" data-testid="summary-draft-model" disabled={busy} onClick={() => { void modelDraft(); }}>
            Draft with the AI model
          </Button>
        )}
      </Stack>
      {drafting !== null && (
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }} data-testid="summary-progress" data-chunk={drafting.chunk} data-chunks={drafting.chunks}>
          <Box sx={{ flexGrow: 1 }}>
            <Typography variant="body2" color="text.secondary" id={`summary-progress-${recordingId}`}>
              {cancelling ? 'Stopping the draft…' : drafting.chunks === 0 ? 'Loading the summary model…' : `Drafting with the AI model: part ${String(drafting.chunk)} of ${String(drafting.chunks)} done`}
            </Typography>
            <LinearProgress
              variant={drafting.chunks === 0 ? 'indeterminate' : 'determinate'}
              value={Math.round(drafting.fraction * 100)}
              aria-labelledby={`summary-progress-${recordingId}`}
            />
          </Box>
          <Button data-testid="summary-cancel" disabled={cancelling} onClick={() => { void cancel(); }}>
            Cancel
          </Button>
        </Stack>
      )}
      {note !== null && (
        <Alert severity="success" data-testid="summary-copied">
          {note.copied ? 'Copied as a CRM note.' : 'The note is below; copy it from there (the clipboard was not available).'}
          <Typography component="pre" variant="body2" data-testid="summary-note" sx={{ whiteSpace: 'pre-wrap', m: 0, mt: 1 }}>
            {note.text}
          </Typography>
        </Alert>
      )}
    </Stack>
  );
}

function StatusLine({ view }: { view: SummaryView }) {
  const latest = view.latest;
  switch (view.status) {
    case 'none':
      return <Typography variant="body2" color="text.secondary" data-testid="summary-status">No summary has been drafted for this call.</Typography>;
    case 'draft':
      return <Alert severity="warning" data-testid="summary-status">AI draft. Not reviewed. Accept, edit or reject each item; nothing is used until you save the review.</Alert>;
    case 'reviewed':
      return <Alert severity="success" data-testid="summary-status">{`Reviewed by ${latest?.createdBy ?? ''} on ${formatDateTime(latest?.createdAt ?? '')}.`}</Alert>;
    case 'stale':
      return <Alert severity="warning" data-testid="summary-status">{`Stale: this summarises transcript version ${latest?.transcriptVersion ?? 0}, and version ${view.currentTranscriptVersion} is current. Draft it again.`}</Alert>;
    default:
      return null;
  }
}
