import type { LettrLabs } from "@orderkit/types";
import type { paths } from "@orderkit/types/lettrlabs";
import type { ApiHub, Calls } from "../core/api-calls.js";
import { retryAfterMs } from "../core/backoff.js";
import { classifyThrown, type FailureMapper, type RawResult, runCall } from "../core/call.js";
import { kindOfStatus } from "../core/errors.js";
import { assertId } from "../core/path.js";
import { redact, redactCause, redactDeep, requestIdOf } from "../core/redact.js";
import type { SafeWriteContext, SafeWriteErrors } from "../core/safe-write.js";
import { isRecord } from "../core/shape.js";
import { LettrLabsError, lettrLabsError } from "./errors.js";

export type { RequestOptions } from "../core/request-options.js";

/** What resource modules share: the raw client, the logger, the secrets to redact, the write-safety settings. */
export interface LettrLabsContext extends SafeWriteContext {
  /** The calls (openapi-fetch's typed verbs; the fast path while no middleware is registered). */
  readonly raw: Calls<paths>;
  /** What the public openapi-fetch client (`raw`) is made from, on demand (core/raw-client.ts). */
  readonly hub: ApiHub<paths>;
  readonly secrets: readonly string[];
}

/** The LettrLabs errors of the safe-write protocol. */
export function safeWriteErrors(ctx: LettrLabsContext): SafeWriteErrors {
  return {
    ambiguous: ({ message, operation, candidates, cause }) =>
      lettrLabsError("ambiguous_write", {
        message: clip(ctx, message),
        operation,
        candidates: candidates.filter((c): c is number => typeof c === "number"),
        cause,
      }),
    wrap: (error, operation) => toLettrLabsError(ctx, error, operation),
  };
}

const MAX_MESSAGE = 300;

/** Validates a numeric path id, throwing a LettrLabs argument error. */
export function idParam(ctx: LettrLabsContext, value: unknown, name: string): number {
  try {
    return assertId(value, name);
  } catch (error) {
    throw toLettrLabsError(ctx, error, "argument");
  }
}

/**
 * Runs one openapi-fetch call and returns its 2xx body. Throws a LettrLabsError on a non-2xx, on a
 * 2xx whose envelope says `hasErrors: true`, and on any transport failure.
 */
export function send<D>(
  ctx: LettrLabsContext,
  operation: string,
  run: () => Promise<RawResult<D>>,
): Promise<D> {
  // Promise chains, not async functions: each async layer costs a call ~0.5 kB of garbage.
  return runCall(run, FAILURES, ctx, operation).then((result) => accepted(ctx, operation, result));
}

/** A 2xx result's body, unless its envelope says `hasErrors: true` (a validation error). */
function accepted<D>(ctx: LettrLabsContext, operation: string, { data, response }: RawResult<D>): D {
  if (isRecord(data) && data.hasErrors === true) {
    throw lettrLabsError("validation", {
      message: clip(ctx, `${operation} was refused: ${describe(data) ?? "the API reported errors"}`),
      status: response.status,
      operation,
      requestId: requestIdOf(response, ctx.secrets),
      errors: stringArray(data.errors).map((e) => redact(e, ctx.secrets)),
      reasonCode: typeof data.reasonCode === "string" ? redact(data.reasonCode, ctx.secrets) : undefined,
    });
  }
  return data as D;
}

/** How a LettrLabs call's failures become LettrLabsErrors. */
const FAILURES: FailureMapper<LettrLabsContext> = {
  thrown: (ctx, operation, kind, message, cause) =>
    lettrLabsError(kind, {
      message: clip(ctx, `${operation}: ${message}`),
      operation,
      cause: redactCause(cause, ctx.secrets),
    }),
  response: (ctx, operation, res, body) => fromResponse(ctx, res, body, operation),
};

/**
 * `send` and then the envelope's `payload`, checked to have the shape the method promises
 * (`expect`, a cheap guard): a 2xx with another shape is an `invalid_response` error naming the
 * operation, never `undefined` or a TypeError later.
 */
export function sendPayload<D extends { payload?: unknown }>(
  ctx: LettrLabsContext,
  operation: string,
  run: () => Promise<RawResult<D>>,
  expect: (payload: unknown) => boolean = (payload) => payload !== undefined && payload !== null,
): Promise<NonNullable<D["payload"]>> {
  return runCall(run, FAILURES, ctx, operation).then((result) => {
    const data = accepted(ctx, operation, result);
    const payload = isRecord(data) ? data.payload : undefined;
    if (!expect(payload)) {
      throw lettrLabsError("invalid_response", {
        message: `${operation}: the response does not have the expected shape (${payload === undefined || payload === null ? "no payload" : "unexpected payload"}).`,
        operation,
      });
    }
    return payload as NonNullable<D["payload"]>;
  });
}

/** Converts anything thrown outside `send` (e.g. an abortable sleep) into a LettrLabsError. */
export function toLettrLabsError(ctx: LettrLabsContext, error: unknown, operation: string): LettrLabsError {
  if (error instanceof LettrLabsError) return error;
  const { kind, message } = classifyThrown(error);
  return FAILURES.thrown(ctx, operation, kind, message, error) as LettrLabsError;
}

function fromResponse(
  ctx: LettrLabsContext,
  response: Response,
  body: unknown,
  operation: string,
): LettrLabsError {
  const status = response.status;
  const kind = kindOfStatus(status);
  const common = {
    status,
    operation,
    requestId: requestIdOf(response, ctx.secrets),
    retryAfterMs: status === 429 || status === 503 ? retryAfterMs(response.headers) : undefined,
    reasonCode:
      isRecord(body) && typeof body.reasonCode === "string"
        ? redact(body.reasonCode, ctx.secrets)
        : undefined,
  };
  if (status >= 500) {
    // Never echo a server fault's body: it can hold stack traces, hosts or SQL.
    return lettrLabsError(kind, {
      ...common,
      message: `${operation} failed: LettrLabs server error (HTTP ${status}).`,
    });
  }
  const detail = describe(body);
  return lettrLabsError(kind, {
    ...common,
    errors: (isRecord(body)
      ? stringArray(body.errors)
      : typeof body === "string" && !looksLikeHtml(body)
        ? [body]
        : []
    ).map((e) => redact(e, ctx.secrets)),
    recipientErrors: isRecord(body) ? redactDeep(rejections(body), ctx.secrets) : [],
    message: clip(ctx, `${operation} failed (HTTP ${status})${detail ? `: ${detail}` : "."}`),
  });
}

function describe(body: unknown): string | undefined {
  if (typeof body === "string") return body && !looksLikeHtml(body) ? body : undefined;
  if (!isRecord(body)) return undefined;
  const errors = stringArray(body.errors);
  const parts: string[] = [];
  if (errors.length > 0) parts.push(errors.join("; "));
  else if (typeof body.message === "string") parts.push(body.message);
  if (typeof body.reasonCode === "string") parts.push(`[${body.reasonCode}]`);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

function rejections(body: Record<string, unknown>): LettrLabs.RecipientRejection[] {
  for (const value of Object.values(body)) {
    if (Array.isArray(value) && value.some((v) => isRecord(v) && typeof v.reasonCode === "string")) {
      return value.filter(
        (v): v is LettrLabs.RecipientRejection => isRecord(v) && typeof v.reasonCode === "string",
      );
    }
  }
  return [];
}

function looksLikeHtml(text: string): boolean {
  return /^\s*</.test(text);
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function clip(ctx: LettrLabsContext, text: string): string {
  const safe = redact(text, ctx.secrets);
  return safe.length > MAX_MESSAGE ? `${safe.slice(0, MAX_MESSAGE)}…` : safe;
}
