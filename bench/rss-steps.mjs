// RSS and the V8 heap's committed size of one client, call after call, in fresh processes: the
// side measurement behind the "RSS growth in a warm process" notes (bench/NOTES.md). Not part
// of `pnpm bench`; run it by hand: `node bench/rss-steps.mjs`. Environment: VARIANTS (space
// separated, default "sdk sdk-no-timeout" and raw-signals.mjs's variants), CHECKPOINTS
// (default 7: after 1,000 warm-up calls, then every 10,000), ROUNDS (processes per variant, default
// 2), NODE_FLAGS (e.g. "--single-threaded"). Prints, per process, RSS then heap committed, in MB.
import { fork, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { RAW_VARIANTS, signalsOf } from "./raw-signals.mjs";

const VARIANTS = ["sdk", "sdk-no-timeout", ...RAW_VARIANTS];
const [which, base] = process.argv.slice(2);

if (which === undefined) {
  const server = fork(fileURLToPath(new URL("server.mjs", import.meta.url)), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise((resolve) => server.once("message", (m) => resolve(m.port)));
  const flags = (process.env.NODE_FLAGS ?? "").split(" ").filter(Boolean);
  const variants = (process.env.VARIANTS ?? VARIANTS.join(" ")).split(" ").filter(Boolean);
  for (let round = 0; round < Number(process.env.ROUNDS ?? 2); round++)
    for (const variant of variants) {
      const out = spawnSync(
        process.execPath,
        ["--expose-gc", ...flags, fileURLToPath(import.meta.url), variant, `http://127.0.0.1:${port}`],
        { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
      );
      process.stdout.write(out.stdout);
    }
  server.kill();
} else {
  if (!VARIANTS.includes(which)) throw new Error(`unknown variant ${which}`);
  const require = createRequire(import.meta.url);
  const { createLettrLabsClient } = await import(pathToFileURL(require.resolve("@orderkit/client")).href);
  const KEY = "LL-API-bench";
  const ll = createLettrLabsClient({
    apiKey: KEY,
    baseUrl: base,
    maxRetries: 0,
    timeoutMs: which === "sdk-no-timeout" ? 0 : undefined,
  });
  const headers = { "X-API-KEY": KEY, Accept: "application/json" };
  const signal = which.startsWith("sdk") ? undefined : signalsOf(which);
  const call = which.startsWith("sdk")
    ? () => ll.me()
    : async () => {
        const r = await fetch(`${base}/v1/me`, { headers, signal: signal() });
        return (await r.json()).payload;
      };
  for (let i = 0; i < 1000; i++) await call();
  const rss = [];
  const committed = [];
  for (let k = 0; k < Number(process.env.CHECKPOINTS ?? 7); k++) {
    if (k > 0) for (let i = 0; i < 10_000; i++) await call();
    globalThis.gc();
    globalThis.gc();
    const m = process.memoryUsage();
    rss.push(Math.round(m.rss / 2 ** 20));
    committed.push(Math.round(m.heapTotal / 2 ** 20));
  }
  console.log(`${which.padEnd(15)} rss ${rss.join(" ")}   heap committed ${committed.join(" ")}`);
}
