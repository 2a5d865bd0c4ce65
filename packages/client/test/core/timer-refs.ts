/**
 * Watches the timers made through `globalThis.setTimeout` (vitest's fake timers, once installed):
 * which are still armed, and which of those hold the process open (ref'd). Fake timers keep no
 * ref state of their own (their `ref`/`unref` do nothing), so each timer's are recorded here.
 * `restore()` puts the watched functions back (unless something replaced them since).
 */
export function watchTimerRefs() {
  const set = globalThis.setTimeout;
  const clear = globalThis.clearTimeout;
  const armed = new Map<unknown, { held: boolean }>();
  const watched = ((run: () => void, ms?: number) => {
    const state = { held: true };
    const timer = set(() => {
      armed.delete(timer);
      run();
    }, ms);
    armed.set(timer, state);
    const t = timer as unknown as { ref: () => unknown; unref: () => unknown };
    t.ref = () => {
      state.held = true;
      return timer;
    };
    t.unref = () => {
      state.held = false;
      return timer;
    };
    return timer;
  }) as typeof setTimeout;
  const watchedClear = ((timer: Parameters<typeof clearTimeout>[0]) => {
    armed.delete(timer);
    clear(timer);
  }) as typeof clearTimeout;
  globalThis.setTimeout = watched;
  globalThis.clearTimeout = watchedClear;
  return {
    /** Timers armed (set, neither fired nor cleared). */
    armed: () => armed.size,
    /** Armed timers that hold the process open. */
    held: () => [...armed.values()].filter((s) => s.held).length,
    restore: () => {
      if (globalThis.setTimeout === watched) globalThis.setTimeout = set;
      if (globalThis.clearTimeout === watchedClear) globalThis.clearTimeout = clear;
    },
  };
}
