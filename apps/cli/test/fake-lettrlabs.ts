import { FakeLettrLabs, type FakeLettrLabsOptions } from "@orderkit/test-utils";
import { afterEach } from "vitest";

const started: FakeLettrLabs[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.stop()));
});

/**
 * A started stateful LettrLabs fake accepting `key` (stopped after the test), and the environment
 * that points the CLI at it with that key, plus `env`.
 */
export async function lettrLabsFake(
  key: string,
  env: Record<string, string> = {},
  options: Omit<FakeLettrLabsOptions, "apiKey"> = {},
) {
  const f = await new FakeLettrLabs({ ...options, apiKey: key }).start();
  started.push(f);
  return { f, env: { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: key, ...env } };
}
