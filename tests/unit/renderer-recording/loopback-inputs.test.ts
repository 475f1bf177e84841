import { describe, expect, it } from 'vitest';
import { customerInputChoices, isSystemSoundInput } from '../../../src/renderer/features/recording/loopback-inputs';

describe('the customer-side input choices', () => {
  it('recognises PulseAudio/PipeWire monitor sources and loopback devices, not microphones', () => {
    expect(isSystemSoundInput('Monitor of Built-in Audio Analog Stereo')).toBe(true);
    expect(isSystemSoundInput('BlackHole 2ch')).toBe(true);
    expect(isSystemSoundInput('CABLE Output (VB-Audio Virtual Cable)')).toBe(true);
    expect(isSystemSoundInput('Built-in Audio Analog Stereo')).toBe(false);
    expect(isSystemSoundInput('USB headset microphone')).toBe(false);
  });

  it('offers the system sound first, named in words, and preselects it', () => {
    const choices = customerInputChoices([
      { deviceId: 'usb', label: 'USB headset microphone' },
      { deviceId: 'mon', label: 'Monitor of Built-in Audio Analog Stereo' },
    ]);
    expect(choices).toEqual({
      inputs: [
        { deviceId: 'mon', label: 'System sound: Built-in Audio Analog Stereo' },
        { deviceId: 'usb', label: 'USB headset microphone' },
      ],
      preselected: 'mon',
    });
    expect(customerInputChoices([{ deviceId: 'usb', label: 'USB headset microphone' }]).preselected).toBe('');
  });
});
