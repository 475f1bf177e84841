import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { SummaryView } from '../../../shared/contract';
import { formatClock } from '../../components/format-time';
import type { ItemDecision } from './summary-decisions';

type Item = NonNullable<SummaryView['latest']>['content']['items'][number];

type Props = {
  readonly item: Item;
  readonly segments: SummaryView['segments'];
  readonly onSeek: (ms: number) => void;
  /** Present while the rep reviews a draft. */
  readonly review?: { readonly decision: ItemDecision | undefined; readonly onDecide: (decision: ItemDecision) => void } | undefined;
};

/** One item: its words, how sure and whose, the moments it cites (a click plays there), and the review choice. */
export function SummaryItemRow({ item, segments, onSeek, review }: Props) {
  const notes = [item.certainty, item.owner && `owner: ${item.owner}`, item.due && `due: ${item.due}`].filter((n): n is string => typeof n === 'string' && n !== '');
  const decision = review?.decision;
  return (
    <Stack component="li" spacing={0.5} data-testid="summary-item" data-item-id={item.id} data-decision={decision?.action ?? ''} sx={{ listStyle: 'none', py: 0.5 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography variant="body2" data-testid="summary-item-text" sx={{ textDecoration: decision?.action === 'reject' ? 'line-through' : 'none' }}>
          {item.text}
        </Typography>
        {notes.map((note) => (
          <Chip key={note} size="small" variant="outlined" label={note} data-testid={item.certainty === note ? 'summary-certainty' : undefined} />
        ))}
        {item.citations.map((c) => {
          const at = segments.find((s) => s.index === c)?.startMs ?? 0;
          return (
            <Button key={c} size="small" data-testid="summary-citation" data-ms={at} aria-label={`Play the moment at ${formatClock(at)}`} onClick={() => { onSeek(at); }} sx={{ minWidth: 0, p: 0 }}>
              {formatClock(at)}
            </Button>
          );
        })}
      </Stack>
      {review !== undefined && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={decision?.action ?? null}
            aria-label={`Decision on item ${item.id}`}
            onChange={(_, action: 'accept' | 'edit' | 'reject' | null) => {
              if (action === 'edit') {
                review.onDecide({ action: 'edit', text: decision?.action === 'edit' ? decision.text : item.text });
              } else if (action !== null) {
                review.onDecide({ action });
              }
            }}
          >
            <ToggleButton value="accept" data-testid="summary-accept">Accept</ToggleButton>
            <ToggleButton value="edit" data-testid="summary-edit">Edit</ToggleButton>
            <ToggleButton value="reject" data-testid="summary-reject">Reject</ToggleButton>
          </ToggleButtonGroup>
          {decision?.action === 'edit' && (
            <TextField
              size="small"
              fullWidth
              label="Your wording"
              value={decision.text}
              slotProps={{ htmlInput: { 'data-testid': 'summary-edit-text', maxLength: 2000 } }}
              onChange={(e) => { review.onDecide({ action: 'edit', text: e.target.value }); }}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}
