// One side of the "memory after 10k calls" figure, in a fresh process (run by run.mjs with
// --expose-gc): 1,000 warm-up calls, a full GC, 10,000 calls, a full GC; prints the growth of RSS
// and of the live heap as JSON. `which` is "sdk" (the LettrLabs client) or "raw" (fetch + JSON.parse).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [which, base, key] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { createLettrLabsClient } = await import(pathToFileURL(require.resolve("@orderkit/client")).href);
const ll = createLettrLabsClient({ apiKey: key, baseUrl: base, maxRetries: 0 });
const headers = { "X-API-KEY": key, Accept: "application/json" };
const call =
  which === "sdk"
    ? () => ll.me()
    : async () => {
        const r = await fetch(`${base}/v1/me`, { headers });
        return (await r.json()).payload;
      };
for (let i = 0; i < 1000; i++) await call();
globalThis.gc();
globalThis.gc();
const before = process.memoryUsage();
for (let i = 0; i < 10_000; i++) await call();
globalThis.gc();
globalThis.gc();
const after = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    rssMB: (after.rss - before.rss) / 2 ** 20,
    heapMB: (after.heapUsed - before.heapUsed) / 2 ** 20,
  }),
);
