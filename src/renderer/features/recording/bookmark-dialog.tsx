import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';

type Props = { onSave: (note: string) => void; onClose: () => void };

/** A marker in the recording; the note is optional, so Enter right away just drops the marker. */
export function BookmarkDialog({ onSave, onClose }: Props) {
  const [note, setNote] = useState('');
  return (
    <Dialog open onClose={onClose} aria-labelledby="bookmark-title" fullWidth maxWidth="xs">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSave(note.trim());
        }}
      >
        <DialogTitle id="bookmark-title">Bookmark this moment</DialogTitle>
        <DialogContent>
          <TextField
            label="Bookmark note (optional)"
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
            }}
            autoFocus
            fullWidth
            slotProps={{ htmlInput: { maxLength: 500 } }}
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained">
            Add bookmark
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
