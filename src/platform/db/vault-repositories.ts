import type { ArtifactSealer } from '../../core/ports/artifact-sealer';
import type { ApprovalWriter } from '../../core/calls/approval';
import type { CallRepo } from '../../core/calls/call';
import type { AcknowledgmentRepo } from '../../core/policy/acknowledgment-store';
import type { RecordingReader, RecordingWriter } from '../../core/recordings/recording';
import type { TagRepo } from '../../core/tags/tag';
import type { SettingsRepo } from '../../core/settings/settings-store';
import type { SearchIndexReader, SearchIndexWriter } from '../../core/ports/search-index';
import type { JobRepo } from '../../core/transcription/job';
import type { RedactionSetRepo, TranscriptRepo } from '../../core/transcription/transcript-store';
import { createAcknowledgmentRepo } from './acknowledgment-repo';
import { createApprovalRepo } from './approval-repo';
import { createAuditRepo, type AuditRepo } from './audit-repo';
import { createCallRepo } from './call-repo';
import type { Db } from './connection';
import { createRecordingReader, createRecordingWriter } from './recording-repo';
import { createRedactionSetRepo } from './redaction-set-repo';
import { createSearchIndexReader, createSearchIndexWriter } from './search-index-repo';
import { createSettingsRepo } from './settings-repo';
import { createTagRepo } from './tag-repo';
import { createTranscriptRepo } from './transcript-repo';
import { createJobRepo } from './transcription-job-repo';
import { createPeaksRepo } from './peaks-repo';
import { createLibraryReader } from './library-repo';
import type { LibraryReader } from '../../core/recordings/library';
import type { PeaksRepo } from '../../core/recordings/waveform-peaks';
import type { RetentionReader, RetentionWriter } from '../../core/retention/retention-store';
import { createRetentionRepo } from './retention-repo';
import type { TeamRepo } from '../../core/team/team-store';
import { createTeamRepo } from './team-repo';
import type { SummaryRepo } from '../../core/summary/summary-store';
import { createSummaryRepo } from './summary-repo';
import type { RevocationQueueRepo } from '../../core/deletion/revocation-queue';
import { createRevocationQueueRepo } from './revocation-queue-repo';

/** Every repository of one vault database, one per aggregate, built together over one connection. */
export interface VaultRepositories {
  readonly recordings: RecordingReader;
  readonly recordingWriter: RecordingWriter;
  readonly calls: CallRepo;
  readonly acknowledgments: AcknowledgmentRepo;
  readonly approvals: ApprovalWriter;
  readonly transcripts: TranscriptRepo;
  readonly redactionSets: RedactionSetRepo;
  readonly jobs: JobRepo;
  readonly tags: TagRepo;
  readonly settings: SettingsRepo;
  readonly searchIndex: SearchIndexWriter;
  readonly search: SearchIndexReader;
  readonly audit: AuditRepo;
  readonly peaks: PeaksRepo;
  readonly library: LibraryReader;
  readonly retention: RetentionReader & RetentionWriter;
  readonly team: TeamRepo;
  readonly summaries: SummaryRepo;
  readonly revocations: RevocationQueueRepo;
}

/** `sealer` seals and opens the per-recording free text (transcripts, notes, tags) under artifact keys. */
export function createVaultRepositories(db: Db, sealer: ArtifactSealer): VaultRepositories {
  return {
    recordings: createRecordingReader(db),
    recordingWriter: createRecordingWriter(db),
    calls: createCallRepo(db, sealer),
    acknowledgments: createAcknowledgmentRepo(db),
    approvals: createApprovalRepo(db),
    transcripts: createTranscriptRepo(db, sealer),
    redactionSets: createRedactionSetRepo(db, sealer),
    jobs: createJobRepo(db, sealer),
    tags: createTagRepo(db, sealer),
    settings: createSettingsRepo(db),
    searchIndex: createSearchIndexWriter(db, sealer),
    search: createSearchIndexReader(db, sealer),
    audit: createAuditRepo(db),
    peaks: createPeaksRepo(db),
    library: createLibraryReader(db),
    retention: createRetentionRepo(db),
    team: createTeamRepo(db),
    summaries: createSummaryRepo(db),
    revocations: createRevocationQueueRepo(db),
  };
}
