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

type Props = {
  label: string;
  rms: number;
  note: string;
  /**
   * While the capture is paused the source is still heard (the rep sees the microphone works),
   * but the meter is greyed and says in words that none of it is being recorded.
   */
  paused?: boolean;
};

export function LevelMeter({ label, rms, note, paused = false }: Props) {
  const value = Math.round(levelPercent(rms));
  return (
    <Stack spacing={0.5} sx={{ flex: 1, minWidth: 0 }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 1 }}>
        <Typography variant="subtitle2">{label}</Typography>
        <Typography variant="caption" color="text.secondary" noWrap data-testid={paused ? 'meter-paused' : undefined}>
          {paused ? 'Paused: not recording' : note}
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={value}
        aria-label={`${label} level`}
        aria-valuetext={paused ? 'Paused: not recording' : `${String(value)} percent`}
        color={paused ? 'inherit' : value > 95 ? 'error' : 'success'}
        sx={{
          height: 10,
          borderRadius: 5,
          '& .MuiLinearProgress-bar': { transition: 'none' },
          ...(paused ? { color: 'text.disabled', backgroundImage: 'repeating-linear-gradient(45deg, transparent 0 6px, rgba(127,127,127,0.25) 6px 12px)' } : {}),
        }}
      />
    </Stack>
  );
}
