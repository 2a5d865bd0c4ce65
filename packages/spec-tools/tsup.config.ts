import { defineConfig } from "tsup";

// Private tool: one ESM executable for Node.
export default defineConfig({
  entry: { cli: "src/cli.ts", index: "src/index.ts" },
  format: ["esm"],
  dts: false,
  clean: true,
  platform: "node",
  target: "node20",
  banner: { js: "#!/usr/bin/env node" },
});
