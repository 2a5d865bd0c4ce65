// Tuning of the CLI's own process for the commands that send requests, measured by `pnpm bench`
// (never done by the client library, which must not change its host's V8 flags). Both are V8 flags
// that V8 reads when it uses them, so they can be set once the process runs (Node cannot take flags
// from a portable shebang). NODE_OPTIONS and node's own flags belong to the user: a setting they
// make there is never overridden. Set only on the V8 versions Node 20 to 24 ship (10.x to 13.x),
// which all have them (V8 prints an error for a flag it does not know).
//
// Changing a flag makes V8 refuse Node's code cache for the built-in modules compiled afterwards,
// so this runs late: after undici (Node's fetch, the largest of them) is loaded, right before the
// first request, and never for `--help` or `--version`.
import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/**
 * Node's fetch parses HTTP with llhttp, compiled to WebAssembly. With V8's default tiering budget
 * the first response already sends the parser to the optimizing compiler in the background, and
 * the process waits for that compile before it exits: about 150 ms added to every short command on
 * a 2-core machine (`orderkit me` took 2.9–3.7x an empty `node`). Ten times the budget: only a
 * parser that is really hot (a long `send`) is optimized, and a short command exits when it is done.
 */
const WASM_TIERING_BUDGET = 18_000_000;

/**
 * V8 grows the young generation to 32 MB as a long `send` streams its CSV. Once it reaches 8 MB it
 * stops growing: a 1M-row send peaks about 25 MB lower (medians of three runs; its time moved less
 * than between runs). Allocation-heavy code pays more frequent minor collections for it.
 */
const YOUNG_GENERATION_CAP = 8 * 2 ** 20;

let tuned = false;

/** The user's own node and V8 flags (one dash or two), from node's command line and NODE_OPTIONS. */
function userFlags(): string[] {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  return given
    .filter((arg) => /^--?[a-z]/i.test(arg))
    .map((arg) => arg.replace(/^--?/, "").replace(/_/g, "-"));
}

/** True when one of `flags` is named `name` or starts with `name` (`max-semi-space-size=64`). */
function sets(flags: readonly string[], ...names: readonly string[]): boolean {
  return flags.some((flag) => names.some((name) => flag === name || flag.startsWith(`${name}=`)));
}

function v8Major(): number {
  const version = typeof process === "object" ? process.versions?.v8 : undefined;
  return version === undefined ? 0 : Number.parseInt(version, 10);
}

/** Tunes this process for sending requests; once, and only where it is known to work. */
export function tuneForRequests(): void {
  if (tuned) return;
  tuned = true;
  const major = v8Major();
  if (major < 10 || major > 13 || typeof setFlagsFromString !== "function") return;
  const flags = userFlags();
  // Without WebAssembly (--jitless) Node's fetch cannot load at all: leave that to the request.
  if (typeof WebAssembly === "undefined" || sets(flags, "jitless")) return;
  try {
    // Loads undici (Node's fetch) before any flag changes, so it keeps its code cache.
    void globalThis.Headers;
    if (
      !sets(
        flags,
        "wasm-tiering-budget",
        "liftoff-only",
        "no-liftoff",
        "wasm-dynamic-tiering",
        "no-wasm-dynamic-tiering",
      )
    )
      setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
    if (
      sets(flags, "max-semi-space-size", "min-semi-space-size", "semi-space-growth-factor", "max-heap-size")
    )
      return;
    const observer = new PerformanceObserver(() => {
      const young = getHeapSpaceStatistics().find((space) => space.space_name === "new_space");
      if (young === undefined || young.space_size < YOUNG_GENERATION_CAP) return;
      setFlagsFromString("--semi-space-growth-factor=1");
      observer.disconnect();
    });
    observer.observe({ entryTypes: ["gc"] });
  } catch {
    // A runtime that imitates Node's V8 module without these: run untuned.
  }
}
