import type { CommerceLayer } from "@orderkit/types";
import type { paths } from "@orderkit/types/commercelayer";
import type { Client } from "openapi-fetch";
import { type RawResult, runCall } from "../core/call.js";
import { kindOfStatus } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import { assertStringId } from "../core/path.js";
import { redact } from "../core/redact.js";
import { CommerceLayerError } from "./errors.js";

/** Per-call options every resource method accepts. */
export interface ClCallOptions {
  /** Cancels the call at once (no retry). */
  signal?: AbortSignal | undefined;
}

/** What resource modules share. */
export interface CommerceLayerContext {
  readonly raw: Client<paths>;
  readonly logger: Logger;
  readonly secrets: () => readonly (string | undefined)[];
  readonly maxRetries: number;
}

/** Validates a string path id, throwing a CommerceLayerError. */
export function clId(value: unknown, name: string): string {
  try {
    return assertStringId(value, name);
  } catch (error) {
    throw new CommerceLayerError("invalid_argument", { message: (error as Error).message });
  }
}

/** Runs one openapi-fetch call; returns the 2xx body or throws a CommerceLayerError. */
export async function clSend<D>(
  ctx: CommerceLayerContext,
  operation: string,
  run: () => Promise<RawResult<D>>,
): Promise<D> {
  const { data } = await runCall(run, {
    thrown: (kind, message, cause) =>
      new CommerceLayerError(kind, {
        message: redact(`${operation}: ${message}`, ctx.secrets()),
        operation,
        cause,
      }),
    response: (response, body) => {
      const status = response.status;
      const common = { status, operation, requestId: response.headers.get("x-request-id") ?? undefined };
      if (status >= 500) {
        return new CommerceLayerError(kindOfStatus(status), {
          ...common,
          message: `${operation} failed: Commerce Layer server error (HTTP ${status}).`,
        });
      }
      const raw = (body as { errors?: unknown } | undefined)?.errors;
      const errors = (Array.isArray(raw) ? (raw as CommerceLayer.ErrorObject[]) : []).map((e) => ({
        ...e,
        ...(e.detail ? { detail: redact(e.detail, ctx.secrets()) } : {}),
      }));
      const first = errors[0];
      const detail = first
        ? `${first.code ? `${first.code}: ` : ""}${first.detail ?? first.title}${first.source?.pointer ? ` (${first.source.pointer})` : ""}`
        : undefined;
      return new CommerceLayerError(kindOfStatus(status), {
        ...common,
        errors,
        message: `${operation} failed (HTTP ${status})${detail ? `: ${detail}` : "."}`,
      });
    },
  });
  return data;
}
