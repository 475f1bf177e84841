import { z } from 'zod';
import { formatPolicyError, reviewNoticeFor, reviewStatus } from '../../core/policy';
import type { Setting } from '../../core/settings/settings-store';
import type { CallService } from '../calls/call-service';
import { PERSONAL_INSTALL } from '../calls/install-authority';
import type { PolicyOrigin, PolicySource } from '../calls/policy-source';
import type { MethodOutput } from '../../shared/contract';
import type { OpenVault } from '../vault/open-vault';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

/** The days (YYYY-MM-DD) on which an admin recorded a policy review. */
const REVIEWS_SETTING: Setting<string[]> = { key: 'policyReviewsHeld', schema: z.array(z.iso.date()) };

function reviewsHeld(vault: OpenVault): string[] {
  return vault.settings.read(REVIEWS_SETTING) ?? [];
}

export function policyHandlers(
  session: VaultSession,
  calls: CallService,
  policies: PolicySource,
): Handlers<'policy.overview' | 'policy.acknowledgment' | 'policy.acknowledge' | 'policy.recordReview' | 'profile.roles'> {
  const overview = async () => {
    const vault = session.requireVault();
    const { load, origin } = await policies.effective();
    const originView = describeOrigin(origin);
    if (!load.ok) {
      return {
        origin: originView,
        ok: false,
        source: load.source,
        message: load.problem === 'unverified' ? load.message : `${load.message} Recording is blocked until a valid policy is in place.`,
        errors: load.errors.map((e) => formatPolicyError(load.source, e)),
        hash: null,
        name: null,
        version: null,
        callTypes: [],
        reviewNotice: null,
      };
    }
    const { policy, hash, source } = load.loaded;
    const status = reviewStatus({ rolloutDate: policy.policy.rolloutDate, schedule: policy.review, completedReviews: reviewsHeld(vault), now: vault.now() });
    return {
      origin: originView,
      ok: true,
      source,
      message: null,
      errors: [],
      hash,
      name: policy.policy.name,
      version: policy.policy.version,
      callTypes: Object.entries(policy.callTypes).map(([id, t]) => ({ id, label: t.label, rule: t.rule, approvers: [...t.approvers] })),
      reviewNotice: reviewNoticeFor(PERSONAL_INSTALL.roles, status)?.message ?? null,
    };
  };
  return {
    'policy.overview': overview,
    'policy.acknowledgment': () => calls.acknowledgment(session.requireVault()),
    'policy.acknowledge': async ({ policyHash }) => {
      const vault = session.requireVault();
      await calls.acknowledge(vault, policyHash);
      return calls.acknowledgment(vault);
    },
    'policy.recordReview': async () => {
      const vault = session.requireVault();
      const today = vault.now().toISOString().slice(0, 10);
      vault.settings.write(REVIEWS_SETTING, [...new Set([...reviewsHeld(vault), today])]);
      vault.audit.record('policy.review_held', { day: today });
      return overview();
    },
    // Roles are not chosen by the rep: without a team server the install is personal (install-authority.ts).
    'profile.roles': () => {
      session.requireVault();
      return [...PERSONAL_INSTALL.roles];
    },
  };
}

/** Where the policy in force comes from, in one line for Settings and the capture screen. */
export function describeOrigin(origin: PolicyOrigin): MethodOutput<'policy.overview'>['origin'] {
  switch (origin.kind) {
    case 'organisation': {
      const signer = origin.signer.slice(0, 16).replace(/(.{4})(?=.)/gu, '$1 ');
      const pending = origin.pendingAcceptance ? ' (a material change awaits your acceptance)' : '';
      return {
        kind: origin.kind,
        label: `Organisation policy v${String(origin.version)}, signed by your organisation's admin (key ${signer})${pending}`,
        version: origin.version,
        signer: origin.signer,
        pendingAcceptance: origin.pendingAcceptance,
      };
    }
    case 'organisation-unverified':
      return { kind: origin.kind, label: 'Organisation policy: none verified on this device yet (sync in Settings > Team)', version: null, signer: null, pendingAcceptance: false };
    case 'environment':
      return { kind: origin.kind, label: `Policy file named by CALLVAULT_POLICY: ${origin.path}`, version: null, signer: null, pendingAcceptance: false };
    case 'local-file':
      return { kind: origin.kind, label: `Local policy file: ${origin.path}`, version: null, signer: null, pendingAcceptance: false };
    case 'default':
      return { kind: origin.kind, label: 'The default policy shipped with CallVault', version: null, signer: null, pendingAcceptance: false };
  }
}
