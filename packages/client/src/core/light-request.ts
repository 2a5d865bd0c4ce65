/**
 * A stand-in for `Request` that openapi-fetch builds instead of a real one. The transport reads
 * its fields and calls `fetch(url, init)` once per attempt, so no real `Request` is built twice
 * and a body can be re-sent on retry. Internal: never exposed to users.
 */
export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  readonly signal: AbortSignal | null;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
  }
}
