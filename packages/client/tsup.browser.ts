import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared";
import { browserTwin } from "./browser-modules.mjs";

// The package's `browser` build (dist/browser/): the same entry, where every module that has a
// `.browser.ts` beside it (src/core/undici-timeout, deadline, on-abort) is swapped for that file
// (browser-modules.mjs). Those carry Node's own concerns (undici's dispatcher, the cost of a
// controller per call, Node's listener warning); a browser needs none of them, and the bundle
// would carry them all. Types are the main build's. Run after the main build (it must not clean
// dist/).
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
            build.onResolve({ filter: /^\.\.?\// }, (args) => {
              const twin = browserTwin(args.path, args.resolveDir);
              return twin ? { path: twin } : undefined;
            });
          },
        },
      ],
    },
  ),
);
