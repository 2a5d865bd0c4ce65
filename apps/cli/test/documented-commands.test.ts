import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import { REPO_ROOT } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../src/commands/examples.js";
import { createCliProgram } from "../src/commands/register-all.js";

// Every `orderkit …` line a user is shown (the examples of each command's --help, the READMEs'
// shell examples) names a real command, only its options and ancestors' options, a value for each
// option that takes one (one of its choices, when it has them), and as many arguments as the
// command takes. Documentation that drifted from the CLI fails here, not in a user's terminal.

/** Splits a shell line into words: quotes kept together, a `#` comment and `VAR=value` prefixes dropped. */
function words(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed quote in: ${line}`);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === " " || c === "\t") {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (c === "#" && word === undefined) break;
    else word = (word ?? "") + c;
  }
  if (word !== undefined) out.push(word);
  while (out[0] && /^[A-Z_]+=/.test(out[0])) out.shift();
  return out;
}

/** The shell example lines of a README that run `orderkit`. */
function readmeLines(readme: string): { line: string; place: string }[] {
  const lines = readFileSync(join(REPO_ROOT, readme), "utf8").split("\n");
  const found: { line: string; place: string }[] = [];
  let inShell = false;
  lines.forEach((line, i) => {
    if (/^```/.test(line)) inShell = /^```(bash|sh|shell|console)\s*$/.test(line);
    else if (inShell && words(line)[0] === "orderkit") found.push({ line, place: `${readme}:${i + 1}` });
  });
  return found;
}

/** What is wrong with one `orderkit …` line, or undefined. */
function problem(program: CommandUnknownOpts, line: string): string | undefined {
  const argv = words(line);
  if (argv.shift() !== "orderkit") return "does not run orderkit";
  let cmd = program;
  while (cmd.commands.length > 0 && argv.length > 0) {
    const name = argv[0];
    const sub = cmd.commands.find((c) => c.name() === name || c.aliases().includes(name as string));
    if (!sub) break;
    cmd = sub;
    argv.shift();
  }
  const options: Option[] = [];
  for (let c: CommandUnknownOpts | null = cmd; c; c = c.parent) options.push(...(c.options as Option[]));
  const args: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === "--help" || word === "-h" || (cmd === program && (word === "--version" || word === "-V"))) {
      help = true;
      continue;
    }
    if (!word.startsWith("-")) {
      args.push(word);
      continue;
    }
    const [flag, attached] = word.startsWith("--")
      ? word.split(/=(.*)/s)
      : [word.slice(0, 2), word.slice(2) || undefined];
    const option = options.find((o) => o.long === flag || o.short === flag);
    if (!option) return `${cmd.name()} has no option ${flag}`;
    if (!option.required && !option.optional) {
      if (attached !== undefined) return `${flag} takes no value`;
      continue;
    }
    const value = attached ?? argv[++i];
    if (value === undefined || (option.required && value.startsWith("-"))) return `${flag} needs a value`;
    if (option.argChoices && !value.startsWith("<") && !option.argChoices.includes(value))
      return `${flag} ${value} is not one of ${option.argChoices.join(", ")}`;
  }
  if (cmd.commands.length > 0 && !(cmd as unknown as { _actionHandler?: unknown })._actionHandler) {
    if (args.length > 0) return `${[cmd.name(), ...args].join(" ")}: no such command`;
    return help ? undefined : `${cmd.name()} needs a command`;
  }
  const declared = cmd.registeredArguments;
  const required = declared.filter((a) => a.required).length;
  const variadic = declared.some((a) => a.variadic);
  if (args.length < required) return `${cmd.name()} needs ${required} argument(s), got ${args.length}`;
  if (!variadic && args.length > declared.length)
    return `${cmd.name()} takes ${declared.length} argument(s), got ${args.length}: ${args.join(" ")}`;
  return undefined;
}

const program = createCliProgram() as unknown as CommandUnknownOpts;
const helpExamples = Object.entries(EXAMPLES).flatMap(([path, lines]) =>
  lines.map((line) => ({ line, place: `orderkit ${path} --help`.replace("  ", " ") })),
);
const readmeExamples = ["README.md", "apps/cli/README.md"].flatMap(readmeLines);

describe("documented orderkit commands", () => {
  it("finds the examples it checks", () => {
    expect(helpExamples.length).toBeGreaterThan(30);
    expect(readmeExamples.length).toBeGreaterThan(10);
  });

  it.each([...helpExamples, ...readmeExamples].map((e) => [e.place, e.line] as const))(
    "%s: %s",
    (_place, line) => {
      expect(problem(program, line)).toBeUndefined();
    },
  );

  it("every command that runs has an example in its --help", () => {
    const missing: string[] = [];
    const visit = (cmd: CommandUnknownOpts, path: string[]) => {
      if (cmd.commands.length === 0 && !EXAMPLES[path.join(" ")]) missing.push(path.join(" "));
      for (const sub of cmd.commands) visit(sub, [...path, sub.name()]);
    };
    for (const sub of program.commands) visit(sub, [sub.name()]);
    expect(missing).toEqual([]);
  });

  it("the checker catches drift: a wrong command, option, value or argument count", () => {
    expect(problem(program, "orderkit orders fetch 48213")).toMatch(/no such command|takes/);
    expect(problem(program, "orderkit orders get 48213 --jsn")).toMatch(/no option --jsn/);
    expect(problem(program, "orderkit orders get")).toMatch(/needs 1 argument/);
    expect(problem(program, "orderkit orders get 1 2")).toMatch(/takes 1 argument/);
    expect(problem(program, "orderkit send --template")).toMatch(/needs a value/);
    expect(problem(program, "orderkit me --json # a comment --nope")).toBeUndefined();
  });
});
