/**
 * One abort listener per signal, however many waiters it has. Callers often pass one signal to
 * many concurrent calls (one AbortController for a whole job); a listener per call would make
 * Node warn past 10 listeners on that signal, and keep each call's closure alive for as long as
 * the signal lives. Here a signal gets a single listener, the first time something waits on it;
 * waiters join and leave a set.
 */
const waiters = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `wake` once when `signal` aborts (at once if it already has: an abort event never comes
 * again); returns the function that stops waiting. Internal.
 */
export function onAbort(signal: AbortSignal, wake: () => void): () => boolean {
  if (signal.aborted) wake();
  let set = waiters.get(signal);
  if (!set) {
    const created = new Set<() => void>();
    set = created;
    waiters.set(signal, created);
    // A signal aborts once: the listener runs at most once.
    signal.addEventListener("abort", () => {
      for (const waiter of created) waiter();
    });
  }
  set.add(wake);
  return () => (set as Set<() => void>).delete(wake);
}
