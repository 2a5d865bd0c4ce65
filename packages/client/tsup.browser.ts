import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared";

// The package's `browser` build (dist/browser/): the same entry, with undici-timeout.ts swapped for
// its browser version, since a browser's `fetch` takes no undici dispatcher. Types are the main
// build's. Run after the main build (it must not clean dist/).
const browserTiming = fileURLToPath(new URL("src/core/undici-timeout.browser.ts", import.meta.url));

export default defineConfig(
  packageBuild(
    { index: "src/index.ts" },
    {
      outDir: "dist/browser",
      dts: false,
      esbuildPlugins: [
        {
          name: "browser-timing",
          setup(build) {
            build.onResolve({ filter: /\/undici-timeout\.js$/ }, () => ({ path: browserTiming }));
          },
        },
      ],
    },
  ),
);
