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
      // MUI's light warning orange (#ed6c02) is 3.0:1 on white: too faint for "Paused" and
      // "Not recording yet". This one is 5.6:1, and the dark theme's stays light on dark.
      warning: { main: mode === 'dark' ? '#ffb74d' : '#a14d00' },
      background: mode === 'dark' ? { default: '#121417', paper: '#1b1e23' } : { default: '#f4f6f9', paper: '#ffffff' },
    },
    shape: { borderRadius: 10 },
    typography: { fontFamily: SANS },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      // MUI renders subtitle text as <h6> by default, which made labels (meters, counts,
      // participants) headings that skipped levels: they are paragraphs unless a screen says so.
      MuiTypography: { defaultProps: { variantMapping: { subtitle1: 'p', subtitle2: 'p' } } },
      // An unselected toggle's grey (action.active) fell to 4.47:1 on its hover background.
      MuiToggleButton: { styleOverrides: { root: ({ theme }) => ({ color: theme.palette.text.secondary }) } },
    },
  });
}

/** The app theme, light or dark as the operating system prefers, switching live. */
export function useAppTheme(): Theme {
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  return useMemo(() => createAppTheme(prefersDark ? 'dark' : 'light'), [prefersDark]);
}
