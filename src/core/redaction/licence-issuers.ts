/**
 * Who issues driving licences, as callers name them next to the number: US states, Canadian
 * provinces, Australian states and territories, and countries (or their adjectives: "an Irish
 * licence", "the UK one"). Lower case regex sources, longest names first.
 */
import { US_STATE } from './us-states';

const OTHER_ISSUERS = [
  'ontario', 'quebec', 'british columbia', 'alberta', 'manitoba', 'saskatchewan', 'nova scotia', 'new brunswick',
  'newfoundland', 'prince edward island', 'yukon', 'nunavut', 'northwest territories',
  'new south wales', 'nsw', 'victoria', 'victorian', 'queensland', 'qld', 'western australia', 'south australia', 'tasmania',
  'tasmanian', 'northern territory', 'australian capital territory',
  'uk', 'u\\.k\\.', 'british', 'dvla', 'english', 'scottish', 'welsh', 'irish', 'ireland', 'northern irish', 'indian', 'india',
  'canadian', 'canada', 'australian', 'australia', 'german', 'germany', 'french', 'france', 'spanish', 'italian', 'dutch',
  'mexican', 'mexico', 'new zealand', 'kiwi', 'south african', 'brazilian', 'japanese', 'singapore', 'singaporean', 'american',
  'out-of-state', 'out of state', 'state', 'provincial',
];

export const LICENCE_ISSUER = `(?:${US_STATE.slice(3, -1)}|${[...OTHER_ISSUERS].sort((a, b) => b.length - a.length).join('|')})`;
