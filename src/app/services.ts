import { CallService } from './calls/call-service';
import { CaptureController } from './calls/capture-controller';
import { PolicySource } from './calls/policy-source';
import type { AppServices } from './handlers';
import { recoverInterruptedRecordings } from './recording/crash-recovery';
import type { VaultSession } from './vault/vault-session';

/** Builds the services around one session and hooks them to its lock and unlock. */
export function createServices(session: VaultSession, options: { env: Readonly<Record<string, string | undefined>>; resourcesDir?: string | undefined }): AppServices {
  const policies = new PolicySource(session.profiles.appHome, options.env, options.resourcesDir);
  const calls = new CallService(policies, () => new Date());
  const capture = new CaptureController(calls);
  session.onBeforeLock(() => { capture.stopForLock(); });
  session.onUnlocked((vault) => { recoverInterruptedRecordings(vault, capture.current()?.recordingId); });
  return { session, policies, calls, capture };
}
