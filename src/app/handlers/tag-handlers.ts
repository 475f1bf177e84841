import { formatPolicyError, type Policy } from '../../core/policy';
import type { RecordingSummary } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import type { AppEventSink } from '../app-events';
import type { PolicySource } from '../calls/policy-source';
import { acceptSuggestion, addTag, rejectSuggestion, removeTag, suggestionsFor, tagViews } from '../tags/tag-service';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

/**
 * Tags and suggestions. The taxonomy and the suggestion rules come from the policy, read afresh
 * for each call: without a readable policy nothing can be tagged or suggested (listing and
 * removing what is there still works, with tag ids for labels).
 */
export function tagHandlers(
  session: VaultSession,
  policies: PolicySource,
  events: AppEventSink,
): Handlers<'tags.taxonomy' | 'tags.list' | 'tags.add' | 'tags.remove' | 'tags.suggestions' | 'tags.accept' | 'tags.reject' | 'tags.recordings' | 'tags.byRecording'> {
  const policy = async (): Promise<Policy> => {
    const load = await policies.load();
    if (!load.ok) {
      const detail = load.errors.map((e) => formatPolicyError(load.source, e)).join('; ') || load.message;
      throw new AppFailure('POLICY_UNAVAILABLE', `The policy cannot be read, so its tags are unknown (${detail}). Ask sales operations to fix the policy.`);
    }
    return load.loaded.policy;
  };
  const policyIfReadable = async (): Promise<Policy | undefined> => {
    const load = await policies.load();
    return load.ok ? load.loaded.policy : undefined;
  };
  return {
    'tags.taxonomy': async () => {
      session.requireVault();
      return (await policy()).tags.map((t) => ({ id: t.id, label: t.label, suggests: t.suggest !== undefined }));
    },
    'tags.list': async ({ recordingId }) => {
      session.requireVault();
      const loaded = await policyIfReadable();
      return tagViews(session.requireVault(), recordingId, loaded);
    },
    'tags.add': async (input) => {
      session.requireVault();
      const loaded = await policy();
      return addTag(session.requireVault(), events, loaded, input);
    },
    'tags.remove': async ({ recordingId, id }) => {
      session.requireVault();
      const loaded = await policyIfReadable();
      return removeTag(session.requireVault(), events, loaded, recordingId, id);
    },
    'tags.suggestions': async ({ recordingId }) => {
      session.requireVault();
      const loaded = await policy();
      return suggestionsFor(session.requireVault(), loaded, recordingId);
    },
    'tags.accept': async ({ recordingId, suggestionId }) => {
      session.requireVault();
      const loaded = await policy();
      return acceptSuggestion(session.requireVault(), events, loaded, recordingId, suggestionId);
    },
    'tags.reject': async ({ recordingId, suggestionId }) => {
      session.requireVault();
      const loaded = await policy();
      return rejectSuggestion(session.requireVault(), events, loaded, recordingId, suggestionId);
    },
    'tags.recordings': ({ tags }) => {
      const vault = session.requireVault();
      const wanted = new Set(vault.tags.recordingsWith(tags));
      return vault.recordings
        .list()
        .filter((r) => wanted.has(r.id))
        .map(({ id, title, callType, startedAt, durationMs, status, recoveredAtMs }): RecordingSummary => ({ id, title, callType, startedAt, durationMs, status, recoveredAtMs }));
    },
    'tags.byRecording': () => [...session.requireVault().tags.byRecording()].map(([recordingId, tags]) => ({ recordingId, tags })),
  };
}
