import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { keyframes } from '@mui/material/styles';
import { formatClock } from '../../components/format-time';
import type { RunSnapshot } from './capture-run';

const pulse = keyframes`
  0% { opacity: 1; }
  50% { opacity: 0.35; }
  100% { opacity: 1; }
`;

function label(snapshot: RunSnapshot): { text: string; color: string; animate: boolean } {
  if (snapshot.phase === 'setting-up') {
    return { text: 'Not recording yet', color: 'warning.main', animate: false };
  }
  if (snapshot.phase === 'stopped' || snapshot.phase === 'ended') {
    return { text: 'Stopped', color: 'text.secondary', animate: false };
  }
  if (snapshot.status.state === 'paused') {
    return { text: 'Paused', color: 'warning.main', animate: false };
  }
  return { text: 'Recording', color: 'error.main', animate: snapshot.phase === 'live' };
}

/** Always on screen while a capture exists: what is happening, and how much has been recorded. */
export function RecordingIndicator({ snapshot }: { snapshot: RunSnapshot }) {
  const { text, color, animate } = label(snapshot);
  const elapsed = formatClock(snapshot.status.recordedMs);
  return (
    <Stack
      direction="row"
      spacing={1.25}
      role="status"
      aria-live="polite"
      aria-label={`${text}, ${elapsed} recorded`}
      data-testid="recording-indicator"
      sx={{ alignItems: 'center', px: 2, py: 1, borderRadius: 5, border: 2, borderColor: color }}
    >
      <Box aria-hidden sx={{ width: 14, height: 14, borderRadius: '50%', bgcolor: color, animation: animate ? `${pulse} 1.4s ease-in-out infinite` : 'none' }} />
      <Typography variant="subtitle1" component="span" data-testid="recording-state" sx={{ fontWeight: 700, color }}>
        {text}
      </Typography>
      <Typography variant="h6" component="span" data-testid="recording-elapsed" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {elapsed}
      </Typography>
    </Stack>
  );
}
