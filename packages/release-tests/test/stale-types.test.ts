import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@orderkit/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STEPS } from "../../../scripts/test-steps.mjs";
import { cleanEnv, exec, scratchWorkspace, sh } from "./registry.js";

// `npm test` fails while the committed generated types are stale or edited by hand, on every run:
// the check never runs beside a task that regenerates them first, and no cached pass stands in.

const TURBO = join(REPO_ROOT, "node_modules", ".bin", "turbo");
const GENERATED = join("packages", "types", "src", "generated", "lettrlabs.ts");
const CHECK = "generate:check";

/** The tasks turbo would run for `step` that have a command (packages without the script do nothing). */
function tasksOf(step: readonly string[]): string[] {
  const dry = sh(TURBO, ["run", ...step, "--dry=json"], REPO_ROOT, cleanEnv());
  const plan = JSON.parse(dry) as { tasks: { taskId: string; command: string }[] };
  return plan.tasks.filter((t) => t.command !== "<NONEXISTENT>").map((t) => t.taskId);
}

describe("npm test's stale-types check", () => {
  it("runs in a turbo run of its own, before any run that generates or builds", () => {
    const at = TEST_STEPS.findIndex((step) => step.includes(CHECK));
    expect(at).toBe(0);
    const first = tasksOf(TEST_STEPS[at] as readonly string[]);
    expect(first).toContain("@orderkit/types#generate:check");
    expect(first.filter((t) => !t.endsWith(`#${CHECK}`))).toEqual([]);
    // The later runs do generate (the build regenerates from the spec): after the check.
    expect(TEST_STEPS.slice(at + 1).flatMap((step) => tasksOf(step))).toContain("@orderkit/types#generate");
  });

  describe("in a scratch copy of the workspace", () => {
    let repo: string;
    const check = () =>
      exec(TURBO, ["run", ...(TEST_STEPS[0] as string[]), "--output-logs=full"], repo, cleanEnv());
    beforeAll(() => {
      repo = scratchWorkspace();
    });
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it("fails on every run while the spec has changed and the types were not regenerated", () => {
      const spec = join(repo, "spec", "lettrlabs", "openapi.yaml");
      const before = readFileSync(spec, "utf8");
      expect(check().status).toBe(0);
      // A vendor's new wording: the generated documentation comment changes with it.
      writeFileSync(
        spec,
        before.replace("An order as listed by getOrders.", "An order, as getOrders lists it."),
      );
      expect(readFileSync(spec, "utf8")).not.toBe(before);
      for (let run = 0; run < 3; run++) {
        const result = check();
        expect(result.status, result.output).not.toBe(0);
        expect(result.output).toContain(`Stale generated types: ${GENERATED}`);
      }
      writeFileSync(spec, before);
    });

    it("fails on every run while a generated file is edited by hand, and leaves the edit as it is", () => {
      const path = join(repo, GENERATED);
      const before = readFileSync(path, "utf8");
      const edited = before.replace("orderId: number;", "orderId: any;");
      expect(edited).not.toBe(before);
      writeFileSync(path, edited);
      for (let run = 0; run < 3; run++) {
        const result = check();
        expect(result.status, result.output).not.toBe(0);
        expect(result.output).toContain(`Stale generated types: ${GENERATED}`);
        expect(readFileSync(path, "utf8")).toBe(edited);
      }
      writeFileSync(path, before);
      expect(check().status).toBe(0);
    });
  });
});
