/**
 * Steps a stop (SIGINT/SIGTERM: see stop.ts) waits for: taking a lock, writing a
 * state file whole. A stop that exits in the middle of one leaves what that step was making after
 * the stop has cleaned up: a lock linked into place once every held lock was released (a stale
 * lock another pid space can never break), a temporary file beside a ledger entry. So a stop that
 * arrives during one is deferred until no such step runs, then carried out.
 */
let running = 0;
let deferred: { stop: () => void; at: number } | undefined;

/**
 * How long a deferred stop waits before another signal carries it out at once: a step that hangs
 * (a lock on a stuck network mount) never makes a run unstoppable, while the burst a wrapper sends
 * at once (npm forwards Ctrl-C to the whole process group) is still one deferred stop.
 */
export const FORCE_AFTER_MS = 1_000;

/** Runs `step`; a stop that arrives meanwhile is carried out once no such step runs. */
export async function uninterrupted<T>(step: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await step();
  } finally {
    running--;
    const stop = running === 0 ? deferred?.stop : undefined;
    if (stop) {
      deferred = undefined;
      stop();
    }
  }
}

/**
 * Carries out `stop` now, or, while an {@link uninterrupted} step runs, once none does (the first
 * stop wins); a stop that comes {@link FORCE_AFTER_MS} or more after the deferred one, now.
 */
export function stopWhenSafe(stop: () => void): void {
  if (running === 0 || (deferred !== undefined && performance.now() - deferred.at >= FORCE_AFTER_MS)) {
    deferred = undefined;
    stop();
  } else deferred ??= { stop, at: performance.now() };
}
