// Opens the two audio sources of a call, only after `capture.start` has accepted the call (its
// consent gate is open): the rep's microphone, and the customer's side through the screen-share
// request. In a browser that request shares a tab, window or screen with its audio (the customer's
// meeting tab); in the Electron app the main process answers it with the system's loopback audio.

export type SourceOutcome = { ok: true; stream: MediaStream; label: string } | { ok: false; message: string };

/** Raw microphone: processing would change what the rep said, and the two channels are kept apart. */
const MICROPHONE: MediaStreamConstraints = {
  audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
  video: false,
};

/**
 * Video is mandatory in the screen-share API; the track is stopped as soon as it arrives. The
 * extra hints (Chromium's) offer tab and system audio and keep this window out of the picker.
 */
const CUSTOMER_SIDE: DisplayMediaStreamOptions & Record<string, unknown> = {
  video: true,
  audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, suppressLocalAudioPlayback: false } as MediaTrackConstraints,
  systemAudio: 'include',
  selfBrowserSurface: 'exclude',
  surfaceSwitching: 'exclude',
};

function errorName(error: unknown): string {
  return error instanceof DOMException ? error.name : error instanceof TypeError ? 'TypeError' : 'Error';
}

function detail(error: unknown): string {
  return error instanceof Error && error.message.length > 0 ? ` (${error.message})` : '';
}

export function microphoneProblem(error: unknown): string {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'CallVault is not allowed to use the microphone. Allow microphone access for CallVault (site settings in the browser, or Privacy settings in the operating system), then press “Try the microphone again”.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect one (or choose it in the system’s sound settings), then press “Try the microphone again”.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The microphone could not start: another app may be using it. Close that app, then press “Try the microphone again”.';
    default:
      return `The microphone could not start${detail(error)}. Check it in the system’s sound settings, then try again.`;
  }
}

export function customerSideProblem(error: unknown): string {
  switch (errorName(error)) {
    case 'NotAllowedError':
      return 'Sharing was cancelled or refused, so CallVault cannot hear the customer’s side.';
    case 'InvalidStateError':
      return 'Sharing needs a fresh click: press “Share customer audio” to choose the meeting’s tab or screen.';
    case 'NotFoundError':
    case 'NotReadableError':
    case 'AbortError':
      return 'No tab, window or screen could be shared, so CallVault cannot hear the customer’s side.';
    case 'TypeError':
    case 'NotSupportedError':
      return 'This browser cannot share tab or system audio, so CallVault cannot hear the customer’s side.';
    default:
      return `The customer’s side could not be shared${detail(error)}.`;
  }
}

/**
 * The rep's microphone: the one chosen in Settings when `preferredId` is given and still there,
 * else the system default. The choice is asked for as `exact`: Chromium answered an `ideal`
 * deviceId with the default device (a browser may weigh other things above an ideal), so the
 * chosen microphone was asked for but not heard. An unplugged one (the exact request fails as
 * overconstrained or not found) falls back to the default.
 */
export async function openMicrophone(preferredId = ''): Promise<SourceOutcome> {
  try {
    const stream = await openPreferredOrDefault(preferredId);
    const track = stream.getAudioTracks()[0];
    if (track === undefined) {
      return { ok: false, message: microphoneProblem(new DOMException('no track', 'NotFoundError')) };
    }
    return { ok: true, stream, label: track.label || 'Microphone' };
  } catch (error: unknown) {
    return { ok: false, message: microphoneProblem(error) };
  }
}

async function openPreferredOrDefault(preferredId: string): Promise<MediaStream> {
  if (preferredId !== '') {
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: { ...(MICROPHONE.audio as MediaTrackConstraints), deviceId: { exact: preferredId } }, video: false });
    } catch (error: unknown) {
      const name = errorName(error);
      if (name !== 'OverconstrainedError' && name !== 'NotFoundError') {
        throw error;
      }
    }
  }
  return navigator.mediaDevices.getUserMedia(MICROPHONE);
}

export async function openCustomerSide(): Promise<SourceOutcome> {
  let shared: MediaStream;
  try {
    shared = await navigator.mediaDevices.getDisplayMedia(CUSTOMER_SIDE);
  } catch (error: unknown) {
    return { ok: false, message: customerSideProblem(error) };
  }
  // Only the sound is recorded: the picture is never looked at, so stop it at once.
  for (const track of shared.getVideoTracks()) {
    track.stop();
  }
  const audio = shared.getAudioTracks()[0];
  if (audio === undefined) {
    return {
      ok: false,
      message: 'What you shared carries no sound. Share again and turn on “Also share tab audio” (or “Share system audio”) for the meeting’s tab or screen.',
    };
  }
  return { ok: true, stream: new MediaStream([audio]), label: audio.label || 'Shared audio' };
}

export interface AudioInput {
  readonly deviceId: string;
  readonly label: string;
}

/**
 * Audio inputs the customer's side may come from instead of a share: a loopback or virtual-cable
 * device, or the "Monitor of …" inputs PulseAudio and PipeWire offer on Linux (where the desktop
 * app gets no loopback audio from the share request). Labels are known once the microphone is open.
 */
export async function listAudioInputs(exclude: MediaStream | null): Promise<AudioInput[]> {
  const inUse = new Set((exclude?.getAudioTracks() ?? []).map((t) => t.getSettings().deviceId));
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  return devices
    .filter((d) => d.kind === 'audioinput' && d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications' && !inUse.has(d.deviceId))
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Audio input ${i + 1}` }));
}

export async function openAudioInput(deviceId: string): Promise<SourceOutcome> {
  try {
    const audio = { ...(MICROPHONE.audio as MediaTrackConstraints), deviceId: { exact: deviceId } };
    const stream = await navigator.mediaDevices.getUserMedia({ audio, video: false });
    const track = stream.getAudioTracks()[0];
    if (track === undefined) {
      return { ok: false, message: 'That input delivered no sound. Choose another, or share the meeting’s tab or screen.' };
    }
    return { ok: true, stream, label: track.label || 'Audio input' };
  } catch (error: unknown) {
    return { ok: false, message: `That input could not be opened${detail(error)}. Choose another, or share the meeting’s tab or screen.` };
  }
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) {
    track.stop();
  }
}
