/**
 * A setup file (vitest.config.ts): counts the test files this process has run. The server's test files share one
 * process per worker (`isolate: false`), so a second file sees a count above one; memory measurements
 * (test/memory.ts) refuse to run then, because a process that already ran other files carries their heap.
 */
const g = globalThis as { __mamoriTestFiles?: number };
g.__mamoriTestFiles = (g.__mamoriTestFiles ?? 0) + 1;

export {};
