// Plain JS (with its types in browser-modules.d.mts): the build and vitest load it natively.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * The browser build's one rule (tsup.browser.ts builds by it; vitest.config.ts tests by it): a
 * relative import of a module that has a `.browser.ts` beside it takes that file instead, however
 * the import is written (`./deadline.js`, `./deadline`, `./deadline.ts`). Returns the file to use,
 * or undefined to resolve as usual.
 * @param {string} specifier
 * @param {string} importerDir
 * @returns {string | undefined}
 */
export function browserTwin(specifier, importerDir) {
  if (!/^\.\.?\//.test(specifier)) return undefined;
  const twin = resolve(importerDir, `${specifier.replace(/\.[jt]s$/, "")}.browser.ts`);
  return existsSync(twin) ? twin : undefined;
}
