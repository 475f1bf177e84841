import Alert from '@mui/material/Alert';
import type { CallView } from '../../../shared/contract';

/** The consent gate in words: open, or whom it still waits for, or who said no. */
export function ConsentGateNote({ gate }: { gate: CallView['gate'] }) {
  if (gate.open) {
    return (
      <Alert severity="success" data-testid="consent-gate">
        Everyone whose consent the policy requires has agreed. You may start recording.
      </Alert>
    );
  }
  if (gate.reason === 'waiting') {
    return (
      <Alert severity="info" data-testid="consent-gate">
        Waiting for consent from {gate.waitingFor.join(', ')}.
      </Alert>
    );
  }
  return (
    <Alert severity="error" data-testid="consent-gate">
      {gate.who} {gate.reason === 'declined' ? 'declined' : 'withdrew'} consent: this call is not recorded.
    </Alert>
  );
}
