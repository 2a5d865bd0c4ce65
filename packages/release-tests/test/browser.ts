import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * Makes sure Debian's chromium is installed (never a browser download): installs it with apt-get
 * when missing. Returns a reason when it cannot be had on this machine.
 */
export function ensureChromium(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const opts = {
    encoding: "utf8" as const,
    timeout: 600_000,
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  };
  const update = spawnSync("apt-get", ["update", "-qq"], opts);
  const install =
    update.status === 0 ? spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], opts) : update;
  if (existsSync(CHROMIUM)) return undefined;
  return `chromium is not installed and apt-get could not install it (exit ${install.status}): ${(install.stderr ?? "").slice(-300)}`;
}

/** The flags a headless Chromium needs here (no sandbox as root, no background networking). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
