import type { CallParticipant } from '../../core/policy';
import { withdrawalHandling } from '../../core/policy';
import type { ConsentMethod } from '../../core/calls/call';
import { AppFailure } from '../app-failure';
import { noEvents, type AppEventSink } from '../app-events';
import { CaptureSession } from '../recording/capture-session';
import type { OpenVault } from '../vault/open-vault';
import type { CallView, CaptureStatus } from '../../shared/contract/calls';
import type { CallService } from './call-service';

/**
 * Owns the one capture that may run at a time and ties it to its call's consent: capture
 * starts only through an open consent gate, pauses for a late joiner, and stops at once on a
 * withdrawal or decline. Audio for anything else is refused, never written.
 */
export class CaptureController {
  private active: { session: CaptureSession; callId: string; vault: OpenVault } | undefined;

  constructor(
    private readonly calls: CallService,
    /** Where capture state changes and new or ended recordings are announced to the UI. */
    private readonly events: AppEventSink = noEvents,
  ) {}

  async start(vault: OpenVault, callId: string, inputRate: number): Promise<CaptureStatus> {
    if (this.active) {
      throw new AppFailure('BAD_REQUEST', 'A recording is already running. Stop it before starting another.');
    }
    const call = this.calls.requireCall(vault, callId);
    if (call.state !== 'awaiting-consent') {
      throw new AppFailure('BAD_REQUEST', call.state === 'declined' ? 'Consent was declined for this call: it cannot be recorded. Take manual notes instead.' : 'This call has already been recorded.');
    }
    const gate = this.calls.gate(vault, call);
    if (!gate.open) {
      throw new AppFailure(
        'CONSENT_REQUIRED',
        gate.reason === 'waiting' ? `Record consent from ${gate.waitingFor.join(', ')} before recording.` : `${gate.who} ${gate.reason} consent: this call cannot be recorded.`,
      );
    }
    const policy = await this.calls.recordablePolicy();
    if (policy.hash !== call.policyHash) {
      throw new AppFailure('POLICY_CHANGED', 'The recording policy changed since this call was set up. Set it up again under the current policy.');
    }
    const { record, writer } = vault.startRecording({ title: call.meetingTitle, callType: call.callType, policyHash: call.policyHash, callId });
    vault.calls.attachRecording(callId, record.id);
    const session = new CaptureSession(record.id, writer, inputRate, (recordedMs) => {
      vault.updateRecording(record.id, recordedMs, 'recording');
    });
    this.active = { session, callId, vault };
    this.events.emit('library.changed', { change: 'created', recordingIds: [record.id] });
    return this.announce();
  }

  append(vault: OpenVault, recordingId: string, pcm: Uint8Array): { accepted: boolean; status: CaptureStatus } {
    const active = this.requireActive(vault, recordingId);
    if (pcm.byteLength % 4 !== 0) {
      throw new AppFailure('BAD_AUDIO', 'Audio frames must be whole 16-bit stereo samples.');
    }
    const samples = new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
    const { accepted } = active.session.append(samples);
    return { accepted, status: this.status() };
  }

  pause(vault: OpenVault, recordingId: string, reason: string): CaptureStatus {
    this.requireActive(vault, recordingId).session.pause(reason);
    vault.audit.record('capture.paused', { recordingId });
    return this.announce();
  }

  /** Resumes only when the consent gate is open (a late joiner's yes is on record). */
  resume(vault: OpenVault, recordingId: string): CaptureStatus {
    const active = this.requireActive(vault, recordingId);
    const gate = this.calls.gate(vault, this.calls.requireCall(vault, active.callId));
    if (!gate.open) {
      throw new AppFailure('CONSENT_REQUIRED', gate.reason === 'waiting' ? `Still waiting for consent from ${gate.waitingFor.join(', ')}.` : `${gate.who} ${gate.reason} consent.`);
    }
    active.session.resume();
    vault.audit.record('capture.resumed', { recordingId });
    return this.announce();
  }

  bookmark(vault: OpenVault, recordingId: string, note: string, requestedAtMs?: number): { atMs: number } {
    const active = this.requireActive(vault, recordingId);
    // A marker cannot point past what has been recorded.
    const atMs = Math.min(requestedAtMs ?? active.session.recordedMs(), active.session.recordedMs());
    vault.calls.addBookmark(recordingId, atMs, note, vault.now().toISOString());
    return { atMs };
  }

  stop(vault: OpenVault, recordingId: string): CaptureStatus {
    const active = this.requireActive(vault, recordingId);
    const status = this.status();
    const recordedMs = active.session.stop();
    vault.updateRecording(recordingId, recordedMs, 'complete');
    vault.calls.setState(active.callId, 'ended', vault.now().toISOString());
    vault.audit.record('recording.stopped', { recordingId, recordedMs });
    this.active = undefined;
    const stopped: CaptureStatus = { ...status, state: 'stopped', recordedMs };
    this.events.emit('capture.status', { status: stopped });
    this.events.emit('library.changed', { change: 'updated', recordingIds: [recordingId] });
    return stopped;
  }

  /** Consent answers during a call: a no stops capture at once; the policy decides what is kept. */
  async consentChanged(vault: OpenVault, callId: string, email: string, outcome: 'granted' | 'declined' | 'withdrawn', method: ConsentMethod | null): Promise<CallView> {
    this.calls.recordConsent(vault, callId, email, outcome, method);
    const active = this.active?.callId === callId ? this.active : undefined;
    if (active && outcome !== 'granted') {
      const policy = await this.calls.policyInForce().catch(() => undefined);
      // Unknown policy: keep nothing (fail closed).
      const keep = policy !== undefined && withdrawalHandling(policy.policy.consent).capturedAudio === 'keep-consented-portion';
      const recordedMs = active.session.abandon();
      this.active = undefined;
      vault.calls.setState(callId, 'ended', vault.now().toISOString());
      if (keep) {
        vault.updateRecording(active.session.recordingId, recordedMs, 'complete');
        vault.audit.record('recording.stopped', { recordingId: active.session.recordingId, recordedMs, reason: outcome });
      } else {
        vault.destroyRecording(active.session.recordingId);
      }
      this.events.emit('capture.status', { status: null });
      this.events.emit('library.changed', { change: keep ? 'updated' : 'destroyed', recordingIds: [active.session.recordingId] });
    }
    return this.calls.view(vault, callId);
  }

  async lateJoiner(vault: OpenVault, callId: string, joiner: CallParticipant): Promise<CallView> {
    const { pause } = await this.calls.addLateJoiner(vault, callId, joiner);
    if (pause && this.active?.callId === callId) {
      this.active.session.pause(`Waiting for consent from ${joiner.name}`);
      vault.audit.record('capture.paused', { recordingId: this.active.session.recordingId, reason: 'late-joiner' });
      this.announce();
    }
    return this.calls.view(vault, callId);
  }

  status(): CaptureStatus {
    if (!this.active) {
      throw new AppFailure('NOT_FOUND', 'No recording is running.');
    }
    return { ...this.active.session.progress(), callId: this.active.callId, recordingId: this.active.session.recordingId };
  }

  /** The status now, also sent to the UI (state changes only; appends do not announce). */
  private announce(): CaptureStatus {
    const status = this.status();
    this.events.emit('capture.status', { status });
    return status;
  }

  current(): CaptureStatus | undefined {
    return this.active ? this.status() : undefined;
  }

  /** Before the vault locks: seal what was captured, so nothing is left half-written. */
  stopForLock(): void {
    if (this.active) {
      this.stop(this.active.vault, this.active.session.recordingId);
    }
  }

  private requireActive(vault: OpenVault, recordingId: string) {
    if (!this.active || this.active.session.recordingId !== recordingId || this.active.vault !== vault) {
      throw new AppFailure('NOT_FOUND', 'That recording is not running; its audio was not stored.');
    }
    return this.active;
  }
}
