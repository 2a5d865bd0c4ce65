import { specOf } from "@orderkit/test-utils";
import { describe, expect, inject, it } from "vitest";
import { loadSpec, specOperations } from "./spec-requests.js";

// Contract check of the spec itself: Prism, started on it, must answer every operation with a
// 2xx example when called with the spec's own example inputs, without flagging any violation of
// its own, and must answer 401 when the API key is missing.

const base = inject("lettrlabsPrismUrl");
const operations = specOperations(loadSpec(specOf("lettrlabs")));

describe("Prism on spec/lettrlabs/openapi.yaml", () => {
  it.each(operations)(
    "$method $path answers 2xx with the spec's example inputs",
    async ({ method, url: path, body }) => {
      const url = `${base}${path}`;
      const headers: Record<string, string> = { "X-API-KEY": "LL-API-example", accept: "application/json" };
      if (body) headers["content-type"] = "application/json";
      const res = await fetch(url, { method, headers, body });
      const text = await res.text();
      expect(res.headers.get("sl-violations"), text).toBeNull();
      expect(res.status, text).toBeGreaterThanOrEqual(200);
      expect(res.status, text).toBeLessThan(300);
      expect(text.length).toBeGreaterThan(0);
    },
  );

  it.each(operations)("$method $path answers 401 without X-API-KEY", async ({ method, url: path, body }) => {
    const url = `${base}${path}`;
    const headers: Record<string, string> = body ? { "content-type": "application/json" } : {};
    const res = await fetch(url, { method, headers, body });
    expect(res.status).toBe(401);
    await res.text();
  });

  it("rejects a create-order body without templateId with the spec's documented 400 refusal", async () => {
    const res = await fetch(`${base}/v1/order`, {
      method: "POST",
      headers: { "X-API-KEY": "LL-API-example", "content-type": "application/json" },
      body: JSON.stringify({ template: 12345 }),
    });
    const body = (await res.json()) as { hasErrors: boolean };
    expect(res.status).toBe(400);
    expect(res.headers.get("sl-violations")).toContain("templateId");
    expect(body.hasErrors).toBe(true);
  });

  it("rejects an append with a recipient missing its ZIP code", async () => {
    const res = await fetch(`${base}/v1/order/48213/recipients`, {
      method: "PUT",
      headers: { "X-API-KEY": "LL-API-example", "content-type": "application/json" },
      body: JSON.stringify({
        recipients: [{ address: { address1: "1 Main St", city: "Austin", state: "TX" } }],
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("sl-violations")).toContain("zipCode");
    await res.text();
  });

  it("serves a real PDF (base64 in JSON) as the proof example", async () => {
    const res = await fetch(`${base}/v1/order/48213/proof`, { headers: { "X-API-KEY": "LL-API-example" } });
    const b64 = (await res.json()) as string;
    const pdf = Buffer.from(b64, "base64").toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf.trimEnd().endsWith("%%EOF")).toBe(true);
  });
});
