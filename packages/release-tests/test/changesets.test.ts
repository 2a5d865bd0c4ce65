import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { run } from "./pack.js";

// `changeset version` on a scratch copy of the workspace's manifests: never on the real tree, and
// nothing is ever published from tests.
describe("changeset version", () => {
  it("bumps versions, writes changelogs and updates internal dependents", () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-changesets-"));
    for (const file of ["package.json", "pnpm-workspace.yaml"])
      cpSync(join(REPO_ROOT, file), join(dir, file));
    mkdirSync(join(dir, ".changeset"));
    cpSync(join(REPO_ROOT, ".changeset", "config.json"), join(dir, ".changeset", "config.json"));
    // Every workspace package's manifest (the changesets config names private ones in `ignore`).
    const workspace = ["packages", "apps"].flatMap((group) =>
      readdirSync(join(REPO_ROOT, group)).map((name) => `${group}/${name}`),
    );
    for (const pkg of [...workspace, "bench"].filter((p) => existsSync(join(REPO_ROOT, p, "package.json")))) {
      mkdirSync(join(dir, pkg), { recursive: true });
      cpSync(join(REPO_ROOT, pkg, "package.json"), join(dir, pkg, "package.json"));
    }
    writeFileSync(
      join(dir, ".changeset", "types-fix.md"),
      '---\n"@orderkit/types": minor\n---\n\nAdd the Fonts schema aliases.\n',
    );
    const version = (p: string) =>
      JSON.parse(readFileSync(join(dir, p, "package.json"), "utf8")).version as string;
    const before = {
      types: version("packages/types"),
      client: version("packages/client"),
      cli: version("apps/cli"),
    };
    run("git", ["init", "-q"], dir);
    run(process.execPath, [join(REPO_ROOT, "node_modules", "@changesets", "cli", "bin.js"), "version"], dir);

    const [major, minor] = before.types.split(".").map(Number) as [number, number];
    expect(version("packages/types")).toBe(`${major}.${minor + 1}.0`);
    expect(version("packages/client")).not.toBe(before.client);
    expect(version("apps/cli")).not.toBe(before.cli);
    expect(readFileSync(join(dir, "packages/types/CHANGELOG.md"), "utf8")).toContain(
      "Add the Fonts schema aliases.",
    );
    const clientLog = readFileSync(join(dir, "packages/client/CHANGELOG.md"), "utf8");
    expect(clientLog).toContain("Updated dependencies");
    expect(clientLog).toContain(`@orderkit/types@${version("packages/types")}`);
    expect(readdirSync(join(dir, ".changeset")).filter((f) => f.endsWith(".md"))).toEqual([]);
    expect(existsSync(join(dir, "packages/test-utils/CHANGELOG.md"))).toBe(false);
  });
});
