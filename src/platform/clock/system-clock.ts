import type { Clock } from '../../core/ports/clock';

/** The machine's wall clock: the Clock the composition root hands down in the real app. */
export const systemClock: Clock = { now: () => new Date() };
