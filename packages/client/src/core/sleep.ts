import { onAbort } from "./abort-listeners.js";

/** Resolves after `ms`, or rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  // An aborted signal rejects at once: onAbort wakes immediately.
  return new Promise((resolve, reject) => {
    let stopWaiting: (() => void) | undefined;
    const timer = setTimeout(() => {
      stopWaiting?.();
      resolve();
    }, ms);
    if (signal)
      stopWaiting = onAbort(signal, () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
  });
}
