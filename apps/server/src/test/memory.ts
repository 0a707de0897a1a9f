import { Worker } from 'node:worker_threads';

/**
 * The process's memory growth while `work` runs, in MB: the larger of the peak resident set (sampled every 2 ms
 * from a worker thread, so a main thread blocked in synchronous parsing or inflating is still measured) and the
 * peak of heapUsed + arrayBuffers (sampled on the main thread, and once more at the end), each above the
 * baseline taken just before. With `--expose-gc` (the vitest config passes it) garbage is collected first, so
 * the baseline is steady; without it the figure carries some noise.
 */
export async function memoryGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  if (((globalThis as { __mamoriTestFiles?: number }).__mamoriTestFiles ?? 1) > 1)
    throw new Error(
      'Memory is measured only in a process of its own: add this file to MEASURED in vitest.config.ts (isolated project).',
    );
  const sampler = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let peak = 0;
     const sample = () => { const r = process.memoryUsage.rss(); if (r > peak) peak = r; };
     const timer = setInterval(sample, 2);
     parentPort.on('message', (m) => { if (m === 'reset') { peak = 0; sample(); parentPort.postMessage('ready'); }
       else { sample(); clearInterval(timer); parentPort.postMessage(peak); } });
     parentPort.postMessage('started');`,
    { eval: true },
  );
  const next = () => new Promise<unknown>((resolve) => sampler.once('message', resolve));
  await next();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const heap = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const heapBase = heap();
  const rssBase = process.memoryUsage.rss();
  sampler.postMessage('reset');
  await next();
  let heapPeak = heapBase;
  const timer = setInterval(() => (heapPeak = Math.max(heapPeak, heap())), 5);
  try {
    const result = await work();
    heapPeak = Math.max(heapPeak, heap());
    sampler.postMessage('stop');
    const rssPeak = (await next()) as number;
    const growth = Math.max(rssPeak - rssBase, heapPeak - heapBase);
    return { result, growthMb: Math.round(growth / 1024 / 102.4) / 10 };
  } finally {
    clearInterval(timer);
    await sampler.terminate();
  }
}
