import { FakeCommerceLayer, type FakeCommerceLayerOptions } from "@orderkit/test-utils";
import { afterEach } from "vitest";

const started: FakeCommerceLayer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.stop()));
});

/**
 * A started stateful Commerce Layer fake (stopped after the test) and the environment that points
 * the CLI at it with the client credentials `client`:`secret`.
 */
export async function commerceLayerFake(
  client: string,
  secret: string,
  options: FakeCommerceLayerOptions = {},
) {
  const f = await new FakeCommerceLayer(options).start();
  started.push(f);
  const env = {
    COMMERCELAYER_BASE_URL: f.url,
    COMMERCELAYER_AUTH_URL: f.url,
    COMMERCELAYER_CLIENT_ID: client,
    COMMERCELAYER_CLIENT_SECRET: secret,
  };
  return { f, env };
}
