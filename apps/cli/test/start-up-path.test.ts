import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

// A module node runs before the CLI (`--import`): it may pose as a terminal (of `columns`, or of
// no known width), one that shows colours, as commander asks; and on exit it writes to stderr how
// many of commander's files were loaded (commander is CommonJS: each file it loads is in
// `require.cache`). Written into a directory of the test's own, under the system's temp directory.
let scratch = "";
const PIPE = Symbol("a pipe");
type Stdout = typeof PIPE | number | undefined;
function preload(stdout: Stdout): string {
  const file = join(scratch, `preload-${String(stdout === PIPE ? "pipe" : stdout)}.mjs`);
  const tty =
    stdout === PIPE
      ? ""
      : `Object.defineProperty(process.stdout, "isTTY", { value: true });
Object.defineProperty(process.stdout, "columns", { value: ${stdout} });
process.stdout.hasColors = () => true;`;
  writeFileSync(
    file,
    `import { createRequire } from "node:module";
${tty}
const require = createRequire(import.meta.url);
process.on("exit", () => process.stderr.write(\`commander files: \${Object.keys(require.cache).filter((f) => f.includes("commander")).length}\\n\`));
`,
  );
  return file;
}

/**
 * Runs `entry` with `words` (stdout a pipe, or a terminal): how it exits, what it prints on stdout
 * and stderr, and how many of commander's files it loaded (the preload's last line of stderr).
 */
function run(entry: string, words: string[], stdout: Stdout = PIPE) {
  const result = spawnSync(process.execPath, ["--import", preload(stdout), entry, ...words], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const loaded = /commander files: (\d+)\n$/.exec(result.stderr);
  if (loaded === null) throw new Error(`the preload wrote no count: ${result.stderr}`);
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr.slice(0, loaded.index),
    commanderFiles: Number(loaded[1]),
  };
}

/** The chunk `cli.js` hands the rest to (commander's path; runnable as an entry itself), by name. */
function mainChunkName(): string {
  const name = /import\(["']\.\/(main-[\w-]+\.js)["']\)/.exec(readFileSync(CLI, "utf8"))?.[1];
  if (name === undefined) throw new Error("cli.js imports no main chunk");
  return name;
}
const mainChunk = () => join(dirname(CLI), mainChunkName());

/** What commander prints for `words`, and how it exits: the CLI must print the same. */
function commanders(words: string[], stdout: Stdout = PIPE) {
  const { commanderFiles, ...printed } = run(mainChunk(), words, stdout);
  // (The check sees commander's files when they load.)
  expect(commanderFiles).toBeGreaterThan(0);
  return printed;
}

describe("the CLI's start-up path (the built dist)", () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "orderkit-start-up-"));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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
    const { packages } = staticGraph(mainChunk());
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
    const expected = commanders(["--help"]);
    expect(expected.status).toBe(0);
    expect(expected.stdout).toMatch(/^Usage: orderkit \[options\] \[command\]\n/);
    expect(expected.stderr).toBe("");
    // The entry's path loads no file of commander, and prints the same bytes.
    for (const word of ["--help", "-h"]) expect(run(CLI, [word])).toEqual({ ...expected, commanderFiles: 0 });
    // `orderkit help` is commander's own way to the same text.
    expect(commanders(["help"])).toEqual(expected);
  });

  it("in a terminal that shows colours: 80 columns (or no known width) print the built text; any other width goes to commander, which wraps to it", () => {
    for (const stdout of [80, undefined]) {
      const expected = commanders(["--help"], stdout);
      expect(expected.stdout).toBe(commanders(["--help"]).stdout);
      expect(run(CLI, ["--help"], stdout)).toEqual({ ...expected, commanderFiles: 0 });
    }
    for (const stdout of [40, 120]) {
      const expected = commanders(["--help"], stdout);
      expect(expected.stdout).not.toBe(commanders(["--help"]).stdout);
      const { commanderFiles, ...printed } = run(CLI, ["--help"], stdout);
      expect(printed).toEqual(expected);
      expect(commanderFiles).toBeGreaterThan(0);
    }
    // With other words, commander answers: a command's help, or the root's help beside an option.
    for (const words of [["me", "--help"], ["--help", "--json"], ["help"], ["--", "--help"]]) {
      const { commanderFiles, ...printed } = run(CLI, words);
      expect({ words, printed }).toEqual({ words, printed: commanders(words) });
      expect(commanderFiles).toBeGreaterThan(0);
    }
  });

  it("a build without help.json, or with one that is not whole or not the help, still answers `--help`, through commander", () => {
    const expected = commanders(["--help"]);
    // A copy of the build (its packages found through a link to the CLI's node_modules), whose
    // help.json each case writes or removes.
    const copy = join(scratch, "copy");
    const dist = join(copy, "dist");
    cpSync(dirname(CLI), dist, { recursive: true });
    symlinkSync(join(dirname(CLI), "..", "node_modules"), join(copy, "node_modules"), "dir");
    const built = readFileSync(join(dist, "help.json"), "utf8");
    expect(JSON.parse(built)).toEqual({ columns: 80, text: expected.stdout });
    expect(run(join(dist, "cli.js"), ["--help"])).toEqual({ ...expected, commanderFiles: 0 });
    const cases = [
      undefined,
      "",
      built.slice(0, 100),
      built.slice(0, -3),
      JSON.stringify({ columns: 120, text: expected.stdout }),
      JSON.stringify({ columns: 80, text: "" }),
      JSON.stringify({ columns: 80 }),
      "null",
    ];
    for (const text of cases) {
      rmSync(join(dist, "help.json"), { force: true });
      if (text !== undefined) writeFileSync(join(dist, "help.json"), text);
      const { commanderFiles, ...printed } = run(join(dist, "cli.js"), ["--help"]);
      expect({ text, printed }).toEqual({ text, printed: expected });
      expect(commanderFiles).toBeGreaterThan(0);
    }
  });
});
