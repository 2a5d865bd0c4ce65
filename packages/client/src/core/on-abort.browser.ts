/**
 * The browser build's on-abort.ts (tsup.browser.ts swaps it in): a listener per waiter. What
 * on-abort.ts guards against is Node's (its listener-count warning, and Node 20 keeping alive a
 * signal that still has a listener); a browser's signal takes any number of listeners. Where a
 * Node process loads this build (a test runner resolving the `browser` condition on Node's own
 * AbortSignal), many calls sharing one signal add a listener each while in flight, and Node warns
 * past 10 (MaxListenersExceededWarning); each is removed when its call ends.
 */

import { stay } from "./noop.js";
import type { onAbort as nodeOnAbort } from "./on-abort.js";

/**
 * Calls `wake` once when `signal` aborts (at once, and without waiting, if it already has);
 * returns the function that stops waiting. Internal.
 */
export const onAbort: typeof nodeOnAbort = (signal, wake) => {
  if (signal.aborted) {
    wake();
    return stay;
  }
  // The same function given twice is one waiter, as in on-abort.ts (every caller makes its own).
  signal.addEventListener("abort", wake, { once: true });
  return () => signal.removeEventListener("abort", wake);
};
