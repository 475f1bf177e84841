import Typography from '@mui/material/Typography';
import type { MethodOutput } from '../../../shared/contract';

type Origin = MethodOutput<'policy.overview'>['origin'];

/** Which policy is in force and where it comes from: the organisation's signed one, a local file, or the default. */
export function PolicyOriginNote({ origin }: { origin: Origin }) {
  return (
    <Typography variant="body2" color="text.secondary" data-testid="policy-in-force" data-kind={origin.kind}>
      Policy in force: {origin.label}
    </Typography>
  );
}
