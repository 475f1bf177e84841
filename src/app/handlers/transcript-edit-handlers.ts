import { readVocabulary, vocabularyView, writeVocabulary } from '../transcripts/vocabulary';
import { diffVersions, replaceAll, restoreVersion, saveVersion, speakersOf, versionsOf } from '../transcripts/transcript-versions';
import type { AppEventSink } from '../app-events';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

/** Correcting transcripts: versions, diffs, restores, find and replace, speaker names, vocabulary. */
export function transcriptEditHandlers(
  session: VaultSession,
  events: AppEventSink,
): Handlers<'transcripts.saveVersion' | 'transcripts.versions' | 'transcripts.diff' | 'transcripts.restore' | 'transcripts.replaceAll' | 'transcripts.speakers' | 'vocabulary.get' | 'vocabulary.set'> {
  return {
    'transcripts.saveVersion': (input) => saveVersion(session.requireVault(), events, input),
    'transcripts.versions': ({ recordingId }) => versionsOf(session.requireVault(), recordingId),
    'transcripts.diff': (input) => diffVersions(session.requireVault(), input),
    'transcripts.restore': (input) => restoreVersion(session.requireVault(), events, input),
    'transcripts.replaceAll': (input) => replaceAll(session.requireVault(), events, input),
    'transcripts.speakers': ({ recordingId, version }) => speakersOf(session.requireVault(), recordingId, version),
    'vocabulary.get': () => vocabularyView(readVocabulary(session.requireVault())),
    'vocabulary.set': ({ terms }) => writeVocabulary(session.requireVault(), terms),
  };
}
