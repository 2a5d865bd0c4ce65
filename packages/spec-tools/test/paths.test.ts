import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../src/diff.js";
import { readSpec } from "../src/upgrade.js";

const pairs = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "pairs");
const fixture = (name: string) => readSpec(join(pairs, "stripe-charges", `${name}.yaml`));

describe("path templates", () => {
  it("a renamed path parameter is one breaking change per operation, not a removal and an addition", () => {
    expect(diffSpecs(fixture("before"), fixture("after-path-parameter-renamed"))).toEqual({
      bump: "major",
      changes: [
        {
          severity: "breaking",
          kind: "path-parameter-renamed",
          location: "GET /v1/charges/{id}",
          message: "path parameter renamed: was /v1/charges/{charge} ({charge} → {id})",
        },
        {
          severity: "breaking",
          kind: "path-parameter-renamed",
          location: "POST /v1/charges/{id}",
          message: "path parameter renamed: was /v1/charges/{charge} ({charge} → {id})",
        },
      ],
    });
  });

  it("the renamed operation is still compared: a change inside it is reported under its new path", () => {
    const after = fixture("after-path-parameter-renamed");
    const paths = after.paths as Record<string, { get: { operationId: string } }>;
    paths["/v1/charges/{id}"]!.get.operationId = "RetrieveCharge";
    expect(diffSpecs(fixture("before"), after).changes.map((c) => [c.kind, c.location])).toEqual([
      ["path-parameter-renamed", "GET /v1/charges/{id}"],
      ["operation-id-changed", "GET /v1/charges/{id}"],
      ["path-parameter-renamed", "POST /v1/charges/{id}"],
    ]);
  });

  it("a path that changed more than its parameter names is a removal and an addition", () => {
    const before = fixture("before");
    const after = structuredClone(before);
    const paths = after.paths as Record<string, unknown>;
    paths["/v2/charges/{charge}"] = paths["/v1/charges/{charge}"];
    delete paths["/v1/charges/{charge}"];
    expect(diffSpecs(before, after).changes.map((c) => [c.severity, c.kind, c.location])).toEqual([
      ["breaking", "operation-removed", "GET /v1/charges/{charge}"],
      ["breaking", "operation-removed", "POST /v1/charges/{charge}"],
      ["addition", "operation-added", "GET /v2/charges/{charge}"],
      ["addition", "operation-added", "POST /v2/charges/{charge}"],
    ]);
  });
});
