import Stack from '@mui/material/Stack';
import type { ReactNode } from 'react';

/**
 * A vertical form that submits on Enter or its submit button: the browser's own submission is
 * prevented, and `onSubmit` runs only while `ready` (fields filled in, nothing in progress).
 */
export function SubmitForm({ ready, onSubmit, children }: { readonly ready: boolean; readonly onSubmit: () => Promise<void>; readonly children: ReactNode }) {
  return (
    <Stack
      component="form"
      spacing={2}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) {
          void onSubmit();
        }
      }}
    >
      {children}
    </Stack>
  );
}
