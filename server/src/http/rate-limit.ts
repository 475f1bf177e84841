/**
 * Fixed-window request counting per identity (a member id once signed in, else the client
 * address). In-process: behind a load balancer each API process counts its own share, which
 * docs/SERVER.md explains. The window map is pruned as it is used, so it cannot grow unbounded.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** True when this request is within the limit; `nowMs` is a monotonic reading. */
  take(key: string, nowMs: number): boolean {
    const window = this.windows.get(key);
    if (window === undefined || nowMs - window.start >= this.windowMs) {
      if (this.windows.size > 100_000) {
        for (const [k, w] of this.windows) {
          if (nowMs - w.start >= this.windowMs) {
            this.windows.delete(k);
          }
        }
      }
      this.windows.set(key, { start: nowMs, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.limit;
  }
}
