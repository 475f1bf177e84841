import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { alpha, type Theme } from '@mui/material/styles';
import { useEffect, useRef, useState } from 'react';
import type { RedactionReviewView } from '../../../shared/contract';
import { segmentTime, speakerLabel } from '../transcription/transcript-format';
import { pieces, type Draft } from './review-draft';

type Props = {
  view: RedactionReviewView;
  draft: Draft;
  onAdd: (selection: { start: number; end: number }, type: string) => void;
};

type Selected = { start: number; end: number } | null;

const ACTION_TEXT = { redact: 'whole turn redacted', restrict: 'sharing restricted', warn: 'take care' } as const;

/**
 * A span or turn that will be redacted: a light tint with an underline in the error colour and
 * the text in the normal colour (white on the light error red measured 3.48:1; this is above 7:1).
 */
const REDACTED_SX = {
  bgcolor: (theme: Theme) => alpha(theme.palette.error.main, theme.palette.mode === 'dark' ? 0.3 : 0.12),
  color: 'text.primary',
  boxShadow: (theme: Theme) => `inset 0 -2px 0 ${theme.palette.error.main}`,
  borderRadius: 0.5,
  px: 0.25,
} as const;

/** Where a DOM position lies in the transcript text: pieces carry their start offset. */
function offsetOf(node: Node, offset: number, root: HTMLElement): number | null {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node instanceof Element ? node : null;
  const piece = element?.closest<HTMLElement>('[data-offset]');
  if (!piece || !root.contains(piece)) {
    return null;
  }
  const base = Number(piece.dataset.offset);
  return node.nodeType === Node.TEXT_NODE ? base + offset : base;
}

/**
 * The transcript with what will be redacted marked, what the rep kept struck through, and the
 * policy's topic flags per turn. Selecting words offers "Redact selection" for what was missed.
 */
export function ReviewTranscript({ view, draft, onAdd }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<Selected>(null);
  // No default kind: the placeholder the shared text shows must be the rep's choice.
  const [type, setType] = useState('');

  useEffect(() => {
    const onChange = () => {
      const selection = document.getSelection();
      const container = root.current;
      if (!selection || selection.rangeCount === 0 || !container) {
        return;
      }
      if (selection.isCollapsed) {
        // A click in the transcript drops the pending selection; a click elsewhere (choosing the
        // kind of data, say) must not.
        if (selection.anchorNode && container.contains(selection.anchorNode)) {
          setSelected(null);
        }
        return;
      }
      const range = selection.getRangeAt(0);
      const start = offsetOf(range.startContainer, range.startOffset, container);
      const end = offsetOf(range.endContainer, range.endOffset, container);
      setSelected(start === null || end === null || end === start ? null : { start: Math.min(start, end), end: Math.max(start, end) });
    };
    document.addEventListener('selectionchange', onChange);
    return () => {
      document.removeEventListener('selectionchange', onChange);
    };
  }, []);

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', minHeight: 40 }}>
        {selected ? (
          <>
            <Typography variant="body2" data-testid="selection-text" sx={{ maxWidth: 280, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {`“${view.text.slice(selected.start, selected.end).trim()}”`}
            </Typography>
            <TextField select size="small" label="Kind of data" value={type} onChange={(event) => { setType(event.target.value); }} sx={{ minWidth: 170 }} slotProps={{ select: { inputProps: { 'data-testid': 'add-type' } } }}>
              {view.findingTypes.map((t) => (
                <MenuItem key={t} value={t}>
                  {t}
                </MenuItem>
              ))}
            </TextField>
            <Button
              variant="outlined"
              size="small"
              disabled={type === ''}
              data-testid="add-redaction"
              onClick={() => {
                onAdd(selected, type);
                setSelected(null);
                document.getSelection()?.removeAllRanges();
              }}
            >
              Redact selection
            </Button>
            <Button size="small" onClick={() => { setSelected(null); document.getSelection()?.removeAllRanges(); }}>
              Cancel
            </Button>
          </>
        ) : (
          <Typography variant="caption" color="text.secondary">
            Select words the detectors missed to redact them too.
          </Typography>
        )}
      </Stack>
      <Box ref={root} component="ol" aria-label="Transcript under review" data-testid="review-transcript" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {view.segments.map((segment, index) => {
          const flags = view.topics.filter((t) => t.segment === index);
          // A turn the policy redacts for its topic reads as redacted, like a redacted span.
          const turnRedacted = flags.some((flag) => flag.action === 'redact');
          return (
            <Box
              component="li"
              key={`${segment.startMs}-${index}`}
              data-testid="review-segment"
              sx={{ display: 'grid', gridTemplateColumns: '64px 92px minmax(0, 1fr)', columnGap: 1.5, py: 0.75, borderBottom: 1, borderColor: 'divider' }}
            >
              <Typography variant="body2" color="text.secondary" component="span" sx={{ fontVariantNumeric: 'tabular-nums', userSelect: 'none' }}>
                {segmentTime(segment)}
              </Typography>
              <Typography variant="body2" component="span" sx={{ fontWeight: 600, userSelect: 'none', color: segment.speaker === 'rep' ? 'primary.main' : 'secondary.main' }}>
                {speakerLabel(segment.speaker)}
              </Typography>
              <Box>
                {turnRedacted && (
                  <Typography variant="caption" component="span" sx={{ display: 'block', fontWeight: 600 }} data-testid="turn-redacted">
                    This whole turn will be redacted:
                  </Typography>
                )}
                <Typography
                  variant="body2"
                  component="span"
                  data-redacted-turn={turnRedacted ? 'true' : undefined}
                  sx={{ overflowWrap: 'anywhere', ...(turnRedacted ? { ...REDACTED_SX, display: 'inline', px: 0 } : {}) }}
                >
                  {pieces(segment.charStart, segment.charEnd, draft).map((piece) => {
                    const text = view.text.slice(piece.start, piece.end);
                    if (piece.mark === null) {
                      return (
                        <span key={piece.start} data-offset={piece.start}>
                          {text}
                        </span>
                      );
                    }
                    const label = `${piece.types.join(', ')}: ${piece.mark === 'redact' ? 'will be redacted' : 'kept, not sensitive'}`;
                    return (
                      <Box
                        component="mark"
                        key={piece.start}
                        data-offset={piece.start}
                        data-mark={piece.mark}
                        title={label}
                        aria-label={`${text} (${label})`}
                        sx={
                          piece.mark === 'redact'
                            ? REDACTED_SX
                            : { bgcolor: 'transparent', color: 'text.secondary', textDecoration: 'line-through' }
                        }
                      >
                        {text}
                      </Box>
                    );
                  })}
                </Typography>
                {flags.length > 0 && (
                  <Stack direction="row" spacing={0.5} sx={{ mt: 0.5, userSelect: 'none' }}>
                    {flags.map((flag) => (
                      <Chip
                        key={flag.topic}
                        size="small"
                        data-testid="topic-flag"
                        color={flag.action === 'warn' ? 'default' : 'warning'}
                        variant="outlined"
                        label={`${flag.topic}: ${ACTION_TEXT[flag.action]}`}
                      />
                    ))}
                  </Stack>
                )}
              </Box>
            </Box>
          );
        })}
      </Box>
    </Stack>
  );
}
