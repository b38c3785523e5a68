// What a sync costs the console's main thread: the longest gap between ticks of a 5 ms timer
// (the longest time nothing else could run) and the process's peak RSS (its threads included).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export type MainThreadFigures = Readonly<{ maxEventLoopBlockMs: number; peakRssMb: number }>;

export type MainThreadWatch = Readonly<{ stop: () => MainThreadFigures }>;

export function watchMainThread(): MainThreadWatch {
  const started = performance.now();
  let peakRss = process.memoryUsage.rss();
  let lastTick = started;
  let maxGap = 0;
  let ticks = 0;
  const ticker = setInterval(() => {
    const at = performance.now();
    const gap = at - lastTick - 5;
    if (gap > 50 && process.env.BENCH_DEBUG) process.stderr.write(`[bench] event loop blocked ${gap.toFixed(0)} ms at ${((at - started) / 1000).toFixed(2)} s\n`);
    maxGap = Math.max(maxGap, gap);
    lastTick = at;
    // Reading RSS is not free: every tenth tick is plenty.
    ticks += 1;
    if (ticks % 10 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 5);
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return {
    stop: () => {
      clearInterval(ticker);
      histogram.disable();
      return { maxEventLoopBlockMs: Math.max(maxGap, histogram.max / 1e6 - 5), peakRssMb: Math.max(peakRss, process.memoryUsage.rss()) / 1e6 };
    },
  };
}

/** The longest gap between ticks of a 5 ms timer while this process does nothing else. */
export function idleBlock(ms: number): Promise<number> {
  return new Promise((resolve) => {
    let last = performance.now();
    let max = 0;
    const started = last;
    const ticker = setInterval(() => {
      const at = performance.now();
      max = Math.max(max, at - last - 5);
      last = at;
      if (at - started >= ms) {
        clearInterval(ticker);
        resolve(max);
      }
    }, 5);
  });
}
