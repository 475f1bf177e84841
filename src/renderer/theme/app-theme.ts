import { createTheme, type PaletteMode, type Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useMemo } from 'react';

// System fonts only: the renderer loads nothing from the network (see the CSP in index.html).
const SANS =
  'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", "Helvetica Neue", Arial, sans-serif';
export const MONO =
  'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace';

export function createAppTheme(mode: PaletteMode): Theme {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'dark' ? '#7fb0ff' : '#1f5fbf' },
      background: mode === 'dark' ? { default: '#121417', paper: '#1b1e23' } : { default: '#f4f6f9', paper: '#ffffff' },
    },
    shape: { borderRadius: 10 },
    typography: { fontFamily: SANS },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
    },
  });
}

/** The app theme, light or dark as the operating system prefers, switching live. */
export function useAppTheme(): Theme {
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  return useMemo(() => createAppTheme(prefersDark ? 'dark' : 'light'), [prefersDark]);
}
