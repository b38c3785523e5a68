// What a sync costs the console's main thread: the longest gap between ticks of a 5 ms timer
// (the longest time nothing else could run) and the process's peak RSS (its threads included),
// in all and per phase (`phase(name)` starts the next one), so a figure over its target says
// where it was reached.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/**
 * The calling thread's time on a CPU and waiting for one (Linux's schedstat), in ms; null
 * elsewhere. A long gap between ticks is the thread's own work only as far as its CPU time
 * grew meanwhile: the rest it spent waiting for a core other processes held.
 */
export function threadTimes(): { cpuMs: number; waitMs: number } | null {
  try {
    const [cpu, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return cpu === undefined || wait === undefined ? null : { cpuMs: cpu / 1e6, waitMs: wait / 1e6 };
  } catch {
    return null;
  }
}

export type PhaseFigures = Readonly<{
  name: string;
  seconds: number;
  maxEventLoopBlockMs: number;
  peakRssMb: number;
  /** BENCH_DEBUG only: the most CPU the main thread used within one gap between ticks (its own longest task), and its CPU in all. */
  maxGapCpuMs: number | null;
  cpuMs: number | null;
}>;

export type MainThreadFigures = Readonly<{ maxEventLoopBlockMs: number; peakRssMb: number; phases: readonly PhaseFigures[] }>;

export type MainThreadWatch = Readonly<{
  /** Ends the phase in progress and starts `name` (the first phase is `start`). */
  phase: (name: string) => void;
  stop: () => MainThreadFigures;
}>;

export function watchMainThread(): MainThreadWatch {
  const started = performance.now();
  let peakRss = process.memoryUsage.rss();
  let lastTick = started;
  let maxGap = 0;
  let ticks = 0;
  const phases: PhaseFigures[] = [];
  // Reading the thread's times at every tick costs a little: only when debugging.
  const times = process.env.BENCH_DEBUG ? threadTimes : () => null;
  let lastTimes = times();
  let current = { name: 'start', at: started, maxGap: 0, peakRss, maxGapCpu: 0, cpuAtStart: lastTimes?.cpuMs ?? null };
  const endPhase = () => {
    const at = performance.now();
    current.peakRss = Math.max(current.peakRss, process.memoryUsage.rss());
    const cpuNow = times()?.cpuMs ?? null;
    phases.push({
      name: current.name,
      seconds: (at - current.at) / 1000,
      maxEventLoopBlockMs: current.maxGap,
      peakRssMb: current.peakRss / 1e6,
      maxGapCpuMs: lastTimes ? current.maxGapCpu : null,
      cpuMs: cpuNow !== null && current.cpuAtStart !== null ? cpuNow - current.cpuAtStart : null,
    });
    peakRss = Math.max(peakRss, current.peakRss);
    return { at, cpuNow };
  };
  const ticker = setInterval(() => {
    const at = performance.now();
    const gap = at - lastTick - 5;
    const nowTimes = times();
    const cpu = nowTimes && lastTimes ? nowTimes.cpuMs - lastTimes.cpuMs : null;
    const wait = nowTimes && lastTimes ? nowTimes.waitMs - lastTimes.waitMs : null;
    if (cpu !== null) current.maxGapCpu = Math.max(current.maxGapCpu, cpu);
    if (gap > 50 && process.env.BENCH_DEBUG) {
      const split = cpu === null || wait === null ? '' : `: ${cpu.toFixed(0)} ms on a CPU, ${wait.toFixed(0)} ms waiting for one`;
      process.stderr.write(
        `[bench] event loop blocked ${gap.toFixed(0)} ms at ${((at - started) / 1000).toFixed(2)} s (${current.name}${split})\n`,
      );
    }
    lastTimes = nowTimes;
    maxGap = Math.max(maxGap, gap);
    current.maxGap = Math.max(current.maxGap, gap);
    lastTick = at;
    // Reading RSS is not free: every tenth tick is plenty.
    ticks += 1;
    if (ticks % 10 === 0) current.peakRss = Math.max(current.peakRss, process.memoryUsage.rss());
  }, 5);
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return {
    phase: (name) => {
      if (name === current.name) return;
      const { at, cpuNow } = endPhase();
      current = { name, at, maxGap: 0, peakRss: process.memoryUsage.rss(), maxGapCpu: 0, cpuAtStart: cpuNow };
    },
    stop: () => {
      clearInterval(ticker);
      histogram.disable();
      endPhase();
      return { maxEventLoopBlockMs: Math.max(maxGap, histogram.max / 1e6 - 5), peakRssMb: peakRss / 1e6, phases };
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
