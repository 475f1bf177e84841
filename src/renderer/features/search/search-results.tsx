import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { SearchHitView, SearchInput } from '../../../shared/contract';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatClock, formatDateTime } from '../../components/format-time';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { snippetParts } from './snippet-parts';

type Props = {
  /** What is typed in the library's search box. */
  text: string;
  /** The library's call type and tag filters ('' for any). */
  callType: string;
  tag: string;
  onOpen: (hit: SearchHitView) => void;
};

const SOURCE_WORDS: Readonly<Record<SearchHitView['source'], string>> = {
  transcript: 'transcript',
  title: 'title',
  account: 'account',
  participant: 'participant',
  notes: 'notes',
  tag: 'tag',
  legacy: 'transcript',
  summary: 'summary',
  'summary-draft': 'summary (AI draft, not reviewed)',
};

/**
 * Search across every call (latest transcripts, titles, accounts, participants, notes, tags) for
 * what is typed in the library's one search box, with the speaker, participant and date filters;
 * each result shows its snippet with the matches marked and the moment, and opens the call there.
 */
export function SearchResults({ text, callType, tag, onOpen }: Props) {
  const [speaker, setSpeaker] = useState<'' | 'rep' | 'customer'>('');
  const [person, setPerson] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const input: SearchInput = {
    query: text,
    limit: 50,
    ...(callType !== '' && { callType }),
    ...(tag !== '' && { tag }),
    ...(speaker !== '' && { speaker }),
    ...(person.trim() !== '' && { person: person.trim() }),
    ...(from !== '' && { from }),
    ...(to !== '' && { to }),
  };
  const settled = useDebouncedValue(input, 250);
  const results = useQuery('search.calls', settled, { invalidatedBy: ['transcripts.changed', 'tags.changed', 'library.changed'] });

  return (
    <Paper variant="outlined" component="section" aria-labelledby="search-results-title" data-testid="search-results" sx={{ p: 2, mb: 2 }}>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 1 }}>
        <Typography id="search-results-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: '1 1 200px' }}>
          Found in your calls
        </Typography>
        <TextField select size="small" label="Speaker" value={speaker} onChange={(e) => { setSpeaker(e.target.value === 'rep' || e.target.value === 'customer' ? e.target.value : ''); }} sx={{ minWidth: 130 }}>
          <MenuItem value="">Anyone</MenuItem>
          <MenuItem value="rep">Rep</MenuItem>
          <MenuItem value="customer">Customer</MenuItem>
        </TextField>
        <TextField size="small" label="Participant or account" value={person} onChange={(e) => { setPerson(e.target.value); }} sx={{ minWidth: 180 }} />
        <TextField size="small" type="date" label="From" value={from} onChange={(e) => { setFrom(e.target.value); }} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField size="small" type="date" label="Before" value={to} onChange={(e) => { setTo(e.target.value); }} slotProps={{ inputLabel: { shrink: true } }} />
      </Stack>
      {results.state.kind === 'loading' && <BusyNote text="Searching…" />}
      {results.state.kind === 'failed' && (
        <Alert severity="warning" data-testid="search-problem">
          {describeError(results.state.error)}
        </Alert>
      )}
      {results.state.kind === 'loaded' && results.state.value.hits.length === 0 && (
        <Typography variant="body2" color="text.secondary" data-testid="search-empty">
          Nothing found. Try other words or fewer filters.
        </Typography>
      )}
      {results.state.kind === 'loaded' && results.state.value.hits.length > 0 && (
        <Box component="ol" aria-label="Search results" sx={{ listStyle: 'none', m: 0, p: 0, maxHeight: 360, overflowY: 'auto' }}>
          {results.state.value.hits.map((hit, i) => (
            <Box component="li" key={`${hit.recordingId}-${hit.source}-${hit.segment ?? ''}-${i}`} sx={{ borderTop: i === 0 ? 0 : 1, borderColor: 'divider' }}>
              <ButtonBase
                data-testid="search-hit"
                data-recording-id={hit.recordingId}
                data-start-ms={hit.startMs ?? ''}
                data-source={hit.source}
                onClick={() => { onOpen(hit); }}
                sx={{ display: 'block', width: '100%', textAlign: 'left', py: 0.75, px: 0.5, borderRadius: 1, '&:hover, &:focus-visible': { bgcolor: 'action.hover' } }}
              >
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {hit.title}
                  <Typography component="span" variant="caption" color="text.secondary">
                    {` · ${formatDateTime(hit.startedAt)} · ${SOURCE_WORDS[hit.source]}${hit.startMs === null ? '' : ` at ${formatClock(hit.startMs)}`}${hit.speaker === null ? '' : ` · ${hit.speaker === 'rep' ? 'Rep' : 'Customer'}`}`}
                  </Typography>
                </Typography>
                <Typography variant="body2" component="div" data-testid="search-snippet">
                  {snippetParts(hit.snippet).map((part, j) =>
                    part.marked ? (
                      <Box component="mark" key={j} sx={{ bgcolor: 'warning.light', color: 'text.primary', borderRadius: 0.5 }}>
                        {part.text}
                      </Box>
                    ) : (
                      <span key={j}>{part.text}</span>
                    ),
                  )}
                </Typography>
              </ButtonBase>
            </Box>
          ))}
        </Box>
      )}
      {results.state.kind === 'loaded' && results.state.value.more && (
        <Typography variant="caption" color="text.secondary">More results exist: add words or filters to narrow them.</Typography>
      )}
    </Paper>
  );
}
