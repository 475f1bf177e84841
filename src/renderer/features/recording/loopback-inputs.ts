// Which audio inputs carry the computer's own sound (the customer's side of a call heard through
// the speakers): PulseAudio's and PipeWire's "Monitor of …" sources on Linux, and loopback or
// virtual-cable devices elsewhere. Pure, so it is tested without a sound server.

/** An audio input as media-sources lists it (declared here so this stays free of DOM types). */
export interface AudioInput {
  readonly deviceId: string;
  readonly label: string;
}

const MONITOR = /^Monitor of (.+)$/i;
const LOOPBACK = /\b(loopback|blackhole|soundflower|stereo mix|what u hear|vb-audio|virtual cable|cable output)\b/i;

export function isSystemSoundInput(label: string): boolean {
  return MONITOR.test(label.trim()) || LOOPBACK.test(label);
}

/**
 * System-sound inputs first, named for what they are ("System sound: Built-in Audio"), then the
 * rest as the system lists them; the first is chosen in advance when there is one.
 */
export function customerInputChoices(inputs: readonly AudioInput[]): { inputs: AudioInput[]; preselected: string } {
  const named = inputs.map((input) => {
    const monitor = MONITOR.exec(input.label.trim());
    return monitor ? { deviceId: input.deviceId, label: `System sound: ${monitor[1] ?? ''}`.trim() } : input;
  });
  const system = named.filter((input) => isSystemSoundInput(inputs.find((i) => i.deviceId === input.deviceId)?.label ?? ''));
  const others = named.filter((input) => !system.includes(input));
  return { inputs: [...system, ...others], preselected: system[0]?.deviceId ?? '' };
}
