import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { FindReplace, VocabularyEditor } from '../transcript-edit/find-replace';
import { VersionHistory } from '../transcript-edit/version-history';

function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} data-testid={testId} sx={{ p: 2 }}>
      <Stack spacing={1}>
        <Typography id={id} variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {children}
      </Stack>
    </Paper>
  );
}

type Props = {
  recordingId: string;
  version: number | null;
  editing: boolean;
  onNotice: (text: string) => void;
};

/** The call page's correction tools beside the transcript: versions, find and replace, vocabulary. */
export function ReviewSections({ recordingId, version, editing, onNotice }: Props) {
  return (
    <>
      {version !== null && (
        <Section id="versions-title" title="Versions" testId="versions-section">
          <VersionHistory recordingId={recordingId} onNotice={onNotice} />
        </Section>
      )}
      {version !== null && (
        <Section id="find-replace-title" title="Find and replace">
          <FindReplace recordingId={recordingId} baseVersion={version} editing={editing} onNotice={onNotice} />
        </Section>
      )}
      <Section id="vocabulary-title" title="Your vocabulary">
        <VocabularyEditor onNotice={onNotice} />
      </Section>
    </>
  );
}
