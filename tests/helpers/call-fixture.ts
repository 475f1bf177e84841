import { createDispatcher, type Dispatcher } from '../../src/app/dispatch';
import { createHandlerTable } from '../../src/app/handlers';
import { silentLogger } from '../../src/app/logger';
import { createServices } from '../../src/app/services';
import { VaultSession, type SessionTimers } from '../../src/app/vault/vault-session';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { tempDir } from './temp-dir';
import { PASSPHRASE, vaultContext } from './vault-fixture';

export const noTimers: SessionTimers = { setTimeout: () => 0, clearTimeout: () => undefined };

/** A real session with a vault and the shipped default policy, driven through the contract. */
export async function callFixture(env: Record<string, string> = {}, timers: SessionTimers = noTimers) {
  const home = tempDir();
  const session = new VaultSession(new ProfileStore(home), await vaultContext(), timers);
  const services = await createServices(session, { env });
  const dispatch: Dispatcher = createDispatcher(createHandlerTable(services, { version: 't', host: 'browser', platform: 'linux' }), silentLogger);
  await dispatch('profiles.create', { displayName: 'Rita Rep' });
  await dispatch('vault.create', { passphrase: PASSPHRASE });
  const call = async <T = unknown>(method: string, input: unknown = {}): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) {
      throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    }
    return result.value as T;
  };
  const acknowledge = async () => {
    const ack = await call<{ content: { policyHash: string } }>('policy.acknowledgment');
    await call('policy.acknowledge', { policyHash: ack.content.policyHash });
  };
  return { home, session, services, dispatch, call, acknowledge };
}

/** Interleaved 16-bit stereo at 48 kHz: a tone per channel, so each channel can be told apart. */
export function stereoTone(seconds: number, rate = 48000, startSample = 0): Uint8Array {
  const frames = Math.round(seconds * rate);
  const pcm = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i += 1) {
    const t = (startSample + i) / rate;
    pcm[i * 2] = Math.round(9000 * Math.sin(2 * Math.PI * 440 * t));
    pcm[i * 2 + 1] = Math.round(7000 * Math.sin(2 * Math.PI * 700 * t));
  }
  return new Uint8Array(pcm.buffer);
}

export const customer = { name: 'Casey Customer', email: 'casey@acme.example', region: 'US-TX' };
