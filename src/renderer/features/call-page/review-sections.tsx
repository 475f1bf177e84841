import { FindReplace, VocabularyEditor } from '../transcript-edit/find-replace';
import { VersionHistory } from '../transcript-edit/version-history';
import { TitledSection } from './titled-section';

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
        <TitledSection id="versions-title" title="Versions" testId="versions-section">
          <VersionHistory recordingId={recordingId} onNotice={onNotice} />
        </TitledSection>
      )}
      {version !== null && (
        <TitledSection id="find-replace-title" title="Find and replace">
          <FindReplace recordingId={recordingId} baseVersion={version} editing={editing} onNotice={onNotice} />
        </TitledSection>
      )}
      <TitledSection id="vocabulary-title" title="Your vocabulary">
        <VocabularyEditor onNotice={onNotice} />
      </TitledSection>
    </>
  );
}
