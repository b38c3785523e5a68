/**
 * After a renderer crash the window reloads (the outbox lives in the main process's database,
 * so nothing queued is lost). A renderer that keeps crashing is not reloaded forever: after
 * `maxReloads` within `windowMs`, the agent is told instead.
 */
export type ReloadPolicy = Readonly<{ shouldReload: () => boolean }>;

export function createReloadPolicy(options: Readonly<{ maxReloads?: number; windowMs?: number; now?: () => number }> = {}): ReloadPolicy {
  const maxReloads = options.maxReloads ?? 3;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const recent: number[] = [];
  return {
    shouldReload() {
      const time = now();
      while (recent.length > 0 && time - (recent[0] ?? time) > windowMs) recent.shift();
      if (recent.length >= maxReloads) return false;
      recent.push(time);
      return true;
    },
  };
}
