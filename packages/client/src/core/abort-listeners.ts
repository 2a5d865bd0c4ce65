import { abortedError, OrderkitError } from "./errors.js";
import { onAbort } from "./on-abort.js";

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
