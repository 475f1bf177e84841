/**
 * Which transcription model to suggest to a rep on first run, from this computer's cores and
 * memory and the language their calls are in, in words without jargon (no "f16", no "q5_1").
 * Pure: the caller reads the machine and the model list.
 */
export interface RecommendableModel {
  readonly name: string;
  readonly bytes: number;
  readonly multilingual: boolean;
}

export interface MachineFacts {
  readonly cores: number;
  readonly memoryBytes: number;
}

export type MachineTier = 'large' | 'medium' | 'small' | 'minimal';

export interface ModelRecommendation {
  readonly name: string;
  /** "Base, English" rather than "base.en-q5_1". */
  readonly label: string;
  readonly bytes: number;
  readonly speed: string;
  readonly languages: string;
  /** Why this one, for this computer, in one sentence. */
  readonly why: string;
  readonly tier: MachineTier;
}

const GIB = 1024 ** 3;

export function machineTier({ cores, memoryBytes }: MachineFacts): MachineTier {
  if (cores >= 8 && memoryBytes >= 15 * GIB) {
    return 'large';
  }
  if (cores >= 4 && memoryBytes >= 7 * GIB) {
    return 'medium';
  }
  if (cores >= 2 && memoryBytes >= 3.5 * GIB) {
    return 'small';
  }
  return 'minimal';
}

/** Preferred model names per tier, best first, for English-only calls; the multilingual list drops ".en". */
const PREFERENCES: Record<MachineTier, readonly string[]> = {
  large: ['small.en-q5_1', 'small.en', 'small.en-q8_0', 'base.en', 'base.en-q5_1'],
  medium: ['base.en', 'base.en-q5_1', 'small.en-q5_1', 'tiny.en'],
  small: ['base.en-q5_1', 'base.en', 'tiny.en-q5_1', 'tiny.en'],
  minimal: ['tiny.en-q5_1', 'tiny.en', 'base.en-q5_1'],
};

const WHY: Record<MachineTier, string> = {
  large: 'it has room for the more accurate model, and transcribing still keeps well ahead of your calls.',
  medium: 'the balanced choice: accurate on clear calls and quick to transcribe.',
  small: 'a compact version of the balanced model, light enough to transcribe without slowing you down.',
  minimal: 'the lightest model, so transcribing does not hold this computer up.',
};

function family(name: string): string {
  return name.split(/[.-]/)[0] ?? name;
}

/** A model's name in words: family, then the languages it knows. */
export function modelLabel(model: RecommendableModel): string {
  const base = family(model.name);
  const title = base.charAt(0).toUpperCase() + base.slice(1);
  return `${title}, ${model.multilingual ? 'many languages' : 'English'}`;
}

function speedOf(name: string): string {
  switch (family(name)) {
    case 'tiny':
      return 'Fastest, least accurate';
    case 'base':
      return 'Fast, accurate on clear calls';
    case 'small':
      return 'More accurate, about three times slower than Base';
    default:
      return 'Speed not rated';
  }
}

function gb(bytes: number): string {
  return (bytes / GIB).toFixed(0);
}

/**
 * The model for this computer and language, or undefined when the list offers none for the
 * language. `englishOnly`: the rep transcribes in English (English-only models are better at it).
 */
export function recommendModel(machine: MachineFacts, englishOnly: boolean, models: readonly RecommendableModel[]): ModelRecommendation | undefined {
  const tier = machineTier(machine);
  const fitting = models.filter((m) => m.multilingual !== englishOnly);
  const wanted = englishOnly ? PREFERENCES[tier] : PREFERENCES[tier].map((n) => n.replace('.en', ''));
  const chosen =
    wanted.map((name) => fitting.find((m) => m.name === name)).find((m) => m !== undefined) ??
    // A manifest without the usual names (an organisation's own): the smallest that fits.
    [...fitting].sort((a, b) => a.bytes - b.bytes)[0];
  if (chosen === undefined) {
    return undefined;
  }
  return {
    name: chosen.name,
    label: modelLabel(chosen),
    bytes: chosen.bytes,
    speed: speedOf(chosen.name),
    languages: chosen.multilingual ? 'About 100 languages' : 'English only',
    why: `This computer has ${String(machine.cores)} ${machine.cores === 1 ? 'core' : 'cores'} and ${gb(machine.memoryBytes)} GB of memory: ${WHY[tier]}`,
    tier,
  };
}
