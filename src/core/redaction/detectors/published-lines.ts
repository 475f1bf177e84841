/**
 * A business's own published number said as such ("our toll-free hotline", "the main office
 * line", "it's on the website", "the general switchboard") is not personal data. A support or
 * sales line alone is not enough: the earlier sets label those as phones. The sentence
 * around the number must call it public or a company line, and say nothing that makes it
 * someone's own ("my cell", "reach me directly", "not published").
 */
import type { DetectionContext } from '../context';

const COMPANY_OR_PUBLIC =
  /\b(?:published|public(?:ly)?|listed|printed on|on (?:the|our|their|its|your) (?:web ?site|site|contact page|home ?page|brochure|card|invoice|letterhead)|on (?:the )?(?:web ?site|home ?page|contact page)|homepage|contact page|main (?:line|number|office|office line|desk)|switchboard|front desk|reception|general (?:line|number|inquiries|enquiries|switchboard)|toll[- ]free|(?:our|the|their) (?:company|firm|head office|office|store|shop|clinic)(?:'s)? (?:line|number|phone))\b/u;
const PERSONAL =
  /\b(?:my|his|her|their) (?:own |personal |direct |cell|mobile|home|private)|\b(?:cell|mobile|personal|private|direct(?:ly)?|home number|reach me|call me|text me|not (?:published|public|listed))\b/u;

/** The sentence around normalised [start, end): back to the previous sentence end, on to the next. */
function sentenceAround(ctx: DetectionContext, start: number, end: number): { readonly before: string; readonly after: string } {
  const text = ctx.lower;
  let from = Math.max(0, start - 90);
  for (let i = start - 1; i >= from; i -= 1) {
    const code = text.charCodeAt(i);
    // "\n", or ". " / "? " / "! ": a sentence or turn ends there.
    if (code === 10 || ((code === 46 || code === 63 || code === 33) && text.charCodeAt(i + 1) === 32)) {
      from = i + 1;
      break;
    }
  }
  let to = Math.min(text.length, end + 90);
  for (let i = end; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 10 || ((code === 46 || code === 63 || code === 33) && (i + 1 >= text.length || text.charCodeAt(i + 1) === 32))) {
      to = i;
      break;
    }
  }
  return { before: text.slice(from, start), after: text.slice(end, to) };
}

/** True when the number at normalised [start, end) is said to be a company's or a public line. */
export function isPublishedLine(ctx: DetectionContext, start: number, end: number): boolean {
  const { before, after } = sentenceAround(ctx, start, end);
  const around = `${before} ${after}`;
  return COMPANY_OR_PUBLIC.test(around) && !PERSONAL.test(around);
}
