/**
 * A fixed-window counter per key, in this process's memory. Public endpoints store
 * nothing (quality.md), so the limit lives here; behind a load balancer each instance
 * limits on its own and the balancer should limit per address as well (README).
 */
export function createRateLimiter(options: { limit: number; windowMs: number; maxKeys?: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 50_000;
  return {
    /** Counts one hit; returns how long to wait (ms) when over the limit, else 0. */
    hit(key: string, now = Date.now()): number {
      let w = windows.get(key);
      if (!w || now - w.start >= options.windowMs) {
        if (windows.size >= maxKeys) windows.clear(); // bounded memory under an address flood
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count > options.limit ? options.windowMs - (now - w.start) : 0;
    },
  };
}
