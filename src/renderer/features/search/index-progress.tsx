import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useEvent } from '../../client/use-query';

/**
 * While the app builds the search index in the background after an unlock (a vault brought up
 * to date by a migration), how far it got. Searching works meanwhile; it only waits for the rest.
 */
export function IndexProgress() {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEvent('search.indexing', setProgress);
  if (progress === null || progress.done >= progress.total) {
    return null;
  }
  const percent = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
  return (
    <Box role="status" data-testid="search-index-progress" sx={{ mb: 1.5 }}>
      <Typography variant="caption" color="text.secondary">
        {`Preparing search: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} calls indexed. You can search meanwhile.`}
      </Typography>
      <LinearProgress variant="determinate" value={percent} aria-label="Search index progress" />
    </Box>
  );
}
