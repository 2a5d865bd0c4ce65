/**
 * Steps a stop (SIGINT/SIGTERM under a lock: see `whileLocked`) waits for: taking a lock, writing a
 * state file whole. A stop that exits in the middle of one leaves what that step was making after
 * the stop has cleaned up: a lock linked into place once every held lock was released (a stale
 * lock another pid space can never break), a temporary file beside a ledger entry. So a stop that
 * arrives during one is deferred until no such step runs, then carried out.
 */
let running = 0;
let deferred: (() => void) | undefined;

/** Runs `step`; a stop that arrives meanwhile is carried out once no such step runs. */
export async function uninterrupted<T>(step: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await step();
  } finally {
    running--;
    const stop = running === 0 ? deferred : undefined;
    if (stop) {
      deferred = undefined;
      stop();
    }
  }
}

/** Carries out `stop` now, or, while an {@link uninterrupted} step runs, once none does (the first stop wins). */
export function stopWhenSafe(stop: () => void): void {
  if (running === 0) stop();
  else deferred ??= stop;
}
