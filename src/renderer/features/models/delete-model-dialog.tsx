import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import type { ModelView } from '../../../shared/contract';
import { formatBytes } from './model-format';

type Props = { model: ModelView; busy: boolean; onCancel: () => void; onConfirm: () => void };

/** DANGEROUS: confirms deleting a model file; nothing else is touched. */
export function DeleteModelDialog({ model, busy, onCancel, onConfirm }: Props) {
  return (
    <Dialog open onClose={busy ? undefined : onCancel} aria-labelledby="delete-model-title" aria-describedby="delete-model-text">
      <DialogTitle id="delete-model-title">Delete {model.name}?</DialogTitle>
      <DialogContent>
        <DialogContentText id="delete-model-text">
          This deletes the model file ({formatBytes(model.bytes)}) from this computer. Recordings and transcripts stay as they
          are, but transcribing with {model.name} stops working until you download or import it again.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy}>
          Keep it
        </Button>
        <Button color="error" variant="contained" onClick={onConfirm} disabled={busy} data-testid="model-delete-confirm">
          Delete model
        </Button>
      </DialogActions>
    </Dialog>
  );
}
