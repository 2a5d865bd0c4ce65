import { readFileSync } from "node:fs";
import { parse } from "yaml";

// Builds one request per operation of a spec from the spec's own examples, for contract checks
// of the spec against Prism.

type Json = Record<string, unknown>;
interface Param {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
}
export interface SpecOperation {
  method: string;
  path: string;
  operationId: string;
  secured: boolean;
  /** Path with example ids filled in, plus required query parameters. */
  url: string;
  body?: string;
  mediaType?: string;
}

export function loadSpec(path: string): Json {
  return parse(readFileSync(path, "utf8")) as Json;
}

export function specOperations(doc: Json): SpecOperation[] {
  const resolve = <T>(node: unknown): T => {
    let value = node as Json;
    while (value && typeof value.$ref === "string") {
      const parts = (value.$ref as string).replace(/^#\//, "").split("/");
      value = parts.reduce<Json>((acc, key) => acc[key] as Json, doc);
    }
    return value as T;
  };
  const out: SpecOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    for (const [method, raw] of Object.entries(item)) {
      if (!["get", "put", "post", "patch", "delete"].includes(method)) continue;
      const op = raw as Json;
      let url = path;
      const query = new URLSearchParams();
      for (const p of [...shared, ...((op.parameters as unknown[]) ?? [])].map((x) => resolve<Param>(x))) {
        if (p.in === "path") url = url.replace(`{${p.name}}`, String(p.example));
        if (p.in === "query" && p.required) query.set(p.name, String(p.example));
      }
      let body: string | undefined;
      let mediaType: string | undefined;
      if (op.requestBody) {
        const rb = resolve<{ content: Record<string, { examples: Record<string, { value: unknown }> }> }>(
          op.requestBody,
        );
        const [type, media] = Object.entries(rb.content)[0] as [
          string,
          { examples: Record<string, { value: unknown }> },
        ];
        mediaType = type;
        body = JSON.stringify(Object.values(media.examples)[0]?.value);
      }
      const qs = query.toString();
      const secured = !(Array.isArray(op.security) && op.security.length === 0);
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId as string,
        secured,
        url: `${url}${qs ? `?${qs}` : ""}`,
        ...(body ? { body, mediaType } : {}),
      });
    }
  }
  return out;
}
