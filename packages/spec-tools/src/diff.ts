/** How much a change matters to users of the generated types and the client. */
export type Severity = "breaking" | "addition" | "patch";

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

type Json = Record<string, unknown>;
type Direction = "request" | "response";
const METHODS = ["get", "put", "post", "patch", "delete", "head", "options"];

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves `$ref`s against their document. */
function resolver(doc: Json) {
  return function resolve(node: unknown): Json {
    let value = node as Json;
    for (let guard = 0; isObject(value) && typeof value.$ref === "string" && guard < 32; guard++) {
      const parts = (value.$ref as string)
        .replace(/^#\//, "")
        .split("/")
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
      value = parts.reduce<Json>((acc, key) => (acc?.[key] ?? {}) as Json, doc);
    }
    return isObject(value) ? value : {};
  };
}

/** Merges allOf members into one object schema (properties and required lists). */
function flatten(schema: Json, resolve: (n: unknown) => Json, depth = 0): Json {
  if (!Array.isArray(schema.allOf) || depth > 8) return schema;
  const merged: Json = {
    ...schema,
    properties: { ...((schema.properties as Json) ?? {}) },
    required: [...((schema.required as string[]) ?? [])],
  };
  delete merged.allOf;
  for (const part of schema.allOf) {
    const member = flatten(resolve(part), resolve, depth + 1);
    Object.assign(merged.properties as Json, (member.properties as Json) ?? {});
    (merged.required as string[]).push(...((member.required as string[]) ?? []));
    if (member.type && !merged.type) merged.type = member.type;
  }
  return merged;
}

function types(schema: Json): string[] {
  const t = schema.type;
  if (Array.isArray(t)) return [...(t as string[])].sort();
  if (typeof t === "string") return [t];
  if (schema.properties) return ["object"];
  return [];
}

function nonNull(list: string[]): string[] {
  return list.filter((t) => t !== "null");
}

/** Compares two specs and classifies every change that matters to the generated types. */
export function diffSpecs(oldDoc: Json, newDoc: Json): SpecDiff {
  const changes: SpecChange[] = [];
  const add = (severity: Severity, kind: string, location: string, message: string) =>
    changes.push({ severity, kind, location, message });
  const rOld = resolver(oldDoc);
  const rNew = resolver(newDoc);

  function compareSchema(a: Json, b: Json, where: string, dir: Direction, seen: Set<string>): void {
    const key = `${where}|${JSON.stringify(a).length}|${JSON.stringify(b).length}`;
    if (seen.has(key) || seen.size > 5000) return;
    seen.add(key);
    const oldS = flatten(rOld(a), rOld);
    const newS = flatten(rNew(b), rNew);
    const ta = nonNull(types(oldS));
    const tb = nonNull(types(newS));
    if (ta.length && tb.length && ta.join("|") !== tb.join("|")) {
      add("breaking", "type-changed", where, `type changed from ${ta.join("|")} to ${tb.join("|")}`);
      return;
    }
    const nullableA = types(oldS).includes("null");
    const nullableB = types(newS).includes("null");
    if (!nullableA && nullableB && dir === "response")
      add("breaking", "became-nullable", where, "may now be null");
    if (nullableA && !nullableB && dir === "request")
      add("breaking", "no-longer-nullable", where, "no longer accepts null");
    if (nullableA !== nullableB && !changes.some((c) => c.location === where))
      add("addition", "nullability-changed", where, nullableB ? "now nullable" : "no longer null");

    const ea = Array.isArray(oldS.enum) ? (oldS.enum as unknown[]) : undefined;
    const eb = Array.isArray(newS.enum) ? (newS.enum as unknown[]) : undefined;
    if (ea && eb) {
      const removed = ea.filter((v) => !eb.includes(v));
      const added = eb.filter((v) => !ea.includes(v));
      if (removed.length)
        add(
          "breaking",
          "enum-narrowed",
          where,
          `enum lost ${removed.map((v) => JSON.stringify(v)).join(", ")}`,
        );
      if (added.length)
        add(
          "addition",
          "enum-widened",
          where,
          `enum gained ${added.map((v) => JSON.stringify(v)).join(", ")}`,
        );
    } else if (!ea && eb) {
      add(dir === "request" ? "breaking" : "addition", "enum-added", where, "is now restricted to an enum");
    } else if (ea && !eb) {
      add(dir === "response" ? "breaking" : "addition", "enum-removed", where, "is no longer an enum");
    }

    const pa = (oldS.properties as Json) ?? {};
    const pb = (newS.properties as Json) ?? {};
    const ra = new Set((oldS.required as string[]) ?? []);
    const rb = new Set((newS.required as string[]) ?? []);
    for (const name of Object.keys(pa)) {
      const loc = `${where}.${name}`;
      if (!(name in pb)) {
        add(
          "breaking",
          dir === "response" ? "response-field-removed" : "request-field-removed",
          loc,
          "removed",
        );
        continue;
      }
      if (dir === "request" && !ra.has(name) && rb.has(name))
        add("breaking", "request-field-now-required", loc, "is now required");
      if (dir === "response" && ra.has(name) && !rb.has(name))
        add("breaking", "response-field-now-optional", loc, "may now be absent");
      if (dir === "request" && ra.has(name) && !rb.has(name))
        add("addition", "request-field-now-optional", loc, "is now optional");
      compareSchema(pa[name] as Json, pb[name] as Json, loc, dir, seen);
    }
    for (const name of Object.keys(pb)) {
      if (name in pa) continue;
      const loc = `${where}.${name}`;
      if (dir === "request" && rb.has(name))
        add("breaking", "request-field-added-required", loc, "new required field");
      else add("addition", dir === "request" ? "request-field-added" : "response-field-added", loc, "added");
    }
    if (oldS.items || newS.items)
      compareSchema((oldS.items as Json) ?? {}, (newS.items as Json) ?? {}, `${where}[]`, dir, seen);
    if (isObject(oldS.additionalProperties) && isObject(newS.additionalProperties)) {
      compareSchema(oldS.additionalProperties, newS.additionalProperties, `${where}{}`, dir, seen);
    }
    for (const k of ["maximum", "maxLength", "maxItems"] as const) {
      if (
        dir === "request" &&
        typeof oldS[k] === "number" &&
        typeof newS[k] === "number" &&
        (newS[k] as number) < (oldS[k] as number)
      ) {
        add("breaking", `${k}-lowered`, where, `${k} lowered from ${oldS[k]} to ${newS[k]}`);
      }
    }
    for (const k of ["minimum", "minLength", "minItems"] as const) {
      if (
        dir === "request" &&
        typeof oldS[k] === "number" &&
        typeof newS[k] === "number" &&
        (newS[k] as number) > (oldS[k] as number)
      ) {
        add("breaking", `${k}-raised`, where, `${k} raised from ${oldS[k]} to ${newS[k]}`);
      }
    }
    if (oldS.description !== newS.description)
      add("patch", "description-changed", where, "description changed");
  }

  const ops = (doc: Json, resolve: (n: unknown) => Json) => {
    const out = new Map<string, { op: Json; params: Json[] }>();
    for (const [path, raw] of Object.entries((doc.paths as Json) ?? {})) {
      const item = resolve(raw);
      for (const method of METHODS) {
        if (!isObject(item[method])) continue;
        const op = item[method] as Json;
        const params = [
          ...((item.parameters as unknown[]) ?? []),
          ...((op.parameters as unknown[]) ?? []),
        ].map(resolve);
        out.set(`${method.toUpperCase()} ${path}`, { op, params });
      }
    }
    return out;
  };
  const oldOps = ops(oldDoc, rOld);
  const newOps = ops(newDoc, rNew);

  for (const [id, { op: a, params: pa }] of oldOps) {
    const next = newOps.get(id);
    if (!next) {
      add("breaking", "operation-removed", id, "operation removed");
      continue;
    }
    const { op: b, params: pb } = next;
    if (!a.deprecated && b.deprecated) add("addition", "operation-deprecated", id, "operation deprecated");
    if (a.operationId !== b.operationId)
      add(
        "breaking",
        "operation-id-changed",
        id,
        `operationId changed from ${String(a.operationId)} to ${String(b.operationId)}`,
      );
    if (a.summary !== b.summary || a.description !== b.description)
      add("patch", "operation-docs-changed", id, "summary or description changed");
    const pkey = (p: Json) => `${String(p.in)}:${String(p.name)}`;
    const mapA = new Map(pa.map((p) => [pkey(p), p]));
    const mapB = new Map(pb.map((p) => [pkey(p), p]));
    for (const [k, p] of mapA) {
      const q = mapB.get(k);
      const loc = `${id} › parameter ${k}`;
      if (!q) {
        add("breaking", "parameter-removed", loc, "parameter removed");
        continue;
      }
      if (!p.required && q.required) add("breaking", "parameter-now-required", loc, "is now required");
      compareSchema((p.schema as Json) ?? {}, (q.schema as Json) ?? {}, loc, "request", new Set());
    }
    for (const [k, q] of mapB) {
      if (mapA.has(k)) continue;
      const loc = `${id} › parameter ${k}`;
      if (q.required) add("breaking", "parameter-added-required", loc, "new required parameter");
      else add("addition", "parameter-added", loc, "new optional parameter");
    }
    const bodyA = rOld(a.requestBody);
    const bodyB = rNew(b.requestBody);
    const mediaA = (bodyA.content as Json) ?? {};
    const mediaB = (bodyB.content as Json) ?? {};
    if (!a.requestBody && b.requestBody && bodyB.required)
      add("breaking", "request-body-added", id, "now requires a request body");
    for (const [media, m] of Object.entries(mediaA)) {
      const n = mediaB[media] as Json | undefined;
      if (!n) {
        if (Object.keys(mediaB).length)
          add("breaking", "request-media-removed", `${id} › request ${media}`, "media type removed");
        continue;
      }
      compareSchema(
        ((m as Json).schema as Json) ?? {},
        (n.schema as Json) ?? {},
        `${id} › request`,
        "request",
        new Set(),
      );
    }
    const respA = (a.responses as Json) ?? {};
    const respB = (b.responses as Json) ?? {};
    for (const [code, raw] of Object.entries(respA)) {
      if (!/^2/.test(code)) continue;
      const ra = rOld(raw);
      const rb = respB[code] ? rNew(respB[code]) : undefined;
      if (!rb) {
        add("breaking", "response-removed", `${id} › response ${code}`, "success response removed");
        continue;
      }
      for (const [media, m] of Object.entries((ra.content as Json) ?? {})) {
        const n = (rb.content as Json)?.[media] as Json | undefined;
        if (!n) {
          add(
            "breaking",
            "response-media-removed",
            `${id} › response ${code} ${media}`,
            "media type removed",
          );
          continue;
        }
        compareSchema(
          ((m as Json).schema as Json) ?? {},
          (n.schema as Json) ?? {},
          `${id} › response ${code}`,
          "response",
          new Set(),
        );
      }
    }
  }
  for (const id of newOps.keys())
    if (!oldOps.has(id)) add("addition", "operation-added", id, "operation added");

  const order: Record<Severity, number> = { breaking: 0, addition: 1, patch: 2 };
  changes.sort((x, y) => order[x.severity] - order[y.severity] || x.location.localeCompare(y.location));
  const bump = changes.some((c) => c.severity === "breaking")
    ? "major"
    : changes.some((c) => c.severity === "addition")
      ? "minor"
      : changes.length > 0 || JSON.stringify(oldDoc) !== JSON.stringify(newDoc)
        ? "patch"
        : "none";
  return { changes, bump };
}

/** A readable report of a diff (also the text of the changeset). */
export function formatReport(diff: SpecDiff, title = "Spec changes"): string {
  const lines = [`${title}: ${diff.bump === "none" ? "no changes" : `${diff.bump} bump`}`];
  const groups: [Severity, string][] = [
    ["breaking", "Breaking"],
    ["addition", "Additions"],
    ["patch", "Other"],
  ];
  for (const [severity, heading] of groups) {
    const list = diff.changes.filter((c) => c.severity === severity);
    if (list.length === 0) continue;
    lines.push("", `${heading} (${list.length}):`);
    const shown = severity === "patch" ? list.slice(0, 20) : list;
    for (const c of shown) lines.push(`- ${c.location}: ${c.message}`);
    if (shown.length < list.length) lines.push(`- … and ${list.length - shown.length} more`);
  }
  return lines.join("\n");
}
