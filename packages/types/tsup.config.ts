import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared";

export default defineConfig(
  packageBuild({
    index: "src/index.ts",
    lettrlabs: "src/lettrlabs.ts",
    commercelayer: "src/commercelayer.ts",
  }),
);
