import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { TranscriptDiffView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { useQuery } from '../../client/use-query';
import { BusyNote } from '../../components/busy-note';
import { formatClock, formatDateTime } from '../../components/format-time';
import { speakerLabel } from '../transcription/transcript-format';

type Props = { recordingId: string; onNotice: (text: string) => void };

/**
 * Every version of the transcript, oldest first: the machine version and each correction, with
 * whether its redactions were reviewed. Each correction shows what changed from the version before
 * it, word by word; any earlier version can be restored, which saves its content as a new version.
 */
export function VersionHistory({ recordingId, onNotice }: Props) {
  const versions = useQuery('transcripts.versions', { recordingId }, { invalidatedBy: ['transcripts.changed', 'library.changed'] });
  const [diff, setDiff] = useState<{ kind: 'shown'; view: TranscriptDiffView } | { kind: 'failed'; message: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (versions.state.kind === 'loading') {
    return <BusyNote text="Reading the versions…" />;
  }
  if (versions.state.kind === 'failed') {
    return <Typography variant="body2" color="text.secondary">{describeError(versions.state.error)}</Typography>;
  }
  const list = versions.state.value;
  const latest = list.find((v) => v.latest)?.version ?? list.at(-1)?.version ?? 1;

  const showDiff = async (from: number, to: number) => {
    const got = await call('transcripts.diff', { recordingId, from, to });
    setDiff(got.ok ? { kind: 'shown', view: got.value } : { kind: 'failed', message: describeError(got.error) });
  };
  const restore = async (version: number) => {
    const got = await call('transcripts.restore', { recordingId, version, baseVersion: latest });
    if (got.ok) {
      setProblem(null);
      onNotice(`Version ${version} restored as version ${got.value.version}. Review its redactions before exporting it.`);
      versions.refresh();
    } else {
      setProblem(describeError(got.error));
    }
  };

  return (
    <Stack spacing={1} data-testid="version-history">
      {problem !== null && <Alert severity="error" onClose={() => { setProblem(null); }}>{problem}</Alert>}
      <Box component="ol" aria-label="Transcript versions" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {list.map((v) => (
          <Stack component="li" key={v.version} direction="row" spacing={1} useFlexGap data-testid="version-row" data-version={v.version} sx={{ alignItems: 'center', flexWrap: 'wrap', py: 0.5 }}>
            <Typography variant="body2" sx={{ fontWeight: 600, minWidth: 80 }}>{`Version ${v.version}`}</Typography>
            <Typography variant="body2" color="text.secondary" sx={{ flex: '1 1 180px' }}>
              {`${v.kind === 'machine' ? 'machine transcript' : `correction by ${v.createdBy}`} · ${formatDateTime(v.createdAt)}`}
            </Typography>
            <Chip size="small" variant="outlined" color={v.reviewed ? 'success' : 'default'} label={v.reviewed ? 'reviewed' : 'not reviewed'} />
            {v.version > 1 && (
              <Button size="small" onClick={() => { void showDiff(v.version - 1, v.version); }} aria-label={`Changes in version ${v.version}`}>
                Changes
              </Button>
            )}
            {!v.latest && (
              <Button size="small" onClick={() => { void restore(v.version); }} aria-label={`Restore version ${v.version}`}>
                Restore
              </Button>
            )}
          </Stack>
        ))}
      </Box>
      {diff?.kind === 'failed' && <Alert severity="error">{diff.message}</Alert>}
      {diff?.kind === 'shown' && <DiffView view={diff.view} onClose={() => { setDiff(null); }} />}
    </Stack>
  );
}

function DiffView({ view, onClose }: { view: TranscriptDiffView; onClose: () => void }) {
  return (
    <Box component="section" aria-label={`Changes from version ${view.from} to ${view.to}`} data-testid="transcript-diff" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }} data-testid="diff-summary">
          {`Version ${view.from} → ${view.to}: ${view.wordsInserted} word(s) added, ${view.wordsDeleted} removed, ${view.wordsUnchanged} unchanged`}
        </Typography>
        <Button size="small" onClick={onClose}>Close</Button>
      </Stack>
      {view.names.map((n) => (
        <Typography key={n.speaker} variant="body2" data-testid="diff-name">
          {`${speakerLabel(n.speaker)} named: ${n.before ?? 'no name'} → ${n.after ?? 'no name'}`}
        </Typography>
      ))}
      {view.hunks.length === 0 && view.names.length === 0 && <Typography variant="body2" color="text.secondary">No differences.</Typography>}
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {view.hunks.map((hunk, i) => (
          <Box component="li" key={i} data-testid="diff-hunk" sx={{ py: 0.5, borderTop: i === 0 ? 0 : 1, borderColor: 'divider' }}>
            <Typography variant="caption" color="text.secondary">
              {`${formatClock(hunk.atMs)} · ${hunk.kind === 'words' ? speakerLabel(hunk.speaker) : 'speaker changed'}`}
            </Typography>
            {hunk.kind === 'words' ? (
              <Typography variant="body2">
                {hunk.before !== '' && <span>{`…${hunk.before} `}</span>}
                {hunk.removed !== '' && (
                  <Box component="del" aria-label={`removed: ${hunk.removed}`} sx={{ bgcolor: 'error.dark', color: 'common.white', px: 0.25 }}>{hunk.removed}</Box>
                )}
                {hunk.removed !== '' && hunk.added !== '' && ' '}
                {hunk.added !== '' && (
                  <Box component="ins" aria-label={`added: ${hunk.added}`} sx={{ bgcolor: 'success.dark', color: 'common.white', textDecoration: 'none', px: 0.25 }}>{hunk.added}</Box>
                )}
                {hunk.after !== '' && <span>{` ${hunk.after}…`}</span>}
              </Typography>
            ) : (
              <Typography variant="body2">{`${speakerLabel(hunk.from)} → ${speakerLabel(hunk.to)}: “${hunk.words}”`}</Typography>
            )}
          </Box>
        ))}
      </Box>
      {view.truncated && <Typography variant="caption" color="text.secondary">More changes are not shown.</Typography>}
    </Box>
  );
}
