import { describe, expect, it } from "vitest";
import { FakeLettrLabs } from "../src/index.js";

describe("FakeLettrLabs", () => {
  it("keeps orders, applies faults in order and counts requests", async () => {
    const fake = await new FakeLettrLabs().start();
    try {
      const headers = { "X-API-KEY": fake.options.apiKey, "content-type": "application/json" };
      fake.inject("POST", /^\/v1\/order$/, { kind: "status", status: 503 }, 1, 1);
      const ok = await fetch(`${fake.url}/v1/order`, { method: "POST", headers, body: '{"templateId":1}' });
      expect(ok.status).toBe(200);
      const failed = await fetch(`${fake.url}/v1/order`, {
        method: "POST",
        headers,
        body: '{"templateId":1}',
      });
      expect(failed.status).toBe(503);
      expect(fake.orders.size).toBe(1);
      expect(fake.count("POST", /^\/v1\/order$/)).toBe(2);
      const unauthorized = await fetch(`${fake.url}/v1/me`);
      expect(unauthorized.status).toBe(401);
      expect(await unauthorized.json()).toBe("Authorization key not valid");
    } finally {
      await fake.stop();
    }
  });
});
