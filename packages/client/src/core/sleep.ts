import { MAX_TIMER_MS } from "./client-options.js";
import { abortedError } from "./errors.js";
import { onAbort } from "./on-abort.js";

/**
 * Resolves after `ms` (at most what a timer holds), or rejects with an `aborted` TransportError
 * (the signal's reason as its cause) as soon as `signal` aborts, whatever the reason was: a wait
 * the caller cut short is an abort, never a timeout or a pipeline failure.
 */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  // An aborted signal rejects at once: onAbort wakes immediately.
  return new Promise((resolve, reject) => {
    let stopWaiting: (() => void) | undefined;
    const timer = setTimeout(
      () => {
        stopWaiting?.();
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    if (signal)
      stopWaiting = onAbort(signal, () => {
        clearTimeout(timer);
        reject(abortedError(signal.reason, true));
      });
  });
}
