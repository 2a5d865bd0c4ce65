import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Published, packAll } from "./pack.js";

// publint and @arethetypeswrong/cli on the tarballs we would publish. Zero errors; the warnings we
// accept are listed here with their reasons.
const BIN = join(import.meta.dirname, "..", "node_modules", ".bin");
let tarballs: Record<Published, string>;
beforeAll(() => {
  tarballs = packAll();
});

/** attw problems we accept, per package, with the reason. */
const ACCEPTED_ATTW: Record<Published, Record<string, string>> = {
  "@orderkit/types": {},
  "@orderkit/client": {},
  // The CLI is an executable: it exports no module, only `./package.json`.
  "@orderkit/cli": {},
};

describe.each(["@orderkit/types", "@orderkit/client", "@orderkit/cli"] as Published[])(
  "%s tarball",
  (name) => {
    it("passes publint with no errors or warnings", () => {
      const result = spawnSync(join(BIN, "publint"), ["run", tarballs[name], "--strict"], {
        encoding: "utf8",
      });
      const output = `${result.stdout}${result.stderr}`;
      expect(result.status, output).toBe(0);
      expect(output).not.toMatch(/error|warning/i);
    });

    it("passes arethetypeswrong", () => {
      const args = [tarballs[name], "--format", "json"];
      if (name === "@orderkit/cli") args.push("--entrypoints", "./package.json");
      const result = spawnSync(join(BIN, "attw"), args, { encoding: "utf8" });
      const report = JSON.parse(result.stdout) as { analysis: { problems?: { kind: string }[] } };
      const problems = (report.analysis.problems ?? [])
        .map((p) => p.kind)
        .filter((kind) => !(kind in ACCEPTED_ATTW[name]));
      expect(problems).toEqual([]);
    });

    it("ships only dist, the README and package.json (plus the CLI's examples)", () => {
      const list = spawnSync("tar", ["-tzf", tarballs[name]], { encoding: "utf8" })
        .stdout.split("\n")
        .filter(Boolean);
      for (const file of list)
        expect(file).toMatch(/^package\/(dist\/|README\.md$|package\.json$|examples\/)/);
      expect(list).toContain("package/README.md");
    });
  },
);
