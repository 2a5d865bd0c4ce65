/**
 * This machine's loopback names, as WHATWG URLs spell a host (`127.1`, `0x7f.0.0.1` and
 * `2130706433` become 127.0.0.1; `[::ffff:127.0.0.1]` becomes `[::ffff:7f00:1]`): `localhost`
 * (which Node and browsers resolve to loopback without DNS), 127/8, `[::1]`, v4-mapped 127/8,
 * and the unspecified addresses 0.0.0.0 and `[::]` (a connection to them reaches this machine).
 * Not `*.localhost`, nor `localhost.` with its dot: names DNS may resolve elsewhere.
 */
const LOOPBACK =
  /^(localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\])$/i;

/**
 * Whether `hostname` (a `URL`'s `hostname`) names this machine: see LOOPBACK above. The one rule
 * for "this machine", where plain http is allowed and where two names are one server.
 */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * The server an http(s) API URL names, as writes that must take turns are keyed: origin (scheme
 * and host lower-cased, no default port) and path without trailing slashes; a host's trailing
 * dot dropped; every loopback name (`localhost`, `127.0.0.1`, `[::1]`...) as 127.0.0.1. Two
 * spellings of one server get one key (a key shared by two servers costs only a wait); anything
 * that is not an http(s) URL is its own key, as written.
 */
export function serverKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return url;
  parsed.hostname = parsed.hostname.replace(/\.$/, "");
  if (isLoopbackHost(parsed.hostname)) parsed.hostname = "127.0.0.1";
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}
