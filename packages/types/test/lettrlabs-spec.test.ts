import { readFileSync } from "node:fs";
import { specOf } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/** The 28 operations of the fact sheet's summary table; the optional proof tail is two paths. */
const FACT_SHEET: [method: string, path: string][] = [
  ["get", "/v1/order"],
  ["post", "/v1/order"],
  ["delete", "/v1/order/{id}"],
  ["get", "/v1/order/{id}/proof"],
  ["get", "/v1/order/{id}/proof/{recipient}"],
  ["get", "/v1/order/analytics"],
  ["get", "/v1/order/transaction"],
  ["get", "/v1/order/{id}/checkout"],
  ["post", "/v1/order/{id}/checkout"],
  ["get", "/v1/order/{id}/recipients"],
  ["delete", "/v1/order/{id}/recipients"],
  ["put", "/v1/order/{id}/recipients"],
  ["put", "/v1/order/{id}/recipients:append"],
  ["get", "/v1/order/{id}/recipient-delivery-status"],
  ["get", "/v1/integration-orders"],
  ["post", "/v1/integration-orders/{id}/recipients"],
  ["post", "/v1/integration-orders/{id}-by-proximity"],
  ["post", "/v1/integration-orders/{id}:mail-by-proximity"],
  ["get", "/v1/conversions"],
  ["post", "/v1/conversions"],
  ["delete", "/v1/conversions/{id}"],
  ["get", "/v1/conversions/{id}/status"],
  ["get", "/v1/templates"],
  ["get", "/v1/templates/{id}"],
  ["get", "/v1/fonts"],
  ["post", "/v1/order-recipients-statistics"],
  ["get", "/v1/me"],
  ["post", "/v1/address-book"],
  ["post", "/v1/zapierActions/address-book"],
];
const LEGACY: Record<string, string> = {
  "/v1/order/{id}/recipients:append": "/v1/order/{id}/recipients",
  "/v1/integration-orders/{id}:mail-by-proximity": "/v1/integration-orders/{id}-by-proximity",
  "/v1/zapierActions/address-book": "/v1/address-book",
};
const TAGS = [
  "Orders",
  "Recipients",
  "Checkout",
  "Analytics",
  "Integration orders",
  "Conversions",
  "Templates",
  "Fonts",
  "Profile",
  "Address book",
];
const METHODS = ["get", "put", "post", "delete", "patch"];

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  deprecated?: boolean;
  description?: string;
  responses: Record<string, unknown>;
}
type Doc = {
  openapi: string;
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
};
const doc = parse(readFileSync(specOf("lettrlabs"), "utf8")) as Doc;
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, op]) => ({ method, path, op })),
);

describe("spec/lettrlabs/openapi.yaml", () => {
  it("is OpenAPI 3.1 with the production server and a global X-API-KEY scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]?.url).toBe("https://app.lettrlabs.com/api");
    expect(doc.components.securitySchemes.apiKey).toEqual(
      expect.objectContaining({ type: "apiKey", in: "header", name: "X-API-KEY" }),
    );
    expect(doc.security).toEqual([{ apiKey: [] }]);
  });

  it("holds every operation of the fact-sheet table, and nothing else", () => {
    const have = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    const want = FACT_SHEET.map(([m, p]) => `${m.toUpperCase()} ${p}`).sort();
    expect(have).toEqual(want);
  });

  it("gives each operation a unique camelCase operationId, a summary and a known tag", () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { op, method, path } of operations) {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(op.tags?.length, `${method} ${path}`).toBe(1);
      expect(TAGS).toContain(op.tags?.[0]);
    }
  });

  it("marks legacy aliases deprecated, pointing at the canonical route", () => {
    for (const { op, path } of operations) {
      const canonical = LEGACY[path];
      if (canonical) {
        expect(op.deprecated, path).toBe(true);
        expect(op.description, path).toContain(canonical);
      } else {
        expect(op.deprecated, path).toBeUndefined();
      }
    }
  });

  it("declares 2xx, 400, 401, 403 and 500 for every operation", () => {
    for (const { op, method, path } of operations) {
      const codes = Object.keys(op.responses);
      for (const code of ["200", "400", "401", "403", "500"])
        expect(codes, `${method} ${path}`).toContain(code);
    }
  });
});
