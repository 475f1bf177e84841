import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  MIN_PASSPHRASE_LENGTH,
  MIN_PASSPHRASE_SCORE,
  type StrengthEstimate,
} from '../strength/strength-types';

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;
const COLORS = ['error', 'error', 'warning', 'success', 'success'] as const;

type Props = { passphrase: string; estimate: StrengthEstimate | null };

/** zxcvbn's score as a bar, with its warning and suggestions, and the bar to clear. */
export function StrengthMeter({ passphrase, estimate }: Props) {
  const score = estimate?.score ?? 0;
  const label = passphrase.length === 0 ? 'Not entered yet' : estimate === null ? 'Checking…' : LABELS[score];
  const tooShort = passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE_LENGTH;
  return (
    <Stack spacing={0.75}>
      <LinearProgress
        variant="determinate"
        value={estimate === null ? 0 : Math.max(8, score * 25)}
        color={COLORS[score]}
        aria-label="Strength"
        aria-valuetext={label}
        sx={{ height: 6, borderRadius: 3 }}
      />
      <Typography variant="body2" aria-live="polite">
        Strength: <strong>{label}</strong>
      </Typography>
      {tooShort && (
        <Typography variant="body2" color="warning.main">
          Use at least {MIN_PASSPHRASE_LENGTH} characters ({passphrase.length} so far).
        </Typography>
      )}
      {estimate !== null && estimate.warning !== null && estimate.warning.length > 0 && (
        <Typography variant="body2" color="warning.main">
          {estimate.warning}
        </Typography>
      )}
      {estimate !== null && estimate.suggestions.length > 0 && (
        <Typography component="ul" variant="body2" color="text.secondary" sx={{ m: 0, pl: 2.5 }}>
          {estimate.suggestions.map((suggestion) => (
            <li key={suggestion}>{suggestion}</li>
          ))}
        </Typography>
      )}
      {estimate !== null && estimate.score < MIN_PASSPHRASE_SCORE && (
        <Typography variant="caption" color="text.secondary">
          It needs to reach “{LABELS[MIN_PASSPHRASE_SCORE]}”. Four or five unrelated words work well.
        </Typography>
      )}
    </Stack>
  );
}
