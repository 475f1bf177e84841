/** Splitting a segment's text into sentences, and the words of a sentence, for the rule-based parts. */

export interface Sentence {
  readonly text: string;
  readonly segment: number;
}

/** Sentences of one segment: split after ., ? or ! followed by a space, keeping the mark. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+(?=["'“(]?[A-Z0-9[])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Lower-cased word tokens (letters, digits, apostrophes), placeholders such as [CARD] removed. */
export function words(text: string): string[] {
  return (text.replace(/\[[A-Z_]+(?::[^\]]*)?\]/g, ' ').toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).map((w) => w.replace(/[’]/g, "'"));
}

const STOP = new Set(
  'a an the and or but if then so to of in on at for from by with about as is are was were be been being am do does did done have has had having i we you they he she it me us them my our your their his her its this that these those there here what which who whom when where why how not no yes can could will would shall should may might must just also very really too than into over out up down off again once all any some such only own same other more most few each both nor s t don now let lets let\'s okay ok well um uh yeah oh right sure get got go going thing things'.split(' '),
);

/** A rough stem, enough to match "sending" with "send" and "prices" with "price". */
export function stem(word: string): string {
  const w = word.replace(/'s$/, '');
  for (const suffix of ['ing', 'ed', 'es', 's', 'ly']) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) {
      return w.slice(0, -suffix.length);
    }
  }
  return w;
}

/** The words that carry an item's meaning: not stop words, at least three letters, stemmed. */
export function keyTerms(text: string): string[] {
  return [...new Set(words(text).filter((w) => (w.length >= 3 || /\d/.test(w)) && !STOP.has(w)).map(stem))];
}
