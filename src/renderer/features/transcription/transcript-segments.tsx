import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { TranscriptView } from '../../../shared/contract';
import { isLowConfidence, segmentTime, speakerLabel } from './transcript-format';

type Props = { segments: TranscriptView['segments'] };

const hidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** The transcript as a list of turns: time, who spoke, what was said; uncertain text is greyed. */
export function TranscriptSegments({ segments }: Props) {
  if (segments.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        The engine found no speech in this recording.
      </Typography>
    );
  }
  const unsure = segments.some(isLowConfidence);
  return (
    <>
      {unsure && (
        <Typography variant="caption" color="text.secondary">
          Grey text with a dotted underline is where the engine was unsure. Check it against the audio before you rely on it.
        </Typography>
      )}
      <Box component="ol" aria-label="Transcript" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {segments.map((segment, index) => {
          const low = isLowConfidence(segment);
          const speaker = speakerLabel(segment.speaker);
          return (
            <Box
              component="li"
              // Segments are immutable within a version; start time and position identify one.
              key={`${segment.startMs}-${index}`}
              data-testid="transcript-segment"
              data-speaker={speaker}
              data-low-confidence={low ? 'true' : 'false'}
              sx={{ display: 'grid', gridTemplateColumns: '64px 92px minmax(0, 1fr)', columnGap: 1.5, py: 0.75, borderBottom: 1, borderColor: 'divider' }}
            >
              <Typography variant="body2" color="text.secondary" component="span" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {segmentTime(segment)}
              </Typography>
              <Typography variant="body2" component="span" sx={{ fontWeight: 600, color: segment.speaker === 'rep' ? 'primary.main' : 'secondary.main' }}>
                {speaker}
              </Typography>
              <Typography
                variant="body2"
                component="span"
                title={low ? 'Low confidence: check against the audio' : undefined}
                sx={{ overflowWrap: 'anywhere', ...(low && { color: 'text.secondary', textDecoration: 'underline dotted', textUnderlineOffset: '3px' }) }}
              >
                {segment.text.trim()}
                {low && <Box component="span" sx={hidden}> (low confidence)</Box>}
              </Typography>
            </Box>
          );
        })}
      </Box>
    </>
  );
}
