import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { RedactedTextView, RedactionReviewView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { BusyNote } from '../../components/busy-note';
import { formatDateTime } from '../../components/format-time';
import { FindingList } from './finding-list';
import { addSpan, counts, dismiss, draftFrom, isDirty, restore, reviewStatusText, saveInput, type Change, type Draft } from './review-draft';
import { ReviewTranscript } from './review-transcript';

type Props = { recordingId: string };

type Loaded = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'loaded'; view: RedactionReviewView };

type Copy = { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; message: string } | { kind: 'done'; result: RedactedTextView; copied: boolean };


/**
 * The rep's redaction review of the latest transcript version: the findings and topic flags,
 * keep (with a reason) or redact each, add what was missed, save the review, and only then copy
 * the redacted text out. Nothing unredacted is ever offered for copying.
 */
export function RedactionReviewPanel({ recordingId }: Props) {
  const [state, setState] = useState<Loaded>({ kind: 'loading' });
  const [draft, setDraft] = useState<Draft>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [copy, setCopy] = useState<Copy>({ kind: 'idle' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void call('redaction.review', { recordingId }).then((got) => {
      if (!live) {
        return;
      }
      if (got.ok) {
        setState({ kind: 'loaded', view: got.value });
        setDraft(draftFrom(got.value));
      } else {
        setState({ kind: 'failed', message: describeError(got.error) });
      }
    });
    return () => {
      live = false;
    };
  }, [recordingId, attempt]);

  if (state.kind === 'loading') {
    return <BusyNote text="Finding sensitive data in the transcript…" />;
  }
  if (state.kind === 'failed') {
    return (
      <Alert severity="error" action={<Button color="inherit" size="small" onClick={() => { setState({ kind: 'loading' }); setAttempt((n) => n + 1); }}>Try again</Button>}>
        {state.message}
      </Alert>
    );
  }
  const { view } = state;
  const dirty = isDirty(view, draft);
  const { redacted, kept } = counts(draft);
  const apply = (change: Change) => {
    if (change.ok) {
      setDraft(change.draft);
      setProblem(null);
      setCopy({ kind: 'idle' });
    } else {
      setProblem(change.message);
    }
  };
  const canCopy = !dirty && view.saved?.upToDate === true && view.shareBlocked === null;

  const save = async () => {
    setSaving(true);
    setProblem(null);
    const got = await call('redaction.saveReview', saveInput(view, draft));
    setSaving(false);
    if (got.ok) {
      setState({ kind: 'loaded', view: got.value });
      setDraft(draftFrom(got.value));
      setCopy({ kind: 'idle' });
    } else {
      setProblem(describeError(got.error));
    }
  };

  const copyOut = async () => {
    setCopy({ kind: 'busy' });
    const got = await call('export.redactedText', { recordingId });
    if (!got.ok) {
      setCopy({ kind: 'failed', message: describeError(got.error) });
      return;
    }
    let copied = true;
    try {
      await navigator.clipboard.writeText(got.value.text);
    } catch {
      copied = false;
    }
    setCopy({ kind: 'done', result: got.value, copied });
  };

  return (
    <Stack spacing={2} data-testid="redaction-review">
      <Alert severity={view.saved?.upToDate === true && !dirty ? 'success' : 'info'} data-testid="review-status">
        {dirty ? 'You have changes that are not saved. Save the review to apply them.' : reviewStatusText(view.saved, formatDateTime)}
      </Alert>
      {view.shareBlocked !== null && (
        <Alert severity="warning" data-testid="share-blocked">
          {view.shareBlocked}
        </Alert>
      )}
      {problem !== null && (
        <Alert severity="error" data-testid="review-problem" onClose={() => { setProblem(null); }}>
          {problem}
        </Alert>
      )}
      <Typography variant="subtitle2" data-testid="review-counts">
        {`Version ${view.version}: ${redacted} to redact, ${kept} kept`}
      </Typography>
      <FindingList
        text={view.text}
        draft={draft}
        onDismiss={(id, reason) => { apply(dismiss(draft, id, reason)); }}
        onRestore={(id) => { apply({ ok: true, draft: restore(draft, id) }); }}
      />
      <Divider />
      <ReviewTranscript view={view} draft={draft} onAdd={(selection, type) => { apply(addSpan(draft, view, selection, type)); }} />
      {/* The footer stays in view however long the transcript is (sticky to the scrolling dialog or page). */}
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        data-testid="review-footer"
        sx={{ flexWrap: 'wrap', alignItems: 'center', position: 'sticky', bottom: 0, zIndex: 1, bgcolor: 'background.paper', borderTop: 1, borderColor: 'divider', py: 1.5 }}
      >
        <Button variant="contained" disabled={saving || (!dirty && view.saved?.upToDate === true)} onClick={() => { void save(); }} data-testid="save-review">
          {saving ? 'Saving…' : 'Save review'}
        </Button>
        <Button variant="outlined" disabled={!canCopy || copy.kind === 'busy'} onClick={() => { void copyOut(); }} data-testid="copy-redacted">
          Copy redacted transcript
        </Button>
        <Typography variant="body2" color="text.secondary" aria-live="polite">
          {`${String(redacted)} to redact, ${String(kept)} kept${dirty ? ' · not saved yet' : ''}`}
        </Typography>
      </Stack>
      {copy.kind === 'failed' && (
        <Alert severity="error" data-testid="copy-problem">
          {copy.message}
        </Alert>
      )}
      {copy.kind === 'done' && (
        <Stack spacing={1}>
          <Alert severity="success">
            {`${copy.copied ? 'Copied' : 'Ready to copy (select the text below)'}: version ${copy.result.version}, ${copy.result.redactedFindings} finding(s) and ${copy.result.redactedSegments} turn(s) redacted.`}
          </Alert>
          <TextField
            label="Redacted transcript"
            value={copy.result.text}
            multiline
            minRows={3}
            maxRows={12}
            fullWidth
            slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'redacted-text' } }}
          />
        </Stack>
      )}
    </Stack>
  );
}
