/**
 * The browser build's one rule (tsup.browser.ts builds by it; vitest.config.ts tests by it): a
 * relative import of a module that has a `.browser.ts` beside it takes that file instead, however
 * the import is written. Returns the file to use, or undefined to resolve as usual.
 */
export function browserTwin(specifier: string, importerDir: string): string | undefined;
