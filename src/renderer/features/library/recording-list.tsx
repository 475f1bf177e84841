import Alert from '@mui/material/Alert';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useDeferredValue, useMemo, useState } from 'react';
import type { LibraryEntryView, RecordingSummary, SearchHitView } from '../../../shared/contract';
import { useQuery } from '../../client/use-query';
import { VirtualList } from '../../components/virtual-list';
import { IndexProgress } from '../search/index-progress';
import { SearchResults } from '../search/search-results';
import { TranscriptDialog } from '../transcription/transcript-dialog';
import { useTranscriptionJobs } from '../transcription/use-transcription-jobs';
import { applyLibraryFilter, callTypesOf, NO_FILTER, SORT_LABELS, STATUS_LABELS, type LibraryFilter, type SortKey, type StatusFilter } from './library-filter';
import { RecordingRow } from './recording-row';

type Props = {
  entries: readonly LibraryEntryView[];
  onOpen: (entry: LibraryEntryView, atMs?: number, section?: 'summary') => void;
  onChanged: (recordings: RecordingSummary[], notice: string) => void;
  onError: (message: string) => void;
};

/**
 * The library: one search box (it narrows the list by title and account at once, and searches
 * every call's transcript, notes, participants and tags below it), sort and filters (tag too), and
 * the calls in a virtualised list with their transcription state (kept current by the app's events).
 */
export function RecordingList({ entries, onOpen, onChanged, onError }: Props) {
  const { jobs, problem, update } = useTranscriptionJobs();
  const [viewing, setViewing] = useState<{ id: string; title: string } | null>(null);
  const [filter, setFilter] = useState<LibraryFilter>(NO_FILTER);
  // Typing stays responsive on a large library: the list follows a moment later.
  const deferred = useDeferredValue(filter);
  const taxonomy = useQuery('tags.taxonomy', {});
  const tagged = useQuery('tags.byRecording', {}, { invalidatedBy: ['tags.changed', 'library.changed'] });
  const tagMap = useMemo(() => new Map(tagged.state.kind === 'loaded' ? tagged.state.value.map((r) => [r.recordingId, r.tags] as const) : []), [tagged.state]);
  const shown = useMemo(() => applyLibraryFilter(entries, deferred, tagMap), [entries, deferred, tagMap]);
  const openHit = (hit: SearchHitView) => {
    const entry = entries.find((e) => e.recordingId === hit.recordingId);
    if (entry) {
      // A summary hit opens the call at its summary panel; any other at its moment (if it has one).
      const fromSummary = hit.source === 'summary' || hit.source === 'summary-draft';
      onOpen(entry, hit.startMs ?? undefined, fromSummary ? 'summary' : undefined);
    }
  };
  const callTypes = useMemo(() => callTypesOf(entries), [entries]);
  const jobFor = useMemo(() => new Map(jobs.map((j) => [j.recordingId, j])), [jobs]);

  return (
    <>
      {problem !== null && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {`Transcription progress could not be read: ${problem}`}
        </Alert>
      )}
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ mb: 1.5, flexWrap: 'wrap', alignItems: 'center' }} role="search" aria-label="Find calls">
        <TextField
          size="small"
          type="search"
          label="Search calls"
          value={filter.text}
          onChange={(event) => { setFilter({ ...filter, text: event.target.value }); }}
          slotProps={{ htmlInput: { 'data-testid': 'library-search' } }}
          sx={{ flex: '1 1 260px' }}
        />
        <TextField select size="small" label="Call type" value={filter.callType} onChange={(event) => { setFilter({ ...filter, callType: event.target.value }); }} sx={{ minWidth: 150 }}>
          <MenuItem value="">All types</MenuItem>
          {callTypes.map((type) => (
            <MenuItem key={type} value={type}>
              {type}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Tag" value={filter.tag} onChange={(event) => { setFilter({ ...filter, tag: event.target.value }); }} sx={{ minWidth: 150 }} slotProps={{ htmlInput: { 'data-testid': 'library-tag-filter' }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
          <MenuItem value="">Any tag</MenuItem>
          {(taxonomy.state.kind === 'loaded' ? taxonomy.state.value : []).map((t) => (
            <MenuItem key={t.id} value={t.id}>
              {t.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Status" value={filter.status} onChange={(event) => { setFilter({ ...filter, status: event.target.value as StatusFilter }); }} sx={{ minWidth: 190 }}>
          {(Object.keys(STATUS_LABELS) as StatusFilter[]).map((key) => (
            <MenuItem key={key} value={key}>
              {STATUS_LABELS[key]}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Sort" value={filter.sort} onChange={(event) => { setFilter({ ...filter, sort: event.target.value as SortKey }); }} sx={{ minWidth: 150 }}>
          {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
            <MenuItem key={key} value={key}>
              {SORT_LABELS[key]}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary" role="status" data-testid="library-count">
          {shown.length === entries.length ? `${entries.length} calls` : `${shown.length} of ${entries.length} calls`}
        </Typography>
      </Stack>
      <IndexProgress />
      {deferred.text.trim() !== '' && <SearchResults text={deferred.text} callType={deferred.callType} tag={deferred.tag} onOpen={openHit} />}
      <Paper variant="outlined">
        {shown.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 3, textAlign: 'center' }}>
            No call matches. Change the search or the filters.
          </Typography>
        ) : (
          <VirtualList
            items={shown}
            estimate={104}
            itemKey={(entry) => entry.key}
            itemLabel={(entry) => entry.title}
            label="Recordings"
            height="max(420px, calc(100vh - 290px))"
            testId="library-list"
            render={(entry) => (
              <RecordingRow
                entry={entry}
                job={entry.recordingId === null ? undefined : jobFor.get(entry.recordingId)}
                onJob={update}
                onOpen={() => { onOpen(entry); }}
                onView={() => {
                  if (entry.recordingId !== null) {
                    setViewing({ id: entry.recordingId, title: entry.title });
                  }
                }}
                onChanged={onChanged}
                onError={onError}
              />
            )}
          />
        )}
      </Paper>
      {viewing !== null && (
        <TranscriptDialog
          recording={viewing}
          onClose={() => {
            setViewing(null);
          }}
        />
      )}
    </>
  );
}
