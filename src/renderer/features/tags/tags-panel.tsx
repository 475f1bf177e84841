import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { TagView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { formatClock } from '../../components/format-time';
import { speakerLabel } from '../transcription/transcript-format';

type Props = {
  recordingId: string;
  /** The player's position: a moment tag starts there by default. */
  positionMs: number;
  durationMs: number;
  onSeek: (ms: number) => void;
};

const MOMENT_MS = 15_000;

function tagText(tag: TagView): string {
  return tag.fromMs === null || tag.toMs === null ? tag.label : `${tag.label} · ${formatClock(tag.fromMs)}–${formatClock(tag.toMs)}`;
}

/**
 * The call's tags (whole call, or a moment of it) from the policy's taxonomy, and the tags the
 * policy's rules suggest from the transcript, each with the sentence that triggered it. Nothing is
 * tagged until the rep accepts.
 */
export function TagsPanel({ recordingId, positionMs, durationMs, onSeek }: Props) {
  const taxonomy = useQuery('tags.taxonomy', {});
  const tags = useQuery('tags.list', { recordingId }, { invalidatedBy: ['tags.changed'] });
  const suggestions = useQuery('tags.suggestions', { recordingId }, { invalidatedBy: ['tags.changed', 'transcripts.changed'] });
  const [choice, setChoice] = useState('');
  const [scope, setScope] = useState<'call' | 'moment'>('call');
  const [problem, setProblem] = useState<string | null>(null);

  const act = async (run: () => Promise<{ ok: true } | { ok: false; error: Parameters<typeof describeError>[0] }>) => {
    const got = await run();
    if (got.ok) {
      setProblem(null);
      tags.refresh();
      suggestions.refresh();
    } else {
      setProblem(describeError(got.error));
    }
  };

  const add = () =>
    act(() => {
      const fromMs = Math.max(0, Math.min(Math.round(positionMs), Math.max(0, durationMs - 1)));
      const toMs = Math.min(Math.max(fromMs + 1, durationMs), fromMs + MOMENT_MS);
      return call('tags.add', scope === 'call' ? { recordingId, tag: choice } : { recordingId, tag: choice, fromMs, toMs });
    });

  const entries = taxonomy.state.kind === 'loaded' ? taxonomy.state.value : [];
  const current = tags.state.kind === 'loaded' ? tags.state.value : [];
  const offered = suggestions.state.kind === 'loaded' ? suggestions.state.value : [];

  return (
    <Stack spacing={1.5} data-testid="tags-panel">
      {problem !== null && <Alert severity="error" onClose={() => { setProblem(null); }}>{problem}</Alert>}
      {/* A list role holds only list items: the "no tags" sentence stands outside it. */}
      {current.length === 0 && <Typography variant="body2" color="text.secondary">No tags yet.</Typography>}
      {current.length > 0 && (
        <Stack direction="row" spacing={0.75} useFlexGap sx={{ flexWrap: 'wrap' }} role="list" aria-label="Tags on this call">
          {current.map((tag) => (
            <Chip
              role="listitem"
              key={tag.id}
              data-testid="call-tag"
              data-tag={tag.tag}
              label={tagText(tag)}
              size="small"
              color={tag.fromMs === null ? 'primary' : 'secondary'}
              variant="outlined"
              onClick={tag.fromMs === null ? undefined : () => { onSeek(tag.fromMs ?? 0); }}
              onDelete={() => { void act(() => call('tags.remove', { recordingId, id: tag.id })); }}
            />
          ))}
        </Stack>
      )}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} component="form" aria-label="Add a tag" onSubmit={(event) => { event.preventDefault(); void add(); }}>
        <TextField select size="small" label="Tag" value={choice} onChange={(e) => { setChoice(e.target.value); }} sx={{ minWidth: 180 }}>
          {entries.map((t) => (
            <MenuItem key={t.id} value={t.id}>
              {t.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="On" value={scope} onChange={(e) => { setScope(e.target.value === 'moment' ? 'moment' : 'call'); }} sx={{ minWidth: 200 }}>
          <MenuItem value="call">The whole call</MenuItem>
          <MenuItem value="moment">{`This moment (${formatClock(positionMs)})`}</MenuItem>
        </TextField>
        <Button type="submit" size="small" variant="outlined" disabled={choice === ''}>
          Add tag
        </Button>
      </Stack>
      <Box component="section" aria-labelledby="tag-suggestions-title">
        <Typography id="tag-suggestions-title" variant="subtitle2" component="h3">
          Suggested
        </Typography>
        {suggestions.state.kind === 'failed' && <Typography variant="body2" color="text.secondary">{describeError(suggestions.state.error)}</Typography>}
        {suggestions.state.kind === 'loaded' && offered.length === 0 && (
          <Typography variant="body2" color="text.secondary">No suggestions. The policy’s rules found nothing new in the latest transcript.</Typography>
        )}
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {offered.map((s) => (
            <Stack component="li" key={s.id} spacing={0.5} data-testid="tag-suggestion" data-tag={s.tag} sx={{ py: 0.75, borderTop: 1, borderColor: 'divider' }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Chip size="small" label={s.label} />
                <Button size="small" onClick={() => { onSeek(s.startMs); }} aria-label={`Play from ${formatClock(s.startMs)}`}>
                  {formatClock(s.startMs)}
                </Button>
                <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
                  {`${speakerLabel(s.speaker)} said “${s.matched}”`}
                </Typography>
                <Button size="small" variant="outlined" onClick={() => { void act(() => call('tags.accept', { recordingId, suggestionId: s.id })); }} aria-label={`Accept ${s.label} tag`}>
                  Accept
                </Button>
                <Button size="small" onClick={() => { void act(() => call('tags.reject', { recordingId, suggestionId: s.id })); }} aria-label={`Reject ${s.label} tag`}>
                  Reject
                </Button>
              </Stack>
              <Typography variant="body2" component="blockquote" sx={{ m: 0, pl: 1, borderLeft: 3, borderColor: 'divider' }}>
                {s.sentence}
              </Typography>
            </Stack>
          ))}
        </Box>
      </Box>
    </Stack>
  );
}
