import type { TranscriptionQueue } from '../transcription/transcription-queue';
import type { CallService } from '../calls/call-service';
import type { CaptureController } from '../calls/capture-controller';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

export function callHandlers(
  session: VaultSession,
  calls: CallService,
  capture: CaptureController,
): Handlers<'calls.prepare' | 'calls.check' | 'calls.get' | 'calls.addParticipant' | 'calls.saveNotes' | 'calls.notes' | 'consent.record'> {
  return {
    'calls.prepare': (input) => calls.prepare(session.requireVault(), input),
    'calls.check': async (input) => calls.check(input, session.requireVault()),
    'calls.get': ({ callId }) => calls.view(session.requireVault(), callId),
    'calls.addParticipant': ({ callId, participant }) => capture.lateJoiner(session.requireVault(), callId, participant),
    'calls.saveNotes': ({ callId, body }) => {
      const vault = session.requireVault();
      calls.requireCall(vault, callId);
      vault.calls.saveNotes(callId, body, vault.now().toISOString());
      return { saved: true };
    },
    'calls.notes': ({ callId }) => {
      const vault = session.requireVault();
      calls.requireCall(vault, callId);
      return { body: vault.calls.notes(callId) ?? '' };
    },
    'consent.record': ({ callId, participantEmail, outcome, method }) => capture.consentChanged(session.requireVault(), callId, participantEmail, outcome, method),
  };
}

export function captureHandlers(
  session: VaultSession,
  capture: CaptureController,
  transcription: TranscriptionQueue,
): Handlers<'capture.start' | 'capture.append' | 'capture.pause' | 'capture.resume' | 'capture.bookmark' | 'capture.stop' | 'capture.status'> {
  return {
    'capture.start': ({ callId, inputSampleRate }) => capture.start(session.requireVault(), callId, inputSampleRate),
    'capture.append': ({ recordingId, pcm }) => capture.append(session.requireVault(), recordingId, pcm),
    'capture.pause': ({ recordingId }) => capture.pause(session.requireVault(), recordingId, 'Paused by you'),
    'capture.resume': ({ recordingId }) => capture.resume(session.requireVault(), recordingId),
    'capture.bookmark': ({ recordingId, note, atMs }) => capture.bookmark(session.requireVault(), recordingId, note, atMs),
    'capture.stop': async ({ recordingId }) => {
      const status = capture.stop(session.requireVault(), recordingId);
      // Queued before the answer, so the library shows the job as soon as the call ends.
      await transcription.autoEnqueue(recordingId);
      return status;
    },
    'capture.status': () => {
      session.requireVault();
      return capture.current() ?? null;
    },
  };
}
