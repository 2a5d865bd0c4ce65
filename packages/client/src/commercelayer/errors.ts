import type { CommerceLayer } from "@orderkit/types";
import { type ErrorKind, OrderkitError, type OrderkitErrorInit } from "../core/errors.js";

/** Fields of a Commerce Layer error beyond the common ones. */
export interface CommerceLayerErrorInit extends OrderkitErrorInit {
  errors?: readonly CommerceLayer.ErrorObject[] | undefined;
  /** Ids that may be the result of an ambiguous write. */
  candidates?: readonly string[] | undefined;
}

/**
 * Every error the Commerce Layer client throws. `errors` is the JSON:API errors array; `code` and
 * `pointer` are the first error's code and source pointer. 5xx errors never carry the body.
 */
export class CommerceLayerError extends OrderkitError {
  readonly errors: readonly CommerceLayer.ErrorObject[];
  /** First error's code, e.g. VALIDATION_ERROR, INVALID_TOKEN, RECORD_NOT_FOUND. */
  readonly code: string | undefined;
  /** First error's JSON pointer, e.g. /data/attributes/quantity. */
  readonly pointer: string | undefined;
  /** For `ambiguous_write`: ids that may be the result (possibly none). */
  readonly candidates: readonly string[];

  constructor(kind: ErrorKind, init: CommerceLayerErrorInit) {
    super(kind, init);
    this.errors = init.errors ?? [];
    this.code = this.errors[0]?.code;
    this.pointer = this.errors[0]?.source?.pointer;
    this.candidates = init.candidates ?? [];
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    if (this.code !== undefined) out.code = this.code;
    if (this.pointer !== undefined) out.pointer = this.pointer;
    if (this.errors.length > 0) out.errors = [...this.errors];
    if (this.candidates.length > 0) out.candidates = [...this.candidates];
    return out;
  }
}

export { mayHaveApplied as mayHaveAppliedCl } from "../core/safe-write.js";
