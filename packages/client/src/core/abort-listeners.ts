import { abortedError, OrderkitError } from "./errors.js";

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

/** Does nothing (one function for every "nothing to do" of the core: fewer bytes in a bundle). */
export const stay = (): void => undefined;

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

/**
 * `run()`'s result, or an `aborted` TransportError as soon as `signal` aborts; `run` is not called when
 * it already has. What `run` started goes on (e.g. a token request other calls share).
 */
export function abortable<T>(run: () => Promise<T>, signal: AbortSignal | null): Promise<T> {
  if (!signal) return run();
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(abortedError(signal.reason, true)));
    // Through a promise, so that a `run` that throws at once also lets go of the signal.
    if (!signal.aborted) Promise.resolve().then(run).then(resolve, reject).finally(stop);
  });
}

/**
 * The argument error for a `signal` that is not an AbortSignal (checked by shape, so polyfills
 * pass), else undefined. Nothing may be sent, or waited for, with one: it could never abort.
 */
export function signalProblem(signal: unknown): OrderkitError | undefined {
  const s = signal as AbortSignal | null | undefined;
  if (s == null || (typeof s.aborted === "boolean" && typeof s.addEventListener === "function")) return;
  return new OrderkitError("invalid_argument", { message: "`signal` is not an AbortSignal." });
}
