/**
 * What Node's fetch rejects with when the connection is refused before anything is sent (a
 * TypeError whose cause carries `code: "ECONNREFUSED"`), for custom `fetch` functions in tests.
 */
export function connectionRefused(): Promise<never> {
  const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1"), { code: "ECONNREFUSED" });
  return Promise.reject(new TypeError("fetch failed", { cause }));
}
