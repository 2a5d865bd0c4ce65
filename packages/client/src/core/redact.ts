/**
 * Replaces every occurrence of each secret in `text` with `***`: as it is, and as a JSON string
 * may hold it, with any of its characters escaped (`\"`, `\\`, `\/`, `\n`, `\u0022`, in either
 * case): a server that echoes a request body escapes it its own way. A text that holds a secret
 * only escaped comes back with its escapes decoded. Longest secrets first, so that a secret inside
 * another leaves nothing of the longer one.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0)))
    if (secret && secret.length >= 4) {
      out = out.split(secret).join("***");
      // An escaped form holds a backslash: most texts have none.
      const decoded = out.includes("\\") ? unescapeJson(out) : out;
      if (decoded.includes(secret)) out = decoded.split(secret).join("***");
    }
  return out;
}

/** `text` with every JSON escape in it decoded (`\u0041` → `A`, `\/` → `/`); other backslashes stay. */
const unescapeJson = (text: string) =>
  text.replace(/\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (sequence) => JSON.parse(`"${sequence}"`) as string);

/** A copy of `value` with every string in it (at any depth) redacted. */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (typeof value === "string") return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    // Keys too: a server may name a field after what it was sent.
    for (const [k, v] of Object.entries(value)) out[redact(k, secrets)] = redactDeep(v, secrets);
    return out as T;
  }
  return value;
}

/**
 * `cause` (what an error wraps) without the secrets: an Error whose message, stack, text fields
 * or own causes hold one is copied, with the same class and fields, and those texts redacted; a
 * text is redacted; anything else stays as it is (an error's fields that hold objects too: they
 * may be anything, a socket or a Request). A chain is kept 8 causes deep: what lies deeper (or a
 * chain that loops back) is cut off. A custom `fetch` or a middleware may
 * throw an error that quotes the request it was given, key included, and a printed error shows
 * its causes.
 */
export function redactCause(cause: unknown, secrets: readonly (string | undefined)[], depth = 0): unknown {
  // Deeper (or a chain that loops): cut off, never kept unredacted.
  if (depth > 8) return undefined;
  if (typeof cause === "string") return redact(cause, secrets);
  if (!(cause instanceof Error)) return cause;
  const copy = Object.create(Object.getPrototypeOf(cause)) as Error;
  let changed = false;
  for (const key of Reflect.ownKeys(cause)) {
    const field = Object.getOwnPropertyDescriptor(cause, key) as PropertyDescriptor;
    const value: unknown = field.value;
    if (key === "cause") field.value = redactCause(value, secrets, depth + 1);
    else if (typeof value === "string") field.value = redact(value, secrets);
    changed ||= field.value !== value;
    Object.defineProperty(copy, key, field);
  }
  return changed ? copy : cause;
}

/** The server's request id (`x-request-id`), redacted: a server may echo anything into a header. */
export function requestIdOf(
  response: Response,
  secrets: readonly (string | undefined)[],
): string | undefined {
  const id = response.headers.get("x-request-id");
  return id === null ? undefined : redact(id, secrets);
}
