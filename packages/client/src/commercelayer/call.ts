import type { CommerceLayer } from "@orderkit/types";
import type { paths } from "@orderkit/types/commercelayer";
import type { ApiHub, Calls } from "../core/api-calls.js";
import { retryAfterMs } from "../core/backoff.js";
import { classifyThrown, type FailureMapper, type RawResult, runCall } from "../core/call.js";
import { type ErrorKind, kindOfStatus } from "../core/errors.js";
import { assertStringId } from "../core/path.js";
import { redact, redactCause, redactDeep, requestIdOf } from "../core/redact.js";
import type { SafeWriteContext, SafeWriteErrors } from "../core/safe-write.js";
import { isRecord } from "../core/shape.js";
import { shown } from "../core/shown.js";
import { CommerceLayerError, commerceLayerError } from "./errors.js";
import { flattenList, flattenOne, type Raw, TOO_LARGE } from "./jsonapi.js";
import { filterProblemText, type ListQuery, snapshotFilter } from "./query.js";

export type { RequestOptions } from "../core/request-options.js";

/** What resource modules share. */
export interface CommerceLayerContext extends SafeWriteContext {
  /** The calls (openapi-fetch's typed verbs; the fast path while no middleware is registered). */
  readonly raw: Calls<paths>;
  /** What the public openapi-fetch client (`raw`) is made from, on demand (core/raw-client.ts). */
  readonly hub: ApiHub<paths>;
  readonly secrets: () => readonly (string | undefined)[];
}

/** Converts anything thrown outside a call (an abort during a pause) into a CommerceLayerError. */
export function toClError(ctx: CommerceLayerContext, error: unknown, operation: string): CommerceLayerError {
  if (error instanceof CommerceLayerError) return error;
  const { kind, message } = classifyThrown(error);
  return thrownError(ctx.secrets(), operation, kind, message, error);
}

/**
 * The CommerceLayerError of something thrown (its kind and message as classifyThrown gives them),
 * with the message and the causes redacted: for the calls, for errors outside them, and for the
 * token request.
 */
export function thrownError(
  secrets: readonly (string | undefined)[],
  operation: string,
  kind: ErrorKind,
  message: string,
  cause: unknown,
): CommerceLayerError {
  return commerceLayerError(kind, {
    message: redact(`${operation}: ${message}`, secrets),
    operation,
    cause: redactCause(cause, secrets),
  });
}

/** The Commerce Layer errors of the safe-write protocol. */
export function clSafeWriteErrors(ctx: CommerceLayerContext): SafeWriteErrors {
  return {
    ambiguous: ({ message, operation, candidates, cause }) =>
      commerceLayerError("ambiguous_write", {
        message: redact(message, ctx.secrets()),
        operation,
        candidates: candidates.map(String),
        cause,
      }),
    wrap: (error, operation) => toClError(ctx, error, operation),
  };
}

const isResource = (v: unknown): v is Raw =>
  isRecord(v) && typeof v.id === "string" && typeof v.type === "string";

function invalid(operation: string, what: string, cause?: unknown): CommerceLayerError {
  return commerceLayerError("invalid_response", {
    message: `${operation}: the response is not ${what}.`,
    operation,
    cause,
  });
}

/**
 * A checked document, flattened; one whose relationships or `included` the flattening cannot read
 * (a `null` among them, say), or whose results would be too large written out, is an
 * `invalid_response`, as any other malformed answer, caused by what the flattening threw: for one
 * too large, a RangeError whose message is `TOO_LARGE` (what tells that refusal apart from any
 * text a server sends).
 */
function readable<R>(operation: string, flatten: () => R): R {
  try {
    return flatten();
  } catch (error) {
    throw invalid(
      operation,
      (error as Error)?.message === TOO_LARGE ? TOO_LARGE : "a JSON:API document it can read",
      error,
    );
  }
}

/**
 * Runs a call whose 2xx body is a single-resource document of `type` (`"orders"`); returns it
 * flattened (checked first). A resource of another type (a server's fault, or another resource's
 * answer) is an `invalid_response`: its id is never taken for the one asked for. `undefined` for a
 * safe write's attempt, whose `check` tells an answer of another type (answered otherwise: read
 * back, and never sent again).
 */
export function clOne<T, D extends { data: Raw; included?: readonly Raw[] }>(
  ctx: CommerceLayerContext,
  operation: string,
  type: D["data"]["type"] | undefined,
  run: () => Promise<RawResult<D>>,
) {
  // Promise chains, not async functions, on the calls' path: each async layer costs a call ~0.5 kB
  // of garbage. runCall directly, not clSend: one promise step less.
  return runCall(run, FAILURES, ctx, operation).then(({ data: doc }) => {
    if (!isRecord(doc) || !isResource(doc.data) || (type !== undefined && doc.data.type !== type)) {
      if (isRecord(doc) && doc.data === null) {
        throw commerceLayerError("not_found", {
          message: `${operation}: the answer holds no resource.`,
          operation,
        });
      }
      throw invalid(operation, `a JSON:API document with one resource${type ? ` of type ${type}` : ""}`);
    }
    return readable(operation, () => flattenOne<T, D>(doc));
  });
}

/**
 * A list call's filter as the text it sends (`snapshotFilter`), or, thrown, the `invalid_argument`
 * error that refuses it, nothing sent (the caller's text in it redacted first, then cut to one line
 * and quoted: a cut secret would not be found). The one check of every list call: `clList` makes
 * it, and `orders.iterate` once before it adds its own `id_gt` to the copy.
 */
export function clFilter(
  ctx: CommerceLayerContext,
  operation: string,
  filter: unknown,
): Record<string, unknown> | undefined {
  const refuse = (why: string) =>
    commerceLayerError("invalid_argument", {
      message: redact(`${operation}: ${why}. Nothing was sent.`, ctx.secrets()),
      operation,
    });
  const quote = (text: string) => shown(redact(text, ctx.secrets()).split(/[\r\n\u2028\u2029]/)[0]);
  let checked: ReturnType<typeof snapshotFilter>;
  try {
    checked = snapshotFilter(filter);
  } catch (error) {
    let text: string;
    try {
      text = String((error as Error)?.message ?? error);
    } catch {
      text = "an error that cannot be shown";
    }
    throw refuse(`the filter cannot be read: ${quote(text)}`);
  }
  if ("problem" in checked) throw refuse(filterProblemText(checked.problem, quote));
  return checked.filter;
}

/** What a list call sends: its query's options, each read once, and its filter as `clFilter` made it. */
export type SentListQuery = Omit<ListQuery<object, string, string>, "filter"> & {
  filter?: Record<string, unknown> | undefined;
};

/**
 * Runs a list call whose 2xx body is a list document; returns it flattened (checked first), with
 * `query.page` in its meta. `run` sends what `clList` made of the query: its options read once
 * (own or inherited), and its filter as `clFilter` made it, which refuses one that would list
 * other records than asked, nothing sent.
 */
export function clList<
  T,
  D extends {
    data: readonly Raw[];
    included?: readonly Raw[];
    meta?: { record_count: number; page_count: number };
  },
>(
  ctx: CommerceLayerContext,
  operation: string,
  type: D["data"][number]["type"],
  query: ListQuery<object, string, string> | undefined,
  run: (query: SentListQuery | undefined) => Promise<RawResult<D>>,
) {
  const sent: SentListQuery | undefined = query && {
    include: query.include,
    fields: query.fields,
    sort: query.sort,
    page: query.page,
    filter: clFilter(ctx, operation, query.filter),
  };
  return runCall(() => run(sent), FAILURES, ctx, operation).then(({ data: doc }) => {
    if (
      !isRecord(doc) ||
      !Array.isArray(doc.data) ||
      !doc.data.every((r) => isResource(r) && r.type === type)
    ) {
      throw invalid(operation, `a JSON:API document with a list of resources of type ${type}`);
    }
    return readable(operation, () => flattenList<T, D>(doc, sent?.page));
  });
}

/**
 * Refuses a call (its `invalid_argument`, nothing sent) when an argument that must be an object
 * is not: `null`, a string (a JavaScript caller's slip the types would have caught). Arguments left
 * out take their defaults before this runs.
 */
export function clObjects(operation: string, values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values))
    if (typeof value !== "object" || value === null)
      throw commerceLayerError("invalid_argument", {
        message: `${operation}: \`${name}\` must be an object, got ${value === null ? "null" : typeof value}.`,
        operation,
      });
}

/** Validates a string path id, throwing a CommerceLayerError. */
export function clId(value: unknown, name: string): string {
  try {
    return assertStringId(value, name);
  } catch (error) {
    throw commerceLayerError("invalid_argument", { message: (error as Error).message });
  }
}

/**
 * What is wrong with a text a write is found again by (a line's SKU code, an order's reference),
 * or undefined: it must be a non-empty string without surrounding spaces, in composed Unicode form
 * (NFC): a server that trims or composes it would keep another text than the look-up searches for.
 */
export function lookupTextProblem(name: string, value: unknown): string | undefined {
  return typeof value !== "string" || value === "" || value.trim() !== value
    ? `${name} must be a non-empty string without surrounding spaces, got ${shown(value)}.`
    : value.normalize("NFC") !== value
      ? `${name} must be written in composed Unicode form (NFC: "é" as one character), got ${shown(value)}.`
      : undefined;
}

/** Runs one openapi-fetch call; returns the 2xx body or throws a CommerceLayerError. */
export function clSend<D>(
  ctx: CommerceLayerContext,
  operation: string,
  run: () => Promise<RawResult<D>>,
): Promise<D> {
  return runCall(run, FAILURES, ctx, operation).then(dataOf) as Promise<D>;
}

const dataOf = <D>(result: RawResult<D>) => result.data;

/** How a Commerce Layer call's failures become CommerceLayerErrors. */
const FAILURES: FailureMapper<CommerceLayerContext> = {
  thrown: (ctx, operation, kind, message, cause) =>
    thrownError(ctx.secrets(), operation, kind, message, cause),
  response: (ctx, operation, response, body) => {
    const status = response.status;
    const common = {
      status,
      operation,
      requestId: requestIdOf(response, ctx.secrets()),
      retryAfterMs: status === 429 || status === 503 ? retryAfterMs(response.headers) : undefined,
    };
    if (status >= 500) {
      return commerceLayerError(kindOfStatus(status), {
        ...common,
        message: `${operation} failed: Commerce Layer server error (HTTP ${status}).`,
      });
    }
    const raw = (body as { errors?: unknown } | undefined)?.errors;
    const errors = redactDeep(Array.isArray(raw) ? (raw as CommerceLayer.ErrorObject[]) : [], ctx.secrets());
    const first = errors[0];
    const detail = first
      ? `${first.code ? `${first.code}: ` : ""}${first.detail ?? first.title}${first.source?.pointer ? ` (${first.source.pointer})` : ""}`
      : undefined;
    return commerceLayerError(kindOfStatus(status), {
      ...common,
      errors,
      message: `${operation} failed (HTTP ${status})${detail ? `: ${detail}` : "."}`,
    });
  },
};
