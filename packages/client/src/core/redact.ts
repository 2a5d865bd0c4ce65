/**
 * Replaces every occurrence of each secret in `text` with `***`, as it is and as a JSON string
 * holds it (a server that echoes a request body echoes `"` and `\` escaped).
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4)
      for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) out = out.split(form).join("***");
  }
  return out;
}

/** A copy of `value` with every string in it (at any depth) redacted. */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (typeof value === "string") return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, secrets);
    return out as T;
  }
  return value;
}

/** The server's request id (`x-request-id`), redacted: a server may echo anything into a header. */
export function requestIdOf(
  response: Response,
  secrets: readonly (string | undefined)[],
): string | undefined {
  const id = response.headers.get("x-request-id");
  return id === null ? undefined : redact(id, secrets);
}
