import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** The meter spans -60 dBFS (empty) to 0 dBFS (full). */
const FLOOR_DB = -60;

export function levelPercent(rms: number): number {
  if (rms <= 0) {
    return 0;
  }
  const db = 20 * Math.log10(rms);
  return Math.max(0, Math.min(100, ((db - FLOOR_DB) / -FLOOR_DB) * 100));
}

type Props = { label: string; rms: number; note: string };

export function LevelMeter({ label, rms, note }: Props) {
  const value = Math.round(levelPercent(rms));
  return (
    <Stack spacing={0.5} sx={{ flex: 1, minWidth: 0 }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 1 }}>
        <Typography variant="subtitle2">{label}</Typography>
        <Typography variant="caption" color="text.secondary" noWrap>
          {note}
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={value}
        aria-label={`${label} level`}
        color={value > 95 ? 'error' : 'success'}
        sx={{ height: 10, borderRadius: 5, '& .MuiLinearProgress-bar': { transition: 'none' } }}
      />
    </Stack>
  );
}
