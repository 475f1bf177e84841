import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { ReactNode } from 'react';

type Props = {
  /** The title's element id, which names the dialog. */
  titleId: string;
  title: string;
  maxWidth: 'xs' | 'sm';
  /** While the request runs: the dialog cannot be dismissed and both buttons are off. */
  busy: boolean;
  /** Whether what was entered may be submitted (Enter or the submit button). */
  canSubmit: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
};

/** A dialog that is one form: its fields, then Cancel and the submit button. */
export function FormDialog({ titleId, title, maxWidth, busy, canSubmit, submitLabel, onSubmit, onClose, children }: Props) {
  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth={maxWidth}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (canSubmit && !busy) {
            onSubmit();
          }
        }}
      >
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>{children}</DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={!canSubmit || busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
