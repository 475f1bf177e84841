import path from 'node:path';
import { proposeExtractive } from '../../core/summary';
import type { SummaryGate } from '../../core/policy/policy-schema';
import { AppFailure } from '../app-failure';
import type { PolicySource } from '../calls/policy-source';
import { buildSharedSummary, writeSummaryArtifact } from '../export/shared-artifact';
import { reviewSummary, saveDraft, summaryInput, summaryView } from '../summary/summary-versions';
import type { SummaryModelService } from '../summary/summary-model-service';
import { rolesOf } from '../vault/profile-roles';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

/**
 * Summaries: drafting (from the redacted transcript; the model drafter runs in its own process),
 * the rep's review, and the two ways out, both through the export gate.
 */
export function summaryHandlers(
  session: VaultSession,
  policies: PolicySource,
  models: SummaryModelService | undefined,
): Handlers<'summary.draft' | 'summary.get' | 'summary.cancel' | 'summary.review' | 'summary.export' | 'summary.copyAsCrmNote' | 'summaryModels.list' | 'summaryModels.import' | 'summaryModels.download' | 'summaryModels.cancelDownload' | 'summaryModels.verify' | 'summaryModels.delete'> {
  const requireModels = (): SummaryModelService => {
    if (models === undefined) {
      throw new AppFailure('MODEL_UNAVAILABLE', 'Summary models are not available in this build. Draft an extractive summary (no model needed).');
    }
    return models;
  };
  /** The uses the policy requires a review before; undefined (every use) when the policy cannot be read. */
  const requiredBefore = async (): Promise<readonly SummaryGate[] | undefined> => {
    const load = await policies.load();
    return load.ok ? load.loaded.policy.summaryReview.requiredBefore : undefined;
  };
  return {
    'summary.draft': async ({ recordingId, drafter }) => {
      const input = summaryInput(session.requireVault(), recordingId);
      if (drafter !== 'model') {
        saveDraft(session.requireVault(), recordingId, input.transcriptVersion, input.segments, { drafter: 'extractive', model: null, items: proposeExtractive(input.segments) });
        return summaryView(session.requireVault(), recordingId);
      }
      const drafted = await requireModels().draft(recordingId, input.segments);
      // The vault may have been locked while the model worked: requireVault again.
      saveDraft(session.requireVault(), recordingId, input.transcriptVersion, input.segments, { drafter: 'model', model: drafted.model, items: drafted.items });
      return summaryView(session.requireVault(), recordingId);
    },
    'summary.get': ({ recordingId }) => summaryView(session.requireVault(), recordingId),
    'summary.cancel': ({ recordingId }) => {
      session.requireVault();
      return { cancelled: models?.cancel(recordingId) ?? false };
    },
    // Model files hold no customer data; the vault must be open so that a trust is audited in it.
    'summaryModels.list': () => {
      session.requireVault();
      return requireModels().list();
    },
    'summaryModels.download': ({ name }) => {
      session.requireVault();
      return requireModels().download(name);
    },
    'summaryModels.cancelDownload': ({ name }) => {
      session.requireVault();
      return requireModels().cancelDownload(name);
    },
    'summaryModels.verify': ({ name }) => {
      session.requireVault();
      return requireModels().verify(name);
    },
    'summaryModels.delete': ({ name }) => {
      session.requireVault();
      return requireModels().delete(name);
    },
    'summaryModels.import': ({ path: file, name, trust }) => {
      const vault = session.requireVault();
      if (trust !== true) {
        return requireModels().import(file, { name });
      }
      const roles = rolesOf(vault);
      if (!roles.includes('admin')) {
        throw new AppFailure('POLICY_BLOCKED', `Trusting a summary model file needs the admin role; profile "${vault.profile.id}" has ${roles.join(', ')}. Ask an administrator, or import a file that matches the manifest.`);
      }
      return requireModels().import(file, {
        name,
        trust: {
          by: { profileId: vault.profile.id },
          roleChecked: 'admin',
          audit: (record) => {
            vault.audit.record('model.trusted', { kind: 'summary', name: record.name, file: record.file, sha256: record.sha256, bytes: record.bytes });
          },
        },
      });
    },
    'summary.review': ({ recordingId, version, decisions }) => {
      reviewSummary(session.requireVault(), recordingId, version, decisions);
      return summaryView(session.requireVault(), recordingId);
    },
    'summary.export': async ({ recordingId, folder, purpose, use }) => {
      if (!path.isAbsolute(folder)) {
        throw new AppFailure('BAD_REQUEST', 'Give the folder to export into as an absolute path.');
      }
      const reviewRequiredBefore = await requiredBefore();
      const shared = buildSharedSummary(session.requireVault(), { recordingId, purpose, use, reviewRequiredBefore });
      return { summaryVersion: shared.summaryVersion, transcriptVersion: shared.transcriptVersion, reviewed: shared.reviewed, files: writeSummaryArtifact(shared, folder) };
    },
    'summary.copyAsCrmNote': async ({ recordingId }) => {
      const reviewRequiredBefore = await requiredBefore();
      const shared = buildSharedSummary(session.requireVault(), { recordingId, purpose: 'copy as CRM note', use: 'update-crm-notes', reviewRequiredBefore });
      return { summaryVersion: shared.summaryVersion, transcriptVersion: shared.transcriptVersion, reviewed: shared.reviewed, text: shared.note };
    },
  };
}
