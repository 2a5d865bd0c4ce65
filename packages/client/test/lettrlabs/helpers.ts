import { FakeLettrLabs, type FakeLettrLabsOptions } from "@orderkit/test-utils";
import type { LettrLabs } from "@orderkit/types";
import { afterEach } from "vitest";
import { createLettrLabsClient, type LettrLabsClientOptions } from "../../src/index.js";

const servers: FakeLettrLabs[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** A started fake server plus a client pointed at it with fast retries. */
export async function setup(server: FakeLettrLabsOptions = {}, client: LettrLabsClientOptions = {}) {
  const fake = await new FakeLettrLabs(server).start();
  servers.push(fake);
  const lines: string[] = [];
  const logger = {
    debug: (m: string) => lines.push(`debug ${m}`),
    info: (m: string) => lines.push(`info ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
  };
  const ll = createLettrLabsClient({
    apiKey: fake.options.apiKey,
    baseUrl: fake.url,
    timeoutMs: 2000,
    backoff: { baseMs: 1, capMs: 5 },
    settleMs: 2,
    logger,
    ...client,
  });
  return { fake, ll, lines };
}

/** `n` distinct, valid recipients. */
export function recipients(n: number, offset = 0): LettrLabs.Recipient[] {
  return Array.from({ length: n }, (_, i) => ({
    address: { address1: `${100 + i + offset} Main St`, city: "Austin", state: "TX", zipCode: "78704" },
    personal: { firstName: `First${i + offset}`, lastName: "Doe" },
  }));
}
