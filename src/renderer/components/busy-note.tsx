import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** A spinner with a sentence, announced politely to screen readers. */
export function BusyNote({ text }: { text: string }) {
  return (
    <Stack direction="row" spacing={1.5} role="status" sx={{ alignItems: 'center' }}>
      <CircularProgress size={20} aria-hidden />
      <Typography variant="body2">{text}</Typography>
    </Stack>
  );
}

/** Shown while Argon2id runs (about two seconds, 256 MiB). */
export const DERIVING_KEY = 'Deriving your key…';
