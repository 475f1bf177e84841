import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { certificateSigningText, subjectDigest, type CertificateBody, type SignedCertificate } from '../../core/deletion/deletion-certificate';
import { refLabel, type CustomerIdentifiers } from '../../core/deletion/customer-match';
import { planDeletion, type DeletionPlan, type RecordingFinding } from '../../core/deletion/deletion-plan';
import type { Crypto } from '../../core/ports/crypto';
import type { TeamCrypto } from '../../core/ports/team-crypto';
import type { Setting } from '../../core/settings/settings-store';
import type { ShareSender } from '../team/share-sender';
import type { OpenVault } from '../vault/open-vault';
import { certificatePdf } from './certificate-document';
import { findCustomer, findCustomerCalls } from './customer-finder';

/**
 * A customer deletion request, run on this vault: find (customer-finder.ts), plan
 * (deletion-plan.ts), revoke the shared clips of calls that go (before the calls, so a revocation
 * that fails leaves its outbox entry to revoke again later), destroy through
 * `OpenVault.destroyArtifacts` (the one place that destroys; a held call is never passed to it),
 * scrub once, audit (ids and counts only), and sign the certificate. A dry run finds and plans only.
 */

export interface DeletionDeps {
  readonly crypto: Crypto;
  readonly teamCrypto: () => Promise<TeamCrypto>;
  readonly sender: ShareSender;
  /** The policy in force: its version as shown and its content hash. Without one nothing is destroyed. */
  readonly policy: () => Promise<{ readonly version: string; readonly hash: string }>;
}

export interface DeletionOutcome {
  readonly requestId: string;
  readonly dryRun: boolean;
  readonly found: CertificateBody['found'];
  /** Calls with no recording in which the customer was found. */
  readonly callsFound: NonNullable<CertificateBody['callsFound']>;
  readonly plan: DeletionPlan;
  readonly certificate: SignedCertificate | null;
  readonly pdf: Uint8Array<ArrayBuffer> | null;
}

/** The vault's own certificate key (when not enrolled with a team): Ed25519, made on first use. */
export const CERTIFICATE_KEY: Setting<{ secretKey: string; createdAt: string }> = {
  key: 'deletion.certificateKey',
  schema: z.object({ secretKey: z.base64(), createdAt: z.string() }),
};

export function foundView(findings: readonly RecordingFinding[]): CertificateBody['found'] {
  return findings.map((f) => ({ recordingId: f.recordingId, where: f.hits.map((h) => ({ where: h.where, detail: h.detail, identifiers: h.refs.map(refLabel) })) }));
}

/** `requestId`: an organisation-wide request's id (org-deletion.ts), so the certificate answers it; else a fresh one. */
export async function runDeletionRequest(vault: OpenVault, deps: DeletionDeps, identifiers: CustomerIdentifiers, options: { readonly dryRun: boolean; readonly requestId?: string | undefined }): Promise<DeletionOutcome> {
  const requestId = options.requestId ?? randomUUID();
  const findings = findCustomer(vault, identifiers);
  const callFindings = findCustomerCalls(vault, identifiers);
  const plan = planDeletion(findings, callFindings);
  const found = foundView(findings);
  const callsFound = callFindings.map((c) => ({ callId: c.callId, where: c.hits.map((h) => ({ where: h.where, detail: h.detail, identifiers: h.refs.map(refLabel) })) }));
  if (options.dryRun) {
    return { requestId, dryRun: true, found, callsFound, plan, certificate: null, pdf: null };
  }
  const policy = await deps.policy();
  vault.audit.record('deletion.request_started', { requestId, calls: findings.length });

  const recordingOf = new Map(findings.flatMap((f) => f.clips.map((c) => [c.shareId, f.recordingId] as const)));
  const clips: CertificateBody['clips'][number][] = [];
  for (const shareId of plan.revoke) {
    const wasPending = vault.team.outboxEntry(shareId)?.state === 'pending';
    let outcome: CertificateBody['clips'][number]['outcome'];
    try {
      await deps.sender.revoke(vault, shareId);
      outcome = wasPending ? 'withdrawn-from-outbox' : 'revoked-on-server';
    } catch (error) {
      // Offline or refused: the entry stays in the outbox as sent and the revocation is queued;
      // the outbox retries it at each sync and signs a follow-up note when the server confirms.
      vault.revocations.enqueue({ shareId, recordingId: recordingOf.get(shareId) ?? '', requestId, queuedAt: vault.now().toISOString(), lastError: errorText(error) });
      vault.audit.record('deletion.revocation_queued', { requestId, share: shareId });
      outcome = 'revocation-queued';
    }
    clips.push({ shareId, recordingId: recordingOf.get(shareId) ?? '', outcome, at: vault.now().toISOString() });
  }

  const day = vault.now().toISOString().slice(0, 10);
  const rule = `deletion-request:${requestId}`;
  const items = plan.destroy.flatMap((d) => d.artifacts.map((artifact) => ({ recordingId: d.recordingId, artifact, rule, dueOn: day })));
  const destroyedAt = vault.now().toISOString();
  if (items.length > 0) {
    vault.destroyArtifacts(items);
  }
  // Calls with no recording go whole: metadata and consent records' personal fields become digests, notes are destroyed.
  const callsErased = plan.eraseCalls.filter((callId) => vault.eraseCall(callId, rule)).map((callId) => ({ callId, at: destroyedAt }));
  if (items.length > 0 || callsErased.length > 0) {
    vault.scrub();
  }
  vault.audit.record('deletion.request_completed', {
    requestId,
    calls: findings.length,
    destroyed: plan.destroy.length,
    kept: plan.kept.length,
    clipsRevoked: clips.filter((c) => c.outcome === 'revoked-on-server' || c.outcome === 'withdrawn-from-outbox').length,
    clipsQueued: clips.filter((c) => c.outcome === 'revocation-queued').length,
    callsErased: callsErased.length,
    callsKept: plan.keptCalls.length,
  });

  const identity = vault.team.identity();
  const unsigned: Omit<CertificateBody, 'signer'> = {
    v: 1,
    kind: 'callvault-deletion-certificate',
    requestId,
    subject: { digest: subjectDigest(deps.crypto, identifiers), emails: identifiers.emails.length, names: identifiers.names.length, phones: identifiers.phones.length, accounts: identifiers.accounts.length },
    performedAt: destroyedAt,
    performedBy: { profile: vault.profile.displayName, memberId: identity?.memberId ?? null, role: identity?.role ?? null },
    policy: { version: policy.version, hash: policy.hash },
    found,
    destroyed: plan.destroy.map((d) => ({ recordingId: d.recordingId, artifacts: [...d.artifacts], whole: d.whole, at: destroyedAt })),
    kept: plan.kept.map((k) => ({ recordingId: k.recordingId, holds: k.holds.map((h) => ({ id: h.id, exemptionId: h.exemptionId })), clips: [...k.clips] })),
    clips,
    callsFound,
    callsErased,
    callsKept: plan.keptCalls.map((k) => ({ callId: k.callId, holds: k.holds.map((h) => ({ id: h.id, exemptionId: h.exemptionId })) })),
  };
  const certificate = await signCertificate(vault, deps, unsigned);
  vault.audit.record('deletion.certificate_signed', { requestId, signer: certificate.certificate.signer.kind, keyId: certificate.certificate.signer.keyId });
  return { requestId, dryRun: false, found, callsFound, plan, certificate, pdf: certificatePdf(certificate) };
}

async function signCertificate(vault: OpenVault, deps: SigningDeps, unsigned: Omit<CertificateBody, 'signer'>): Promise<SignedCertificate> {
  return signAs(vault, deps, (signer) => ({ ...unsigned, signer }), certificateSigningText, (certificate, signature) => ({ certificate, signature }));
}

export type SigningDeps = Pick<DeletionDeps, 'crypto' | 'teamCrypto'>;
type Signer = CertificateBody['signer'];

/**
 * Signs a document with the key that signs this vault's deletion certificates: the device's team
 * signing key when enrolled (the key the server knows for this member), else the vault's own
 * certificate key. `build` puts the signer into the body before the text is made.
 */
export async function signAs<B, S>(vault: OpenVault, deps: SigningDeps, build: (signer: Signer) => B, text: (body: B) => string, wrap: (body: B, signature: string) => S): Promise<S> {
  const identity = vault.team.identity();
  if (identity !== undefined) {
    const teamCrypto = await deps.teamCrypto();
    const keys = teamCrypto.memberKeysFrom(identity);
    const body = build({ kind: 'team-device', keyId: identity.memberId, publicKey: b64(keys.signingPublic) });
    return wrap(body, b64(teamCrypto.sign(keys.signingSecret, text(body))));
  }
  const keys = vaultCertificateKey(vault, deps.crypto);
  try {
    const body = build({ kind: 'vault', keyId: `vault:${keyIdOf(deps.crypto, keys.publicKey)}`, publicKey: b64(keys.publicKey) });
    return wrap(body, b64(deps.crypto.sign(keys.secretKey, new TextEncoder().encode(text(body)))));
  } finally {
    deps.crypto.wipe(keys.secretKey);
  }
}

/** A network or server message, never content; cut short for the queue's row. */
function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : 'unknown error').slice(0, 300);
}

function vaultCertificateKey(vault: OpenVault, crypto: Crypto): ReturnType<Crypto['signingKeyFromBytes']> {
  const stored = vault.settings.read(CERTIFICATE_KEY);
  if (stored !== undefined) {
    return crypto.signingKeyFromBytes(Buffer.from(stored.secretKey, 'base64'));
  }
  const pair = crypto.newSigningKeyPair();
  vault.settings.write(CERTIFICATE_KEY, { secretKey: b64(pair.secretKey), createdAt: vault.now().toISOString() });
  return pair;
}

/** The vault certificate key's public half, for checking its certificates; made on first use. */
export function vaultCertificatePublicKey(vault: OpenVault, crypto: Crypto): string {
  const keys = vaultCertificateKey(vault, crypto);
  crypto.wipe(keys.secretKey);
  return b64(keys.publicKey);
}

function keyIdOf(crypto: Crypto, publicKey: Uint8Array): string {
  return Buffer.from(crypto.hash(publicKey)).toString('hex').slice(0, 16);
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
