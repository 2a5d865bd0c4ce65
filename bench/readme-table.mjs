// Prints bench/results.json as the README's Performance table (markdown), and its machine line:
// `node bench/readme-table.mjs` after `pnpm bench`, pasted over the table of the previous run.
import { readFileSync } from "node:fs";

const { env, results } = JSON.parse(readFileSync(new URL("./results.json", import.meta.url), "utf8"));
const iqr = (r) => (r.iqr ? ` (${r.iqr.map((x) => x.toFixed(2)).join("–")})` : "");
// A figure run three times (a bar within 1.10x of raw fetch) shows each run's ratio after the median's.
const runs = (r) => (r.runs ? `; runs ${r.runs.map((run) => run.ratio).join(", ")}` : "");
const ratio = (r) => (r.ratio === null || r.ratio === undefined ? "—" : `${r.ratio}${iqr(r)}${runs(r)}`);
const goal = (r) => (r.goal ? `${r.goal.on ?? "ratio"} ${r.goal.op} ${r.goal.value}` : "—");
const verdict = (r) => (!r.goal ? "" : r.pass ? "met" : "**missed**");
console.log("| figure | value | baseline | ratio (IQR) | goal | |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of results)
  console.log(
    `| ${r.name} | ${r.value} ${r.unit} | ${r.baseline} | ${ratio(r)} | ${goal(r)} | ${verdict(r)} |`,
  );
const load = env.loadavg.map((x) => x.toFixed(2)).join(" ");
console.log(
  `${env.date.replace(/\.\d+Z$/, "Z")} · node ${env.node} (undici ${env.undici}) · ${env.cpu}, ${env.cores} cores · load ${load}`,
);
