import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode, Ref } from 'react';

type Props = {
  /** The heading's id; the region is labelled by it. */
  id: string;
  title: string;
  children: ReactNode;
  testId?: string | undefined;
  ref?: Ref<HTMLElement> | undefined;
  tabIndex?: number | undefined;
};

/** One outlined, titled region of the call page (an h2 that labels it, its content below). */
export function TitledSection({ id, title, children, testId, ref, tabIndex }: Props) {
  return (
    <Paper ref={ref} variant="outlined" component="section" aria-labelledby={id} data-testid={testId} tabIndex={tabIndex} sx={{ p: 2 }}>
      <Stack spacing={1}>
        <Typography id={id} variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {children}
      </Stack>
    </Paper>
  );
}
