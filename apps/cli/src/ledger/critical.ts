/**
 * Steps a stop (SIGINT/SIGTERM: see stop.ts) waits for: taking a lock, writing a state file whole,
 * releasing a lock. A stop that exits in the middle of one leaves what that step was making after
 * the stop has cleaned up: a lock linked into place once every held lock was released (a stale
 * lock another pid space can never break), a temporary file beside a ledger entry, a lock being
 * released. So a stop that arrives during one is deferred until no such step runs, then carried
 * out. (Each is a few file-system calls on orderkit's own regular files: a lock that is a FIFO or
 * another special file is refused, never read. A file system that hangs would hang the exit too:
 * Node waits for its file-system threads before it exits.)
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
