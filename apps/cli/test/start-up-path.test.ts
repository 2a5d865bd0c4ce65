import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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

// A module node runs before the CLI (`--import`): it may pose as a terminal `columns` wide, and on
// exit it writes to stderr how many of commander's files were loaded (commander is CommonJS: each
// file it loads is in `require.cache`). Written into a directory of the test's own.
const preloads = mkdtempSync(join(dirname(CLI), "..", "test", ".preload-"));
function preload(columns?: number): string {
  const file = join(preloads, `preload-${columns ?? "pipe"}.mjs`);
  writeFileSync(
    file,
    `import { createRequire } from "node:module";
${columns === undefined ? "" : `Object.defineProperty(process.stdout, "isTTY", { value: true });\nObject.defineProperty(process.stdout, "columns", { value: ${columns} });`}
const require = createRequire(import.meta.url);
process.on("exit", () => process.stderr.write(\`commander files: \${Object.keys(require.cache).filter((f) => f.includes("commander")).length}\\n\`));
`,
  );
  return file;
}

/** Runs `entry` with `words` (stdout a pipe, or a terminal `columns` wide): its output and what it loaded. */
function run(entry: string, words: string[], columns?: number) {
  const result = spawnSync(process.execPath, ["--import", preload(columns), entry, ...words], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { status: result.status, stdout: result.stdout, loaded: result.stderr };
}

/** The chunk `cli.js` hands the rest to: commander's path, runnable as an entry itself. */
function mainChunk(dist = dirname(CLI)): string {
  const name = /import\(["']\.\/(main-[\w-]+\.js)["']\)/.exec(
    readFileSync(join(dist, "cli.js"), "utf8"),
  )?.[1];
  if (name === undefined) throw new Error("cli.js imports no main chunk");
  return join(dist, name);
}

describe("the CLI's start-up path (the built dist)", () => {
  afterAll(() => rmSync(preloads, { recursive: true, force: true }));

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
  it("`orderkit --help` (or `-h`) alone into a pipe prints commander's text byte for byte, without loading commander", () => {
    const commanders = run(mainChunk(), ["--help"]);
    expect(commanders.status).toBe(0);
    expect(commanders.stdout).toMatch(/^Usage: orderkit \[options\] \[command\]\n/);
    // Commander's path loads it (the check below can see it)...
    expect(commanders.loaded).not.toBe("commander files: 0\n");
    for (const word of ["--help", "-h"]) {
      // ...the entry's does not, and prints the same bytes.
      expect(run(CLI, [word])).toEqual({
        status: 0,
        stdout: commanders.stdout,
        loaded: "commander files: 0\n",
      });
    }
  });

  it("in a terminal: 80 columns print the built text; any other width goes to commander, which wraps to it", () => {
    const piped = run(mainChunk(), ["--help"]).stdout;
    expect(run(CLI, ["--help"], 80)).toEqual({ status: 0, stdout: piped, loaded: "commander files: 0\n" });
    for (const columns of [40, 120]) {
      const commanders = run(mainChunk(), ["--help"], columns);
      expect(commanders.stdout).not.toBe(piped);
      const ours = run(CLI, ["--help"], columns);
      expect(ours).toEqual(commanders);
      expect(ours.loaded).not.toBe("commander files: 0\n");
    }
    // With other words, commander answers: a command's help, or the root's help beside an option.
    for (const words of [["me", "--help"], ["--help", "--json"], ["help"]]) {
      const ours = run(CLI, words);
      expect({ words, status: ours.status, stdout: ours.stdout }).toEqual({
        words,
        ...(({ status, stdout }) => ({ status, stdout }))(run(mainChunk(), words)),
      });
      expect(ours.loaded).not.toBe("commander files: 0\n");
    }
  });

  it("a build without help.txt still answers `--help`, through commander", () => {
    // A copy of the build beside the real one (so that its packages resolve), less the text.
    const copy = mkdtempSync(join(dirname(CLI), "..", "test", ".dist-without-help-"));
    try {
      for (const file of readdirSync(dirname(CLI)))
        if (file !== "help.txt") cpSync(join(dirname(CLI), file), join(copy, file));
      const ours = run(join(copy, "cli.js"), ["--help"]);
      expect(ours.status).toBe(0);
      expect(ours.stdout).toBe(readFileSync(join(dirname(CLI), "help.txt"), "utf8"));
      expect(ours.loaded).not.toBe("commander files: 0\n");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
