// Shared vitest settings (plain JS: vitest loads its config with Node before any TS transform).
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The test settings every package shares: the default reporter for people plus vitest's JSON
 * reporter, whose file the root test command totals into "N passed, N failed".
 * With `prism: true`, one Prism per spec is started for the run and always stopped.
 * With `waitBound: true` (tests that mostly wait on the processes they spawn and on their fakes'
 * delays, like the CLI's: ~20% of one core busy over a file's run), two test files run per core:
 * vitest's default leaves one core idle, which on a 2-core machine runs those files one at a time.
 * @param {{ prism?: boolean, include?: string[], waitBound?: boolean }} [options]
 */
export function orderkitTestConfig(options = {}) {
  return defineConfig({
    test: {
      reporters: ["default", "json"],
      outputFile: { json: ".test-report/vitest.json" },
      testTimeout: 30_000,
      hookTimeout: 90_000,
      pool: "forks",
      ...(options.waitBound ? { maxWorkers: 2 * availableParallelism() } : {}),
      include: options.include ?? ["test/**/*.test.ts"],
      globalSetup: options.prism ? [fileURLToPath(new URL("./dist/prism-setup.js", import.meta.url))] : [],
      typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    },
  });
}
