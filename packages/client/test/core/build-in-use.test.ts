import { getEventListeners } from "node:events";
import { expect, inject, it } from "vitest";
import { sleep } from "../../src/core/sleep.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Which build's modules this vitest project runs the client on (vitest.config.ts). */
    build: "node" | "browser";
  }
}

// vitest.config.ts runs some suites a second time on the browser build's modules. This holds that
// each project runs the modules it says: two waits on one signal are one listener in Node's
// on-abort.ts, two in the browser build's.
it("runs the client on the modules of the build its project names", async () => {
  const controller = new AbortController();
  const waits = [sleep(60_000, controller.signal), sleep(60_000, controller.signal)];
  expect(getEventListeners(controller.signal, "abort")).toHaveLength(inject("build") === "browser" ? 2 : 1);
  controller.abort();
  for (const wait of waits) await expect(wait).rejects.toMatchObject({ kind: "aborted" });
  expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
});
