/**
 * One-time codes without the words "one-time": "the code is six eight one...", "it wants a
 * code now. Three, oh, five...", "I just sent a code to your phone" / "Yep, four four one...",
 * "it's asking for the six digits. 7 1 8 2 0 3". The code is the first number of four to
 * eight digits after the cue, also in the next sentence or turn; codes that are not secrets
 * (zip, area, promo, error codes) and amounts, years and references are left alone.
 */
import { before, hasReferenceCue, runsAfter, findingAt, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import type { Finding } from '../types';

// The word before "code" that makes it something else than a one-time code.
const NOT_SECRET_CODE =
  '(?<!\\b(?:zip|postal|post|area|promo|promotional|discount|coupon|voucher|country|error|status|source|dress|qr|bar|tax|billing|sort|swift|bic|ifsc|product|class|colour|color|exit|morse|penal|building|door|access|gate|meeting|invite|referral|gift|redeem|redemption|tracking|reference|confirmation|booking|postcode|dial|event|the error|a promo)\\s)';
const CODE_CUE = trigger(new RegExp(
  `\\b(?:(?:the|a|my|your|that|this|new|another)\\s+${NOT_SECRET_CODE}code(?!\\s+(?:review|base|freeze|of conduct|name|word|snippet|change|sample|block))|(?:sent|texted|emailed|sending|send)\\s+(?:you\\s+)?(?:a|the|another|your)\\s+(?:new\\s+)?code|(?<!\\b(?:last|final|first|1st|1|other|remaining)\\s)(?:the\\s+)?(?<!\\b(?:last|final|first|1st|1|other|remaining)\\s)(?:4|6|8)[- ]digits?(?:\\s+(?:code|number))?|got\\s+(?:the|a|your)\\s+text|(?:text|sms)\\s+(?:says|reads|message))\\b`,
  'gu',
));
/** How far after the cue the code may come (the next sentence or the next turn). */
const REACH = 90;
// A question about the code's form, not a request for it: "how many digits is the code?".
const ABOUT_THE_CODE = /\bhow (?:many|long)\b[^.?!\n]*$/u;

export function detectOneTimeCodes(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const cue of triggers(ctx, CODE_CUE)) {
    if (ABOUT_THE_CODE.test(before(ctx, cue.index, 48))) {
      continue;
    }
    const from = cue.index + cue[0].length;
    const run = runsAfter(ctx, from, REACH)[0];
    // A text message read out may hold a time ("it says 1430"): there a code has 5+ digits.
    const minDigits = /text|sms/u.test(cue[0]) ? 5 : 4;
    if (run === undefined || run.digits.length < minDigits || run.digits.length > 8) {
      continue;
    }
    const gap = ctx.lower.slice(from, run.start);
    // Not "a code to 415...", not "the code has 1200 lines", not a price or count, not a year.
    if (/\b(?:to|at|on|by|until|before|after|from|in|has|have|had|took|takes|about|over|under|than|with)\s*$/u.test(gap) || hasReferenceCue(ctx, run.start, run.end) || /^(?:19|20)\d\d$/u.test(run.digits)) {
      continue;
    }
    // A long gap must be talk about the code, not a new subject with its own number.
    if (gap.length > 30 && !/\b(?:read|enter|type|say|give|tell|it's|is|yep|yeah|yes|ok|okay|sure|got it|here)\b/u.test(gap)) {
      continue;
    }
    findings.push(findingAt(ctx, run.start, run.end, 'CREDENTIAL', 0.85, 'credential.code-cued'));
  }
  return findings;
}
