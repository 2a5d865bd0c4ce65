import { defineConfig } from "tsup";

// Private package (types come from src/): built only so that plain-Node scripts (the demo, benchmarks) can use the helpers.
export default defineConfig({
  entry: { index: "src/index.ts", "prism-setup": "src/prism-setup.ts" },
  format: ["esm"],
  dts: false,
  clean: true,
  platform: "node",
  target: "node20",
  external: ["vitest", "fast-check"],
});
