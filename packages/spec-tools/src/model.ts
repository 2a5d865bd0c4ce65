/** How much a change matters to users of the generated types and the client. */
export type Severity = "breaking" | "addition" | "patch";

/** Which way data flows through a schema: sent by the client, or received by it. */
export type Direction = "request" | "response";

/** One classified difference between two versions of a spec. */
export interface SpecChange {
  severity: Severity;
  /** Short machine-readable kind, e.g. `operation-removed`, `enum-narrowed`. */
  kind: string;
  /** Where: `GET /v1/order › response 200 › payload.orders[].status`. */
  location: string;
  message: string;
}

/** The result of comparing two specs. */
export interface SpecDiff {
  changes: SpecChange[];
  /** The bump the changes call for: major (breaking), minor (additions), patch (anything else), or none. */
  bump: "major" | "minor" | "patch" | "none";
}

/** A parsed JSON or YAML object. */
export type JsonObject = Record<string, unknown>;

/** A parameter's identity in its list: where it goes and its name (`query:limit`). */
export function parameterKey(p: JsonObject): string {
  return `${String(p.in)}:${String(p.name)}`;
}

/** Whether a value is a plain object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The severity of a change that narrows or widens what a schema allows: narrowing a request or
 * widening a response breaks callers; the reverse only adds to what they can do.
 */
export function severityOf(change: "narrowed" | "widened", direction: Direction): Severity {
  const breaks = change === "narrowed" ? direction === "request" : direction === "response";
  return breaks ? "breaking" : "addition";
}
