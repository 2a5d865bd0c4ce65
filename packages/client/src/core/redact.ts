import { OrderkitError, TransportError } from "./errors.js";

/**
 * Replaces every occurrence of each secret in `text` with `***`: in any letter case, as it is, and
 * as a JSON string may hold it, with any of its characters escaped (`\"`, `\\`, `\/`, `\n`,
 * `\u0022`, in either case): a server that echoes a request body escapes it its own way. A text
 * that holds a secret only escaped comes back with its escapes decoded. Longest secrets first, so
 * that a secret inside another leaves nothing of the longer one. Never throws.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets
    .filter((s): s is string => (s?.length as number) > 3)
    .sort((a, b) => b.length - a.length)) {
    // The common case, by far (an app or the CLI hides its secrets in every value it prints): no
    // backslash, so no JSON escape to decode, and the secret in no letter case; then the full
    // search (microseconds) is skipped. Upper-casing both is safe for a printable ASCII secret: a
    // character the case-blind search matches to an ASCII one is ASCII itself.
    if (!out.includes("\\") && /^[ -~]*$/.test(secret) && !out.toUpperCase().includes(secret.toUpperCase()))
      continue;
    // In any letter case (a server may echo a key upper- or lower-cased); as it is, for a secret
    // too long for a regular expression (V8 refuses one of 32k characters when it first runs).
    const found = secret.length < 5e3 ? new RegExp(secret.replace(/\W/g, "\\$&"), "gi") : secret;
    out = out.replaceAll(found, "***");
    // As a JSON string may hold it, escaped: found in the text with its escapes decoded.
    const decoded = unescapeJson(out);
    const hidden = decoded.replaceAll(found, "***");
    if (hidden !== decoded) out = hidden;
  }
  return out;
}

/** `text` with every JSON escape in it decoded (`\u0041` → `A`, `\/` → `/`); other backslashes stay. */
const unescapeJson = (text: string) =>
  text.replace(/\\(?:u[\da-fA-F]{4}|["\\/bfnrt])/g, (sequence) => JSON.parse(`"${sequence}"`) as string);

/**
 * A copy of `value` with every string in it redacted. What lies more than 64 levels down (a server's
 * answer nested thousands deep, which would overflow the stack and turn a typed error into a
 * `RangeError`) is replaced by the text `"(nested too deep)"`.
 */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[], depth = 64): T {
  if (typeof value === "string") return redact(value, secrets) as T;
  if (typeof value !== "object" || value === null) return value;
  if (depth === 0) return "(nested too deep)" as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, depth - 1)) as T;
  const out: Record<string, unknown> = {};
  // Keys too: a server may name a field after what it was sent.
  for (const [k, v] of Object.entries(value)) out[redact(k, secrets)] = redactDeep(v, secrets, depth - 1);
  return out as T;
}

/**
 * `cause` (what an error wraps) without the secrets. A custom `fetch`, a middleware or a token
 * server's client may throw anything, quoting the request it was given (the key included), and a
 * printed error shows its causes. So only the client's own errors are kept as they are (their
 * texts are redacted where they are made; the cause of each is redacted in turn); a text is
 * redacted; anything else thrown (a symbol, a function too) is replaced by a stand-in: a native
 * `Error` with its name (`TypeError: ...` still prints as such), message and stack redacted, its
 * fields that hold a text, number or boolean (`code`, `errno`, ...) copied, texts redacted, and
 * its cause redacted in turn. Its other fields (objects: a socket, a `Request`, a config with
 * headers) are left out, and so is a chain deeper than 8 causes. What cannot be read without
 * throwing (a getter that throws, a hostile Proxy) becomes an error that says so. An abort's cause
 * is the caller's own reason, and stays as it is.
 */
export function redactCause(cause: unknown, secrets: readonly (string | undefined)[], depth = 0): unknown {
  if (depth > 8) return undefined;
  const text = (value: unknown) => redact(String(value), secrets);
  if (typeof cause === "string" || typeof cause === "symbol") return text(cause);
  if (cause === null || (typeof cause !== "object" && typeof cause !== "function")) return cause;
  try {
    if (cause instanceof OrderkitError || cause instanceof TransportError) {
      // Its text may quote what a custom fetch threw (a connection error's code). The stack that
      // prints it is made from it when first read (V8), which nothing has done yet.
      cause.message = text(cause.message);
      // An abort's cause is the caller's own reason: kept as it is (`err.cause.cause === reason`).
      if (cause.cause !== undefined && cause.kind !== "aborted")
        Object.defineProperty(cause, "cause", { value: redactCause(cause.cause, secrets, depth + 1) });
      return cause;
    }
    const { name, message, stack, cause: inner } = cause as Partial<Error>;
    const standIn = new Error(
      text(message ?? JSON.stringify(cause)),
      inner === undefined ? undefined : { cause: redactCause(inner, secrets, depth + 1) },
    ) as Error & Record<string, unknown>;
    if (name !== undefined && name !== "Error") standIn.name = text(name);
    if (stack !== undefined) standIn.stack = text(stack);
    for (const [key, value] of Object.entries(cause))
      if (key !== "cause" && /^[snb]/.test(typeof value))
        standIn[text(key)] = typeof value === "number" || typeof value === "boolean" ? value : text(value);
    return standIn;
  } catch {
    return new Error("An unreadable error was left out.");
  }
}

/** The server's request id (`x-request-id`), redacted: a server may echo anything into a header. */
export function requestIdOf(
  response: Response,
  secrets: readonly (string | undefined)[],
): string | undefined {
  const id = response.headers.get("x-request-id");
  return id === null ? undefined : redact(id, secrets);
}
