import { stay } from "./noop.js";

/**
 * One abort listener per signal, however many waiters it has. Callers often pass one signal to
 * many concurrent calls (one AbortController for a whole job); a listener per call would make
 * Node warn past 10 listeners on that signal. Here a signal has the one listener below while
 * something waits on it, and loses it when the last waiter leaves: on Node 20 a signal made by
 * `AbortSignal.any` or `AbortSignal.timeout` that still has an abort listener is kept alive by
 * Node itself, so a listener left behind would keep every such per-call signal forever.
 */
const waiters = new WeakMap<AbortSignal, Set<() => void>>();

/** Drops a signal's waiters and its listener (once it aborted, or nothing waits on it any more). */
function forget(signal: AbortSignal): void {
  waiters.delete(signal);
  signal.removeEventListener("abort", wakeAll);
}

/**
 * The listener of every signal something waits on (a signal aborts once: it runs once). Every
 * waiter is woken: one that throws does not keep the others waiting, and its error is reported
 * the way an event listener's is (an uncaught exception), not swallowed.
 */
function wakeAll(event: Event): void {
  const signal = event.target as AbortSignal;
  const set = waiters.get(signal);
  forget(signal);
  if (set)
    for (const wake of set)
      try {
        wake();
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
}

/**
 * Calls `wake` once when `signal` aborts (at once, and without waiting, if it already has);
 * returns the function that stops waiting. Internal.
 */
export function onAbort(signal: AbortSignal, wake: () => void): () => void {
  if (signal.aborted) {
    wake();
    return stay;
  }
  const set = waiters.get(signal) ?? new Set<() => void>();
  if (set.size === 0) {
    waiters.set(signal, set);
    signal.addEventListener("abort", wakeAll);
  }
  set.add(wake);
  // Leaving twice, or after the abort, changes nothing (a later set of the signal is not this one).
  return () => {
    if (set.delete(wake) && set.size === 0) forget(signal);
  };
}
