// One side of the "memory after 10k calls" figures, in a fresh process (run by run.mjs with
// --expose-gc): 1,000 warm-up calls, a full GC, 10,000 calls, a full GC, 10,000 more calls, a full
// GC. Prints as JSON the growth of RSS and of the live heap over the first 10,000 (the process
// still warming up: V8's optimizing compilers work on background threads, whose malloc arenas stay
// in RSS; with signals, RSS also takes a step in the first or the second 10,000: see run.mjs) and
// of RSS over the second 10,000 (a warm process: what a leak would grow), and the RSS at the end.
// `which` is "sdk" (the LettrLabs client) or one of raw-signals.mjs's variants of raw fetch
// (fetch + JSON.parse, given no signal or one of three kinds). With a fourth argument
// "alloc" (run with a young generation large enough that no GC runs while it measures), it prints
// instead the bytes allocated per call: the growth of the heap over 1,500 calls after a warm-up.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { signalsOf } from "./raw-signals.mjs";

const [which, base, key, mode] = process.argv.slice(2);
const signal = which === "sdk" ? undefined : signalsOf(which);
const require = createRequire(import.meta.url);
const { createLettrLabsClient } = await import(pathToFileURL(require.resolve("@orderkit/client")).href);
const ll = createLettrLabsClient({ apiKey: key, baseUrl: base, maxRetries: 0 });
const headers = { "X-API-KEY": key, Accept: "application/json" };
const call =
  which === "sdk"
    ? () => ll.me()
    : async () => {
        const r = await fetch(`${base}/v1/me`, { headers, signal: signal() });
        return (await r.json()).payload;
      };
for (let i = 0; i < 1000; i++) await call();
if (mode === "alloc") {
  for (let i = 0; i < 2000; i++) await call();
  globalThis.gc();
  globalThis.gc();
  const start = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1500; i++) await call();
  process.stdout.write(JSON.stringify({ allocKB: (process.memoryUsage().heapUsed - start) / 1500 / 1024 }));
  process.exit(0);
}
globalThis.gc();
globalThis.gc();
const before = process.memoryUsage();
for (let i = 0; i < 10_000; i++) await call();
globalThis.gc();
globalThis.gc();
const after = process.memoryUsage();
for (let i = 0; i < 10_000; i++) await call();
globalThis.gc();
globalThis.gc();
const warm = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    rssMB: (after.rss - before.rss) / 2 ** 20,
    heapMB: (after.heapUsed - before.heapUsed) / 2 ** 20,
    warmRssMB: (warm.rss - after.rss) / 2 ** 20,
    endRssMB: warm.rss / 2 ** 20,
  }),
);
