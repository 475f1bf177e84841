import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { TranscriptView, TranscriptWordsView } from '../../../shared/contract';
import { formatClock } from '../../components/format-time';
import { isLowConfidence, speakerLabel } from '../transcription/transcript-format';
import { wordAt, wordTimeline } from './word-timeline';

type Segment = TranscriptView['segments'][number];
type Words = TranscriptWordsView['segments'][number];

type Props = {
  segments: readonly Segment[];
  words: TranscriptWordsView['segments'];
  positionMs: number;
  onSeek: (ms: number) => void;
  /** The names the rep gave the speakers in this version (null: "Rep" and "Customer"). */
  names?: { rep: string | null; customer: string | null } | undefined;
};

/**
 * The transcript following playback: the word being spoken is lit, a click on a word (or a
 * segment's time) plays from there, and the view scrolls along until the rep scrolls it away;
 * then a button brings it back. Segments are memoised, so only the two whose lit word changes
 * render again as the word advances (a 3-hour transcript stays smooth).
 */
export function SyncedTranscript({ segments, words, positionMs, onSeek, names }: Props) {
  const timeline = useMemo(() => wordTimeline(words), [words]);
  const active = wordAt(timeline, positionMs);
  const activeWord = timeline[active];
  const activeSegment = activeWord?.segment ?? segmentAt(segments, positionMs);
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const box = scroller.current;
    if (!follow || !box || activeSegment < 0) {
      return;
    }
    const target = box.querySelector<HTMLElement>('[data-active-word="true"]') ?? box.querySelector<HTMLElement>(`[data-segment-index="${activeSegment}"]`);
    if (!target) {
      return;
    }
    const top = target.getBoundingClientRect().top - box.getBoundingClientRect().top;
    if (top < box.clientHeight * 0.2 || top > box.clientHeight * 0.7) {
      box.scrollTo({ top: box.scrollTop + top - box.clientHeight / 3 });
    }
  }, [follow, activeSegment, active]);

  const leave = () => { setFollow(false); };

  if (segments.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        The engine found no speech in this recording.
      </Typography>
    );
  }

  return (
    <Box sx={{ position: 'relative', minHeight: 0, flex: '1 1 auto', display: 'flex', flexDirection: 'column' }}>
      <Box
        ref={scroller}
        data-testid="synced-transcript"
        data-following={follow ? 'true' : 'false'}
        onWheel={leave}
        onTouchMove={leave}
        onKeyDown={(event) => {
          if (['PageUp', 'PageDown', 'Home', 'End'].includes(event.key)) {
            leave();
          }
        }}
        sx={{ overflowY: 'auto', flex: '1 1 auto', minHeight: 240, maxHeight: { xs: '60vh', md: 'calc(100vh - 330px)' }, pr: 1 }}
      >
        <Box component="ol" aria-label="Transcript" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {segments.map((segment, index) => (
            <SegmentRow
              key={`${segment.startMs}-${index}`}
              index={index}
              segment={segment}
              words={words[index]}
              activeWord={activeWord?.segment === index ? activeWord.word : -1}
              current={activeSegment === index}
              name={names?.[segment.speaker] ?? null}
              onSeek={onSeek}
            />
          ))}
        </Box>
      </Box>
      {!follow && (
        <Button
          variant="contained"
          size="small"
          data-testid="follow-playback"
          onClick={() => { setFollow(true); }}
          sx={{ position: 'absolute', bottom: 12, left: '50%', transform: 'translateX(-50%)' }}
        >
          Follow playback
        </Button>
      )}
    </Box>
  );
}

/** The segment that holds `ms` when no word does (a transcript without word times). */
function segmentAt(segments: readonly Segment[], ms: number): number {
  return segments.findIndex((s) => s.startMs <= ms && ms < s.endMs);
}

type RowProps = {
  index: number;
  segment: Segment;
  words: Words | undefined;
  activeWord: number;
  current: boolean;
  name: string | null;
  onSeek: (ms: number) => void;
};

const SegmentRow = memo(function SegmentRow({ index, segment, words, activeWord, current, name, onSeek }: RowProps) {
  const speaker = name ?? speakerLabel(segment.speaker);
  const low = isLowConfidence(segment);
  const time = formatClock(segment.startMs);
  return (
    <Box
      component="li"
      data-testid="transcript-segment"
      data-segment-index={index}
      data-speaker={speakerLabel(segment.speaker)}
      data-speaker-name={speaker}
      data-current={current ? 'true' : 'false'}
      sx={{
        display: 'grid',
        gridTemplateColumns: '64px 84px minmax(0, 1fr)',
        columnGap: 1.5,
        py: 0.75,
        px: 0.5,
        borderBottom: 1,
        borderColor: 'divider',
        bgcolor: current ? 'action.hover' : undefined,
      }}
    >
      <Button
        size="small"
        variant="text"
        aria-label={`Play from ${time} (${speaker})`}
        onClick={() => { onSeek(segment.startMs); }}
        sx={{ minWidth: 0, p: 0, justifyContent: 'flex-start', fontVariantNumeric: 'tabular-nums', color: 'text.secondary' }}
      >
        {time}
      </Button>
      <Typography variant="body2" component="span" sx={{ fontWeight: 600, color: segment.speaker === 'rep' ? 'primary.main' : 'secondary.main' }}>
        {speaker}
      </Typography>
      <Typography variant="body2" component="span" sx={{ overflowWrap: 'anywhere', ...(low && { color: 'text.secondary' }) }}>
        {words !== undefined && words.length > 0
          ? words.map((word, i) => {
              const lit = i === activeWord;
              return (
                <Box
                  key={i}
                  component="span"
                  data-testid="transcript-word"
                  data-start-ms={word.startMs}
                  data-active-word={lit ? 'true' : undefined}
                  aria-current={lit ? 'true' : undefined}
                  onClick={() => { onSeek(word.startMs); }}
                  sx={{ cursor: 'pointer', borderRadius: 0.5, ...(lit ? { bgcolor: 'warning.light', color: 'text.primary' } : { '&:hover': { textDecoration: 'underline' } }) }}
                >
                  {i === 0 ? word.text.trimStart() : word.text}
                </Box>
              );
            })
          : segment.text.trim()}
      </Typography>
    </Box>
  );
});
