/**
 * The one source of the current time. Everything in src/app that stamps, dates or expires
 * something asks a Clock handed down from the composition root, never `new Date()` or
 * `Date.now()` (lint enforces it), so retention, holds and expiry can be tested over simulated
 * years by handing in a clock that jumps.
 */
export interface Clock {
  now(): Date;
}
