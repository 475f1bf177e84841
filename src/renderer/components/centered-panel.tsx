import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { MAIN_ID } from '../shell/focus-on-screen';

type Props = {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  width?: number;
};

/** The card in the middle of the window that every pre-library screen uses. */
export function CenteredPanel({ title, subtitle, children, width = 480 }: Props) {
  return (
    <Box component="main" id={MAIN_ID} sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 3 }}>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: width, p: { xs: 3, sm: 4 } }}>
        <Stack spacing={2.5}>
          <Stack spacing={1}>
            <Typography variant="overline" color="primary" sx={{ lineHeight: 1.5 }}>
              CallVault
            </Typography>
            <Typography variant="h5" component="h1">
              {title}
            </Typography>
            {subtitle !== undefined && (
              <Typography variant="body2" color="text.secondary">
                {subtitle}
              </Typography>
            )}
          </Stack>
          {children}
        </Stack>
      </Paper>
    </Box>
  );
}
