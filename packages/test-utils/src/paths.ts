import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository root. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", ".."); // from src/ or dist/

/** Absolute paths of the OpenAPI specs the project owns. */
export const SPEC = {
  lettrlabs: join(REPO_ROOT, "spec", "lettrlabs", "openapi.yaml"),
  commercelayer: join(REPO_ROOT, "spec", "commercelayer", "openapi.yaml"),
} as const;
