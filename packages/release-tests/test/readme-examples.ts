import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@orderkit/test-utils";

/** The READMEs users read: the repository's, and those npm shows for each package. */
export const READMES = [
  "README.md",
  "packages/client/README.md",
  "packages/types/README.md",
  "apps/cli/README.md",
];

/** One fenced TypeScript example of a README. */
export interface ReadmeExample {
  /** The README, relative to the repository root. */
  readme: string;
  /** The line of its opening fence. */
  line: number;
  code: string;
}

/** Every ```ts example of the READMEs, in order, as a user would copy it. */
export function readmeExamples(): ReadmeExample[] {
  const examples: ReadmeExample[] = [];
  for (const readme of READMES) {
    const lines = readFileSync(join(REPO_ROOT, readme), "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? "")) continue;
      const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
      if (end < 0) throw new Error(`${readme}:${i + 1}: an example without its closing fence`);
      examples.push({ readme, line: i + 1, code: lines.slice(i + 1, end).join("\n") });
      i = end;
    }
  }
  return examples;
}

/** Where an example comes from, as an editor links it. */
export const placeOf = (example: ReadmeExample) => `${example.readme}:${example.line}`;
