import { type ClFault, FakeCommerceLayer, type FakeCommerceLayerOptions } from "@orderkit/test-utils";
import { afterEach } from "vitest";
import { type CommerceLayerClientOptions, createCommerceLayerClient } from "../../src/index.js";

const fakes: FakeCommerceLayer[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});
/** A started fake Commerce Layer plus a client pointed at it with fast retries; stopped after each test. */
export async function setup(
  server: FakeCommerceLayerOptions = {},
  client: Partial<CommerceLayerClientOptions> = {},
) {
  const fake = await new FakeCommerceLayer(server).start();
  fakes.push(fake);
  const lines: string[] = [];
  const log = (m: string) => lines.push(m);
  const cl = createCommerceLayerClient({
    baseUrl: fake.url,
    authUrl: fake.url,
    clientId: "client-abc",
    clientSecret: "secret-XYZ-123",
    backoff: { baseMs: 1, capMs: 5 },
    settleMs: 2,
    logger: { debug: log, info: log, warn: log },
    ...client,
  });
  return { fake, cl, lines };
}

/** A write's fault in seeded schedules: none, applied and answer lost, applied late (within the settle wait), or a 503 (not applied). */
export const WRITE_FAULTS: readonly (ClFault | undefined)[] = [
  undefined,
  "drop-after-apply",
  { lateMs: 100 },
  { status: 503 },
];
