// vitest globalSetup: one Prism per API of the registry (spec/<name>/openapi.yaml) for the whole
// test run of a package, provided to tests as `<name>PrismUrl`, always stopped.
import type { TestProject } from "vitest/node";
import { APIS } from "./paths.js";
import { startPrism } from "./prism.js";
import "./provided.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers = await Promise.all(APIS.map((api) => startPrism(api.spec)));
  APIS.forEach((api, i) => {
    project.provide(`${api.name}PrismUrl` as "lettrlabsPrismUrl", (servers[i] as { url: string }).url);
  });
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
