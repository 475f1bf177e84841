import path from 'node:path';
import { formatPolicyError } from '../../core/policy';
import { topicPolicyFrom } from '../../core/policy/topic-policy';
import { applyTopicPolicy, FINDING_TYPES, isFindingType, type FindingType, type TopicPolicy } from '../../core/redaction';
import { transcriptDocument } from '../../core/transcription/transcript';
import type { RedactionReviewView } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import type { PolicySource } from '../calls/policy-source';
import { buildSharedArtifact, writeArtifact } from '../export/shared-artifact';
import { latestTranscript, reviewState, saveReview, storedReview, uncoveredFindings } from '../redaction/redaction-review';
import type { OpenVault } from '../vault/open-vault';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

/**
 * The rep's redaction review in the app, and the one way transcript text leaves it (copy for a
 * CRM): both read the policy afresh, and an unreadable policy means nothing can be reviewed.
 */
export function redactionHandlers(session: VaultSession, policies: PolicySource): Handlers<'redaction.review' | 'redaction.saveReview' | 'export.redactedText' | 'export.toFolder'> {
  const policy = async () => {
    const load = await policies.load();
    if (!load.ok) {
      const detail = load.errors.map((e) => formatPolicyError(load.source, e)).join('; ') || load.message;
      throw new AppFailure('POLICY_UNAVAILABLE', `The policy cannot be read, so nothing can be reviewed or shared (${detail}). Ask sales operations to fix the policy.`);
    }
    return load.loaded;
  };
  return {
    'redaction.review': async ({ recordingId }) => {
      session.requireVault();
      const topicPolicy = topicPolicyFrom((await policy()).policy);
      return reviewView(session.requireVault(), recordingId, topicPolicy);
    },
    'redaction.saveReview': async ({ recordingId, version, added, dismissed }) => {
      session.requireVault();
      const loaded = await policy();
      const vault = session.requireVault();
      const topicPolicy = topicPolicyFrom(loaded.policy);
      saveReview(
        vault,
        recordingId,
        version,
        { added: added.map((a) => ({ ...a, type: findingType(a.type) })), dismissed: dismissed.map((d) => ({ ...d, type: findingType(d.type) })) },
        { reviewer: vault.profile.displayName, policyHash: loaded.hash, topicPolicy, now: vault.now() },
      );
      return reviewView(vault, recordingId, topicPolicy);
    },
    'export.redactedText': ({ recordingId }) => {
      const artifact = buildSharedArtifact(session.requireVault(), { recordingId, audio: false, purpose: 'copy for CRM' });
      return { version: artifact.version, text: artifact.text, redactedFindings: artifact.redactedFindings, redactedSegments: artifact.redactedSegments };
    },
    'export.toFolder': async ({ recordingId, folder, audio, clip, purpose, formats }) => {
      if (!path.isAbsolute(folder)) {
        throw new AppFailure('BAD_REQUEST', 'Give the folder to export into as an absolute path.');
      }
      const artifact = buildSharedArtifact(session.requireVault(), { recordingId, audio, clip, purpose, formats });
      const files = await writeArtifact(artifact, folder, formats);
      return { version: artifact.version, files, redactedFindings: artifact.redactedFindings, redactedSegments: artifact.redactedSegments };
    },
  };
}

function findingType(name: string): FindingType {
  if (!isFindingType(name)) {
    throw new AppFailure('BAD_REQUEST', `"${name}" is not a kind of sensitive data CallVault knows (${FINDING_TYPES.join(', ')}).`);
  }
  return name;
}

/** The latest version's review as the UI shows it; topic flags from the policy in force. */
function reviewView(vault: OpenVault, recordingId: string, topicPolicy: TopicPolicy): RedactionReviewView {
  const transcript = latestTranscript(vault, recordingId);
  const topics = applyTopicPolicy(transcript.segments.map((s) => s.text), topicPolicy).decisions.map((d) => ({ segment: d.segment, topic: d.topic, action: d.action }));
  const doc = transcriptDocument(transcript.segments);
  const saved = storedReview(vault, recordingId, transcript.version);
  const state = reviewState(transcript, saved?.review);
  const restricted = [...new Set(topics.filter((t) => t.action === 'restrict').map((t) => t.topic))];
  const stale = saved !== undefined && uncoveredFindings(doc.text, saved.review).length > 0;
  return {
    recordingId,
    version: transcript.version,
    text: doc.text,
    segments: transcript.segments.map((s, i) => ({ speaker: s.speaker, startMs: s.startMs, endMs: s.endMs, charStart: doc.segments[i]?.charStart ?? 0, charEnd: doc.segments[i]?.charEnd ?? 0 })),
    findings: state.findings.map((f) => ({ id: f.id, type: f.type, start: f.start, end: f.end, rule: f.rule, origin: f.origin, confidence: f.confidence, dismissed: state.dismissals.get(f.id)?.reason ?? null })),
    topics,
    findingTypes: [...FINDING_TYPES],
    saved: saved ? { reviewedAt: saved.reviewedAt, reviewedBy: saved.reviewedBy, upToDate: !stale } : null,
    shareBlocked:
      restricted.length > 0
        ? `The policy restricts sharing this call: it touches ${restricted.join(', ')}. It cannot be shared without approval.`
        : null,
  };
}
