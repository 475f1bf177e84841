import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { MIN_REASON, type Draft, type DraftFinding } from './review-draft';

type Props = {
  text: string;
  draft: Draft;
  onDismiss: (id: string, reason: string) => void;
  onRestore: (id: string) => void;
};

/** What the detector that flagged a span checked, said once the rep asks why (the rule id is for support). */
function whyText(finding: DraftFinding): string {
  return `Flagged as ${finding.type.toLowerCase().replace(/_/g, ' ')} by the detector rule “${finding.rule}”, ${String(Math.round(finding.confidence * 100))}% sure. Keep it only if it is not sensitive, and say why.`;
}

/** Every finding with what happens to it: redact (the default) or keep, with the rep's reason. */
export function FindingList({ text, draft, onDismiss, onRestore }: Props) {
  const [keeping, setKeeping] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [explained, setExplained] = useState<string | null>(null);

  if (draft.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        The detectors found nothing sensitive. Read the transcript and redact anything they missed.
      </Typography>
    );
  }
  return (
    <Box component="ul" aria-label="Findings" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {draft.map((finding) => {
        const kept = finding.dismissed !== null;
        return (
          <Box component="li" key={finding.id} data-testid="finding" data-finding={finding.id} data-state={kept ? 'kept' : 'redact'} sx={{ py: 0.75, borderBottom: 1, borderColor: 'divider' }}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Chip size="small" label={finding.type} color={kept ? 'default' : 'error'} variant={kept ? 'outlined' : 'filled'} />
              <Typography variant="body2" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere', ...(kept && { textDecoration: 'line-through' }) }}>
                {text.slice(finding.start, finding.end)}
              </Typography>
              {finding.origin === 'rep' ? (
                <Typography variant="caption" color="text.secondary">
                  added by you
                </Typography>
              ) : (
                <Button
                  size="small"
                  aria-expanded={explained === finding.id}
                  aria-controls={`why-${finding.id}`}
                  aria-label={`Why was “${text.slice(finding.start, finding.end)}” flagged?`}
                  onClick={() => { setExplained((open) => (open === finding.id ? null : finding.id)); }}
                  data-testid="finding-why"
                >
                  Why?
                </Button>
              )}
              <Box sx={{ ml: 'auto' }}>
                {kept ? (
                  <Button size="small" onClick={() => { onRestore(finding.id); }}>
                    Redact again
                  </Button>
                ) : finding.origin === 'rep' ? (
                  <Button size="small" onClick={() => { onRestore(finding.id); }}>
                    Remove
                  </Button>
                ) : (
                  keeping !== finding.id && (
                    <Button size="small" onClick={() => { setKeeping(finding.id); setReason(''); }}>
                      Not sensitive…
                    </Button>
                  )
                )}
              </Box>
            </Stack>
            {explained === finding.id && (
              <Typography variant="caption" color="text.secondary" component="p" id={`why-${finding.id}`} data-testid="finding-why-text" sx={{ m: 0 }}>
                {whyText(finding)}
              </Typography>
            )}
            {kept && (
              <Typography variant="caption" color="text.secondary" data-testid="dismissal-reason">
                {`Kept: ${finding.dismissed ?? ''}`}
              </Typography>
            )}
            {keeping === finding.id && !kept && (
              <Stack
                component="form"
                direction="row"
                spacing={1}
                sx={{ mt: 1, alignItems: 'flex-start' }}
                noValidate
                onSubmit={(event) => {
                  event.preventDefault();
                  onDismiss(finding.id, reason);
                  setKeeping(null);
                }}
              >
                <TextField
                  size="small"
                  label="Why is this not sensitive?"
                  helperText="Kept in the audit trail with your name."
                  value={reason}
                  autoFocus
                  onChange={(event) => { setReason(event.target.value); }}
                  slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'dismiss-reason' } }}
                  sx={{ flex: 1 }}
                />
                <Button type="submit" variant="outlined" size="small" disabled={reason.trim().length < MIN_REASON} data-testid="dismiss-confirm" sx={{ mt: 0.5 }}>
                  Keep it
                </Button>
                <Button size="small" onClick={() => { setKeeping(null); }} sx={{ mt: 0.5 }}>
                  Cancel
                </Button>
              </Stack>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
