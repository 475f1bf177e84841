import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';

/** Something could not be loaded: what went wrong, and a "Try again" that loads it again. */
export function RetryAlert({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          Try again
        </Button>
      }
    >
      {message}
    </Alert>
  );
}
