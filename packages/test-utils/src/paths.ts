import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ApiEntry, listApis, specOf as registrySpecOf } from "../../../scripts/apis.mjs";

/** Absolute path of the repository root. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", ".."); // from src/ or dist/

/** The APIs the repository covers, from its one registry (every spec/<name>/openapi.yaml). */
export const APIS: readonly ApiEntry[] = listApis(REPO_ROOT);

/** Absolute path of an API's OpenAPI spec (throws for an API the repository does not have). */
export function specOf(name: string): string {
  return registrySpecOf(name, REPO_ROOT);
}
