import Link from '@mui/material/Link';
import { focusMain, MAIN_ID } from '../shell/focus-on-screen';

/** The first thing Tab reaches: hidden until focused, it jumps past the app bar to the screen's content. */
export function SkipLink() {
  return (
    <Link
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        event.preventDefault(); // the page's hash is the browser host's business
        focusMain();
      }}
      sx={{
        position: 'absolute',
        left: 8,
        top: -48,
        zIndex: 2000,
        px: 2,
        py: 1,
        borderRadius: 1,
        bgcolor: 'background.paper',
        color: 'primary.main',
        border: 2,
        borderColor: 'primary.main',
        '&:focus': { top: 8 },
      }}
    >
      Skip to main content
    </Link>
  );
}
