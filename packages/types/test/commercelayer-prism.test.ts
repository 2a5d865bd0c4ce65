import { specOf } from "@orderkit/test-utils";
import { describe, expect, inject, it } from "vitest";
import { loadSpec, specOperations } from "./spec-requests.js";

// Prism, started on spec/commercelayer/openapi.yaml, must answer every operation (the token
// endpoint included) with a 2xx example for the spec's own example inputs, flag no violation,
// and answer 401 to a secured operation without a bearer token.

const base = inject("commercelayerPrismUrl");
const operations = specOperations(loadSpec(specOf("commercelayer")));

describe("Prism on spec/commercelayer/openapi.yaml", () => {
  it.each(operations)(
    "$method $path answers 2xx with the spec's example inputs",
    async ({ method, url, body, mediaType, secured }) => {
      const headers: Record<string, string> = {
        accept: secured ? "application/vnd.api+json" : "application/json",
      };
      if (secured) headers.authorization = "Bearer eyJ.example.token";
      if (body && mediaType) headers["content-type"] = mediaType;
      const res = await fetch(`${base}${url}`, { method, headers, body });
      const text = await res.text();
      expect(res.headers.get("sl-violations"), text).toBeNull();
      expect(res.status, text).toBeGreaterThanOrEqual(200);
      expect(res.status, text).toBeLessThan(300);
      if (res.status !== 204) expect(JSON.parse(text)).toBeTypeOf("object");
    },
  );

  it.each(operations.filter((o) => o.secured))(
    "$method $path answers 401 without a token",
    async ({ method, url, body, mediaType }) => {
      const headers: Record<string, string> = mediaType ? { "content-type": mediaType } : {};
      const res = await fetch(`${base}${url}`, { method, headers, body });
      expect(res.status).toBe(401);
      await res.text();
    },
  );

  it("rejects a line item without quantity", async () => {
    const res = await fetch(`${base}/line_items`, {
      method: "POST",
      headers: { authorization: "Bearer x", "content-type": "application/vnd.api+json" },
      body: JSON.stringify({
        data: {
          type: "line_items",
          attributes: { sku_code: "X" },
          relationships: { order: { data: { type: "orders", id: "a" } } },
        },
      }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("sl-violations")).toContain("quantity");
    await res.text();
  });
});
