import { dirname, join } from "node:path";
import { orderkitTestConfig } from "@orderkit/test-utils/vitest";
import { mergeConfig } from "vitest/config";
import { browserTwin } from "./browser-modules.mjs";

const SRC = join(import.meta.dirname, "src");

/**
 * The suites also run on the browser build's modules (each `.browser.ts` in place of its twin, as
 * tsup.browser.ts builds it): those of timeouts, retries, aborts and safe writes under faults.
 * Not here: the tests of the Node modules themselves (deadline-buckets, undici-timeout), and
 * caller-signals and review-regressions, which hold Node's one-listener-per-signal guarantees (no
 * MaxListenersExceededWarning on Node's AbortSignal): the browser build adds a listener per call
 * in flight, which browsers take without a warning. Two of these suites' cases run the built
 * dist/ (a CommonJS load in faults/line-item-set, a child process in lettrlabs/deadline), and some
 * reach no swapped module (backoff's arithmetic): the project's count overstates its reach a
 * little. Its settings are its own (no `extends`): the Prism setup and the type tests stay in the
 * node project.
 */
const BROWSER_BUILD_SUITES = [
  "test/core/get-timeouts.test.ts",
  "test/core/light-call.test.ts",
  "test/faults/*.test.ts",
  "test/lettrlabs/transport.test.ts",
  "test/lettrlabs/deadline.test.ts",
  "test/lettrlabs/backoff.test.ts",
  "test/lettrlabs/safe-writes.test.ts",
  "test/lettrlabs/safety-core.test.ts",
  "test/commercelayer/behaviour.test.ts",
  "test/commercelayer/safety.test.ts",
  "test/modular.test.ts",
];

export default mergeConfig(orderkitTestConfig({ prism: true }), {
  test: {
    projects: [
      { extends: true, test: { name: "node", provide: { build: "node" } } },
      {
        plugins: [
          {
            name: "browser-modules",
            enforce: "pre" as const,
            resolveId(source: string, importer: string | undefined) {
              if (!importer?.startsWith(SRC)) return null;
              return browserTwin(source, dirname(importer)) ?? null;
            },
          },
        ],
        test: {
          name: "browser build",
          include: [...BROWSER_BUILD_SUITES, "test/core/build-in-use.test.ts"],
          provide: { build: "browser" },
          pool: "forks" as const,
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
