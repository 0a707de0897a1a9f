/**
 * A fixed-window counter per key, in this process's memory, for public endpoints that must answer without touching
 * the database (the drill links). Bounded: at most `maxKeys` keys; past that, windows that ended are swept first,
 * then the oldest keys go. Each process counts on its own, so N processes allow N × `max` per window.
 */
export function memoryRateLimit(max: number, windowMs: number, maxKeys = 50_000) {
  const windows = new Map<string, { start: number; count: number }>();
  const sweep = (now: number) => {
    for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
    for (const k of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(k);
    }
  };
  return {
    /** Counts one hit for `key`: allowed, or the seconds until its window ends. */
    hit(key: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (!w && windows.size >= maxKeys) sweep(now);
        w = { start: now, count: 0 };
        windows.delete(key);
        windows.set(key, w);
      }
      w.count++;
      if (w.count <= max) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) };
    },
    size: () => windows.size,
  };
}
