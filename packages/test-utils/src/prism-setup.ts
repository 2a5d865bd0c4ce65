// vitest globalSetup: one Prism per spec for the whole test run of a package, always stopped.
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { SPEC } from "./paths.js";
import { type PrismServer, startPrism } from "./prism.js";
import "./provided.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers: PrismServer[] = [];
  const [ll, cl] = await Promise.all([
    startPrism(SPEC.lettrlabs),
    existsSync(SPEC.commercelayer) ? startPrism(SPEC.commercelayer) : Promise.resolve(undefined),
  ]);
  servers.push(ll);
  if (cl) servers.push(cl);
  project.provide("lettrlabsPrismUrl", ll.url);
  project.provide("commercelayerPrismUrl", cl?.url ?? "");
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
