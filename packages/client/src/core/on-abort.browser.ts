/**
 * The browser build's on-abort.ts (tsup.browser.ts swaps it in): a listener per waiter. What
 * on-abort.ts guards against is Node's (its listener-count warning, and Node 20 keeping alive a
 * signal that still has a listener); a browser's signal takes any number of listeners.
 */

import { stay } from "./noop.js";

/**
 * Calls `wake` once when `signal` aborts (at once, and without waiting, if it already has);
 * returns the function that stops waiting. Internal.
 */
export function onAbort(signal: AbortSignal, wake: () => void): () => void {
  if (signal.aborted) {
    wake();
    return stay;
  }
  // The same function given twice is one waiter, as in on-abort.ts (every caller makes its own).
  signal.addEventListener("abort", wake, { once: true });
  return () => signal.removeEventListener("abort", wake);
}
