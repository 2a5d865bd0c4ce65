import { InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { resolveField } from "./csv/header-map.js";

/**
 * The one place where the CLI parses numeric and id options. Each parser is a commander
 * `argParser`: a bad value (`abc`, `0`, `-5`, out of bounds) fails while the command line is
 * parsed, so it exits with code 2, names the option, and makes no request.
 */

/** A whole number from `min` to `max`. */
export function integer(min: number, max: number = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `Expected a whole number of at least ${min}.`
          : `Expected a whole number from ${min} to ${max}.`,
      );
    }
    return n;
  };
}

/**
 * A value sent as it is written (a SKU code, an email, an id, a reference): not empty, and without
 * spaces around it, which a server may trim (then what it stored is not what a later read looks for).
 */
export function text(value: string): string {
  if (value === "" || value.trim() !== value)
    throw new InvalidArgumentError("Expected a value that is not empty and has no spaces around it.");
  return value;
}

/**
 * True for an absolute http(s) URL with nothing a request path would drop or carry along: what an
 * API's address must be (the CLI has no page to be relative to). No spaces around it (which the
 * URL parser would trim, and the client would not), no user or password, no query or fragment.
 */
export function isHttpUrl(value: string): boolean {
  if (value.trim() !== value || !URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    /^https?:$/.test(url.protocol) &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash &&
    !/[?#]/.test(value)
  );
}

/** An API's address (`--base-url`, `--cl-base-url`, `--auth-url`): an absolute http(s) URL. */
export function httpUrl(value: string): string {
  if (!isHttpUrl(value))
    throw new InvalidArgumentError(
      "Expected an absolute http(s) URL, such as https://example.com/api (no spaces, user, query or fragment).",
    );
  return value;
}

/** A positive integer id (a safe integer). */
export function id(value: string): number {
  const n = /^[1-9][0-9]{0,15}$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n))
    throw new InvalidArgumentError("Expected a positive integer id (at most 2^53 - 1).");
  return n;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A future date in ISO 8601 (`2027-01-15`, or with a time and an offset), returned as an ISO
 * string. Anything else (`March 5`, `1`, `2027-02-30`, a date in the past) is refused.
 */
export function futureIsoDate(value: string): string {
  return futureIsoDateAt(value, Date.now());
}

/** {@link futureIsoDate} against a given clock. */
export function futureIsoDateAt(value: string, now: number): string {
  const text = value.trim();
  const m = ISO_DATE.exec(text);
  const date = m ? new Date(m[4] === undefined ? `${text}T00:00:00Z` : text) : undefined;
  if (!m || !date || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(
      "Expected an ISO 8601 date, e.g. 2027-01-15 or 2027-01-15T09:00:00-05:00.",
    );
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day
  ) {
    throw new InvalidArgumentError(`${m[1]}-${m[2]}-${m[3]} is not a calendar date.`);
  }
  if (date.getTime() <= now) throw new InvalidArgumentError("The date is in the past.");
  const iso = date.toISOString();
  // Past 9999 in UTC, toISOString writes a six-digit year, which is no RFC 3339 date-time.
  if (!/^\d{4}-/.test(iso)) throw new InvalidArgumentError("The date is past the year 9999.");
  return iso;
}

/**
 * One `--map column=field` pair, accumulated into a record (repeatable option). A malformed pair
 * fails while the command line is parsed.
 */
export function mapPair(
  value: string,
  previous: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const eq = value.indexOf("=");
  if (eq < 1 || eq === value.length - 1)
    throw new InvalidArgumentError(`Expected column=field, got "${value}".`);
  const field = value.slice(eq + 1);
  if (!resolveField(field))
    throw new InvalidArgumentError(
      `"${field}" is not a recipient field (e.g. firstName, address1, zip, metadata.custom1).`,
    );
  return { ...previous, [value.slice(0, eq)]: field };
}

/** Bounds the CLI applies, in one table. */
export const BOUNDS = {
  /** Seconds between settlement polls: a floor (no tight loop) and a cap (no timer overflow). */
  pollSeconds: { min: 1, max: 300 },
  /** Seconds to wait for settlement. */
  waitSeconds: { min: 1, max: 86_400 },
  /** Recipients per append request (the API's limit). */
  chunkSize: { min: 1, max: 1000 },
  concurrency: { min: 1, max: 16 },
  /** LettrLabs list pages. */
  pageSize: { min: 1, max: 500 },
  /** Commerce Layer list pages. */
  clPageSize: { min: 1, max: 25 },
  /** Milliseconds to wait before a read-back (`--settle-ms`). */
  settleMs: { min: 0, max: 600_000 },
  /**
   * A Commerce Layer line's quantity (`--quantity`): at most the largest 32-bit integer, which is
   * assumed to be what Commerce Layer stores (its metadata says only "integer").
   */
  quantity: { min: 1, max: 2_147_483_647 },
  /**
   * Milliseconds each request attempt may take (`--timeout-ms`, `ORDERKIT_TIMEOUT_MS`). Not below
   * 5 s: a write the server applies later than the timeout plus `--settle-ms` is read back as
   * missing and sent again, and an append of a thousand rows can take seconds.
   */
  timeoutMs: { min: 5000, max: 600_000 },
} as const;

/**
 * A whole-number option within bounds, its range shown in the help and checked while the command
 * line is parsed: one definition for every page size, interval, timeout and batch option.
 */
export function boundedOption<Flags extends string>(
  flags: Flags,
  what: string,
  bounds: { readonly min: number; readonly max: number },
  fallback: number,
) {
  return new Option(flags, `${what} (${bounds.min}-${bounds.max})`)
    .argParser(integer(bounds.min, bounds.max))
    .default(fallback);
}

/** `--page <n>` and `--page-size <n>` of a LettrLabs list. */
export function pageOptions(what: string) {
  return [
    new Option("--page <n>", "page number, from 0").argParser(integer(0)).default(0),
    boundedOption("--page-size <n>", `${what} per page`, BOUNDS.pageSize, 100),
  ] as const;
}

/** The parts of a commander command that {@link refuseAmbiguousOptions} reads. */
interface OptionOwner {
  readonly options: readonly Option[];
  readonly parent: OptionOwner | null;
  error(message: string, details?: { exitCode?: number; code?: string }): never;
}

/**
 * Refuses (exit 2, before the command's action runs) two command lines commander would take
 * silently, each a way to do something other than what was meant:
 * - an option's value that is another option of the command (`--proof --dry-run` saves the proof
 *   as `./--dry-run`, then checks out and charges): write `./--dry-run` for such a file;
 * - an option that takes a value given twice (`--template 12 --template 13`: the last would win),
 *   unless its help says it is repeatable (`--map`).
 * `args`: the words after the program's name (`--` ends the options).
 */
export function refuseAmbiguousOptions(command: OptionOwner, args: readonly string[]): void {
  const known = new Map<string, Option>();
  for (let c: OptionOwner | null = command; c; c = c.parent)
    for (const option of c.options)
      for (const flag of [option.long, option.short]) if (flag && !known.has(flag)) known.set(flag, option);
  // `-oa.pdf`: a short option with its value attached.
  const attached = (word: string) => {
    const option = /^-[^-]./.test(word) ? known.get(word.slice(0, 2)) : undefined;
    return option && (option.required || option.optional) ? option : undefined;
  };
  const optionIn = (word: string) =>
    word.startsWith("-") && word !== "-"
      ? known.get(word.includes("=") ? word.slice(0, word.indexOf("=")) : word)
      : undefined;
  const given = new Map<Option, number>();
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === "--") break;
    const inline = attached(word);
    const option = optionIn(word) ?? inline;
    if (!option || !(option.required || option.optional)) continue;
    given.set(option, (given.get(option) ?? 0) + 1);
    if ((given.get(option) ?? 0) > 1 && !/\(repeatable\)/.test(option.description))
      command.error(`error: option '${option.flags}' is given more than once: give it once.`, {
        exitCode: 2,
        code: "orderkit.optionRepeated",
      });
    if (inline || word.includes("=") || !option.required) continue;
    const value = args[i + 1];
    if (value !== undefined && optionIn(value)) {
      // What follows `=` may be a secret (`--api-key=…`): not shown.
      const shown = value.includes("=") ? `${value.slice(0, value.indexOf("="))}=…` : value;
      command.error(
        `error: option '${option.flags}' took '${shown}' as its value, but that is an option. For a value that starts with '-', write it another way (./${shown} for a file).`,
        { exitCode: 2, code: "orderkit.optionAsValue" },
      );
    }
    i++;
  }
}
