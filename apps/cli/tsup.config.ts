import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared";

// The CLI is an ESM executable: code splitting keeps the client, CSV and progress modules out of
// the start-up path (they are dynamic imports).
export default defineConfig(
  packageBuild(
    { cli: "src/cli.ts", "runtime-flags": "src/runtime-flags.ts" },
    {
      format: ["esm"],
      dts: false,
      splitting: true,
      platform: "node",
      target: "node20",
      banner: { js: "#!/usr/bin/env node" },
    },
  ),
);
