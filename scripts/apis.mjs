// The one registry of the APIs this repository covers, derived from the specs themselves: every
// spec/<name>/openapi.yaml is an API called <name>. The types generator, spec-tools, test-utils and
// the bench all read it, so adding an API is adding its spec.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const defaultRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Every API of the repository: `{ name, spec, title }`, sorted by name. */
export function listApis(root = defaultRoot) {
  const dir = join(root, "spec");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "openapi.yaml")))
    .map((d) => {
      const spec = join(dir, d.name, "openapi.yaml");
      const title =
        /^\s{2}title:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(readFileSync(spec, "utf8"))?.[1] ?? d.name;
      return { name: d.name, spec, title };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The spec path of one API; throws when the repository has no such API. */
export function specOf(name, root = defaultRoot) {
  const api = listApis(root).find((a) => a.name === name);
  if (!api) throw new Error(`No API "${name}": there is no spec/${name}/openapi.yaml.`);
  return api.spec;
}
