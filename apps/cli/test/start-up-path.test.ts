import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI } from "./helpers.js";

// What loads before a word of the command line is read: the built entry and everything it imports
// statically, followed file by file (dynamic `import()`s are not followed: they load only when
// their branch runs). Deterministic: it reads the build, not a clock.
function staticGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, "utf8");
    // `import … from "x"` and `import "x"` (esbuild writes one per line); never `import("x")`.
    for (const m of code.matchAll(/^\s*import\s+(?:[^"'()]*?\s+from\s+)?["']([^"']+)["'];?\s*$/gm)) {
      const spec = m[1] as string;
      if (spec.startsWith(".")) visit(join(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return {
    files: [...files].map((f) => f.slice(dirname(entry).length + 1)).sort(),
    packages: [...packages].sort(),
  };
}

describe("the CLI's start-up path (the built dist)", () => {
  it("`orderkit --version` loads the entry and the version alone: no package, no command", () => {
    const { files, packages } = staticGraph(CLI);
    expect(packages).toEqual([]);
    expect(files).toHaveLength(2);
    expect(files).toContain("cli.js");
    const chunk = files.find((f) => f !== "cli.js") as string;
    const versionChunk = readFileSync(join(dirname(CLI), chunk), "utf8");
    expect(versionChunk).toContain("VERSION");
    // The entry hands everything else to main.js by a dynamic import.
    expect(readFileSync(CLI, "utf8")).toMatch(/await import\(["']\.\/main-[\w-]+\.js["']\)/);
  });

  it("main.js, which the rest loads, brings commander and the command definitions, not the API client", () => {
    const entry = readFileSync(CLI, "utf8");
    const main = /import\(["']\.\/(main-[\w-]+\.js)["']\)/.exec(entry)?.[1];
    expect(main).toBeDefined();
    const { packages } = staticGraph(join(dirname(CLI), main as string));
    expect(packages).toContain("@commander-js/extra-typings");
    // The client, CSV and progress modules load when a command runs (dynamic imports).
    expect(packages).not.toContain("@orderkit/client");
    expect(packages).not.toContain("cli-progress");
  });

  it("`orderkit --version` into a pipe its reader closed exits 0 quietly, as commander's path does (review 172)", () => {
    for (const words of ["--version", "--version --verbose"]) {
      // The reader closes its end at once; the CLI writes ~100 ms later, into a broken pipe.
      const run = spawnSync(
        "bash",
        [
          "-c",
          `"${process.execPath}" "${CLI}" ${words} | (exec 0<&-; sleep 1); echo "exit=\${PIPESTATUS[0]}"`,
        ],
        { encoding: "utf8" },
      );
      expect({ words, stdout: run.stdout.trim(), stderr: run.stderr }).toEqual({
        words,
        stdout: "exit=0",
        stderr: "",
      });
    }
  });
});
