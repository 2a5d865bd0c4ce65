import type { Options } from "tsup";

/**
 * The one build configuration every published package uses: ESM + CJS + .d.ts, tree-shakeable,
 * no bundled dependencies. Packages pass only their entry points (and, for the CLI, a banner).
 */
export function packageBuild(entry: Record<string, string>, extra: Partial<Options> = {}): Options {
  return {
    entry,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: false,
    treeshake: true,
    splitting: false,
    target: "es2022",
    platform: "neutral",
    ...extra,
  };
}
