import type { CallService, PrepareRequest } from '../calls/call-service';
import type { BlockReason } from '../../core/policy';
import { AppFailure } from '../app-failure';
import type { OpenVault } from '../vault/open-vault';
import { importWav, inspectImportFile } from './import-wav-to-vault';

export interface ConsentAttestation {
  readonly method: 'verbal' | 'written' | 'notified-in-advance';
  /** The day consent was given (YYYY-MM-DD). */
  readonly consentDate: string;
  /** Who attests that consent was given. */
  readonly attestedBy: string;
}

export type ImportOutcome =
  | { readonly imported: false; readonly reasons: readonly BlockReason[] }
  | { readonly imported: true; readonly recordingId: string; readonly callId: string; readonly durationMs: number };

/**
 * An existing audio file becomes a recording only through the same gates as a live call
 * (policy acknowledged, call allowed, do-not-record rules) and only with a consent attestation.
 * The file is checked before anything is written.
 */
export async function importRecording(vault: OpenVault, calls: CallService, file: string, request: PrepareRequest, attestation: ConsentAttestation): Promise<ImportOutcome> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(attestation.consentDate) || Number.isNaN(Date.parse(attestation.consentDate))) {
    throw new AppFailure('BAD_REQUEST', `"${attestation.consentDate}" is not a date; give the day consent was given as YYYY-MM-DD.`);
  }
  if (Date.parse(attestation.consentDate) > vault.now().getTime()) {
    throw new AppFailure('BAD_REQUEST', 'The consent date is in the future.');
  }
  if (attestation.attestedBy.trim() === '') {
    throw new AppFailure('BAD_REQUEST', 'Say who attests that consent was given.');
  }
  const info = inspectImportFile(file);
  const prepared = await calls.prepare(vault, request);
  if (!prepared.allowed) {
    return { imported: false, reasons: prepared.reasons };
  }
  const callId = prepared.call.id;
  for (const participant of prepared.call.participants) {
    calls.recordConsent(vault, callId, participant.email, 'granted', attestation.method, {
      recordedBy: attestation.attestedBy,
      note: `attested for an imported recording: consent given ${attestation.consentDate}`,
    });
  }
  const call = calls.requireCall(vault, callId);
  if (!calls.gate(vault, call).open) {
    throw new AppFailure('CONSENT_REQUIRED', 'The attestation does not cover every participant the policy requires.');
  }
  try {
    const { recordingId, durationMs } = importWav(vault, file, info, { title: request.meetingTitle, callType: request.callType, policyHash: call.policyHash, callId });
    return { imported: true, recordingId, callId, durationMs };
  } finally {
    vault.calls.setState(callId, 'ended', vault.now().toISOString());
  }
}
