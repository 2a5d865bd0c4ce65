// The signals raw fetch is given in the memory figures (memory.mjs, rss-steps.mjs), beside the SDK:
// "raw" none; "raw-timeout" `AbortSignal.timeout(30_000)` per call, as a hand-written call with a
// timeout would; "raw-controller" an AbortController of its own per call; "raw-shared" one
// controller's signal per 16 calls, as the SDK's timeouts share one (core/deadline.ts).
export const RAW_VARIANTS = ["raw", "raw-timeout", "raw-controller", "raw-shared"];

/** A function giving the signal of each call of `variant` (one of RAW_VARIANTS). */
export function signalsOf(variant) {
  if (variant === "raw-timeout") return () => AbortSignal.timeout(30_000);
  if (variant === "raw-controller") return () => new AbortController().signal;
  if (variant === "raw-shared") {
    let controller = new AbortController();
    let uses = 0;
    return () => {
      if (++uses > 16) {
        controller = new AbortController();
        uses = 1;
      }
      return controller.signal;
    };
  }
  if (variant === "raw") return () => undefined;
  throw new Error(`unknown variant ${variant}`);
}
