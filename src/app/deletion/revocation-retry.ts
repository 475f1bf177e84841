import { revocationNoteSigningText, type RevocationNote, type SignedRevocationNote } from '../../core/deletion/revocation-note';
import type { ShareSender } from '../team/share-sender';
import type { OpenVault } from '../vault/open-vault';
import { signAs, type SigningDeps } from './deletion-service';

export interface RetryReport {
  readonly revoked: number;
  readonly waiting: number;
}

/**
 * Retries the clip revocations a deletion request queued (the server was unreachable then), at
 * each outbox sync. A revocation the server confirms (or that finds the clip already gone, or a
 * share never sent and now withdrawn) is marked done with a signed follow-up note to the
 * certificate and audited; one that fails again stays queued with the error (no content).
 */
export async function retryQueuedRevocations(vault: OpenVault, deps: SigningDeps & { readonly sender: ShareSender }): Promise<RetryReport> {
  let revoked = 0;
  for (const queued of vault.revocations.waiting()) {
    const entry = vault.team.outboxEntry(queued.shareId);
    let outcome: RevocationNote['outcome'];
    if (entry === undefined || entry.state === 'revoked' || entry.state === 'refused') {
      // Revoked meanwhile by hand (share.revoke), or never accepted by the server: nothing is left there.
      outcome = 'revoked-on-server';
    } else {
      const wasPending = entry.state === 'pending';
      try {
        await deps.sender.revoke(vault, queued.shareId);
      } catch (error) {
        vault.revocations.attempted(queued.shareId, (error instanceof Error ? error.message : 'unknown error').slice(0, 300));
        continue;
      }
      outcome = wasPending ? 'withdrawn-from-outbox' : 'revoked-on-server';
    }
    const revokedAt = vault.now().toISOString();
    const signed = await signAs<RevocationNote, SignedRevocationNote>(
      vault,
      deps,
      (signer) => ({
        v: 1,
        kind: 'callvault-revocation-note',
        requestId: queued.requestId,
        shareId: queued.shareId,
        recordingId: queued.recordingId,
        certificateOutcome: 'revocation-queued',
        outcome,
        queuedAt: queued.queuedAt,
        revokedAt,
        attempts: queued.attempts + 1,
        signer,
      }),
      revocationNoteSigningText,
      (note, signature) => ({ note, signature }),
    );
    vault.transaction(() => {
      vault.revocations.done(queued.shareId, outcome, revokedAt, JSON.stringify(signed));
      vault.audit.record('deletion.revocation_completed', { requestId: queued.requestId, share: queued.shareId, attempts: queued.attempts + 1 });
    });
    revoked += 1;
  }
  return { revoked, waiting: vault.revocations.waiting().length };
}
