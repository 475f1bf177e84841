/**
 * The rep's personal vocabulary (product and customer names) as whisper's initial prompt: the
 * decoder reads it as text that came before, which makes it spell those names the way the rep
 * does. Whisper keeps at most half its text context (224 tokens for every released model) of a
 * prompt, so the prompt is cut to a size that fits in that with room to spare, whole terms only.
 */
export const MAX_PROMPT_CHARS = 600;

/** Trimmed, whitespace collapsed, duplicates (ignoring case) dropped, order kept. */
export function normaliseVocabulary(terms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const term = raw.replace(/\s+/gu, ' ').trim();
    const key = term.toLocaleLowerCase('en');
    if (term !== '' && !seen.has(key)) {
      seen.add(key);
      out.push(term);
    }
  }
  return out;
}

/** "Acme, Zorblax 3000, Initech." or '' for no terms; never longer than MAX_PROMPT_CHARS. */
export function vocabularyPrompt(terms: readonly string[]): string {
  let prompt = '';
  for (const term of normaliseVocabulary(terms)) {
    const next = prompt === '' ? term : `${prompt}, ${term}`;
    if (next.length + 1 > MAX_PROMPT_CHARS) {
      break;
    }
    prompt = next;
  }
  return prompt === '' ? '' : `${prompt}.`;
}
