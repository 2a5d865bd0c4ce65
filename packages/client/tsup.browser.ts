import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared";

// The package's `browser` build (dist/browser/): the same entry, where every module that has a
// `.browser.ts` beside it (src/core/undici-timeout, deadline, on-abort) is swapped for that file.
// Those carry Node's own concerns (undici's dispatcher, the cost of a controller per call, Node's
// listener warning); a browser needs none of them, and the bundle would carry them all. Types are
// the main build's. Run after the main build (it must not clean dist/).
export default defineConfig(
  packageBuild(
    { index: "src/index.ts" },
    {
      outDir: "dist/browser",
      dts: false,
      esbuildPlugins: [
        {
          name: "browser-modules",
          setup(build) {
            // However the import is written (`./deadline.js`, `./deadline`, `./deadline.ts`).
            build.onResolve({ filter: /^\.\.?\// }, (args) => {
              const swapped = resolve(args.resolveDir, `${args.path.replace(/\.[jt]s$/, "")}.browser.ts`);
              return existsSync(swapped) ? { path: swapped } : undefined;
            });
          },
        },
      ],
    },
  ),
);
