import { AFTER_UNCERTAIN, uncertainAfter } from "./after-uncertain.js";
import { type ErrorKind, OrderkitError, TransportError } from "./errors.js";
import { unsendable } from "./light-call.js";

/** What an openapi-fetch call resolves to. */
export interface RawResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * How an API client turns failures into its own error class. One object per API, not per call:
 * the call's context and operation come as arguments (no closures are made for a call that
 * succeeds).
 */
export interface FailureMapper<C> {
  /** Anything thrown while calling (transport, abort, unreadable body). */
  thrown(ctx: C, operation: string, kind: ErrorKind, message: string, cause: unknown): Error;
  /** A non-2xx response with its (possibly empty or non-JSON) body. */
  response(ctx: C, operation: string, response: Response, body: unknown): Error;
}

/**
 * Classifies something thrown during a call: transport failures keep their kind, a timeout or
 * abort while the body streams is a timeout or abort, unreadable JSON (or a body too large to
 * read) is an invalid response, and anything else came from the request pipeline (middleware),
 * never called a connection error.
 */
export function classifyThrown(error: unknown): { kind: ErrorKind; message: string } {
  if (error instanceof OrderkitError || error instanceof TransportError)
    return { kind: error.kind, message: error.message };
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError") return { kind: "timeout", message: "The response did not finish in time." };
  if (name === "AbortError") return { kind: "aborted", message: "Aborted." };
  if (error instanceof SyntaxError)
    return { kind: "invalid_response", message: "The response is not valid JSON." };
  // A body too large to hold as one string or buffer (~512 MB and more; review 213).
  if (error instanceof RangeError)
    return { kind: "invalid_response", message: "The response is too large to read." };
  // The connection failed while the body streamed: undici's TypeError "terminated" (the socket's
  // error on its cause; known by its name, since a redacted cause is a stand-in: see redactCause).
  // Only that one: Node's own TypeErrors (ERR_INVALID_URL, ...) carry codes too, and one thrown by
  // a middleware is a pipeline failure.
  if (name === "TypeError" && (error as Error).message === "terminated")
    return { kind: "connection", message: "Connection failed while the response was read." };
  // Every network failure reaches here as a TransportError: anything else was thrown inside the
  // request pipeline (a raw.use() middleware, a serializer), before or after the request was sent.
  return {
    kind: "middleware",
    message: `the request pipeline failed (a raw.use() middleware?): ${error instanceof Error ? error.message : String(error)}`,
  };
}

/**
 * Runs one openapi-fetch call and returns its 2xx result. Branches on `response.ok` (openapi-fetch
 * gives `error === ""` for bodiless failures); everything else becomes the API's error.
 */
export function runCall<D, C>(
  run: () => Promise<RawResult<D>>,
  map: FailureMapper<C>,
  ctx: C,
  operation: string,
): Promise<RawResult<D>> {
  // A promise chain, not an async function: this runs for every call, and each async layer costs
  // a call ~0.5 kB of garbage. `run` may also throw before it returns a promise (a bad argument).
  const thrown = (error: unknown): never => {
    // An API's own error (a token renewal's refusal, say), marked when it ended a write sent again.
    if (error instanceof OrderkitError && error.constructor !== OrderkitError)
      throw AFTER_UNCERTAIN.has(error) ? uncertainAfter(error) : error;
    const { kind, message } = classifyThrown(error);
    // A plain OrderkitError is the client's own wrapper (an unsendable request, a middleware
    // failure): the API's error takes its kind and message, and the wrapped error as its cause, so
    // that no error in the chain holds a message that was not redacted.
    const cause = error instanceof OrderkitError ? error.cause : error;
    const mapped = map.thrown(ctx, operation, kind, message, cause);
    // Thrown after the transport sent the write again (refused before sending, aborted while it
    // waited): the attempt before may have applied it.
    throw AFTER_UNCERTAIN.has(error as object) ? uncertainAfter(mapped) : mapped;
  };
  let call: Promise<RawResult<D>>;
  try {
    call = run();
  } catch (error) {
    // Thrown before any promise existed: while the call's own arguments were read (`null` for its
    // options, say), never inside the request pipeline. An argument error, and nothing was sent.
    call = Promise.reject(error instanceof OrderkitError ? error : unsendable(error));
  }
  return call.then((result) => {
    if (!result.response.ok) {
      const error = map.response(ctx, operation, result.response, result.error);
      // Sent again after an attempt that may have applied it (a DELETE answered 404 the second time).
      throw AFTER_UNCERTAIN.has(result.response) ? uncertainAfter(error) : error;
    }
    return result;
  }, thrown);
}
