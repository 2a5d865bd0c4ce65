import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * The browser build's one rule (tsup.browser.ts builds by it; vitest.config.ts tests by it): a
 * relative import of a module that has a `.browser.ts` beside it takes that file instead, however
 * the import is written (`./deadline.js`, `./deadline`, `./deadline.ts`). Returns the file to use,
 * or undefined to resolve as usual.
 */
export function browserTwin(specifier: string, importerDir: string): string | undefined {
  if (!/^\.\.?\//.test(specifier)) return undefined;
  const twin = resolve(importerDir, `${specifier.replace(/\.[jt]s$/, "")}.browser.ts`);
  return existsSync(twin) ? twin : undefined;
}
