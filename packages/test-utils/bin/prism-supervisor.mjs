#!/usr/bin/env node
// Runs `prism mock` as a child and guarantees it dies with its parent: Prism is killed when this
// process gets SIGTERM/SIGINT or when its stdin closes (the parent exited, even by SIGKILL).
// Usage: node prism-supervisor.mjs <prism-entry.js> <prism args...>
import { spawn } from "node:child_process";

const [entry, ...args] = process.argv.slice(2);
const prism = spawn(process.execPath, [entry, ...args], { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  prism.kill("SIGTERM");
  const hard = setTimeout(() => prism.kill("SIGKILL"), 3000);
  hard.unref();
  prism.once("exit", () => process.exit(code));
}
prism.once("exit", (code, signal) => {
  if (!stopping) process.exit(code ?? (signal ? 1 : 0));
});
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
process.stdin.on("end", () => stop(0));
process.stdin.on("error", () => stop(0));
process.stdin.resume();
