import { isObject, type JsonObject, parameterKey } from "./model.js";
import type { Resolver } from "./refs.js";

/** The methods of a path item, as the generated types list them. */
export const METHODS = ["get", "put", "post", "patch", "delete", "head", "options", "trace"] as const;

/** One operation of a spec, with its path-level and operation-level parameters merged. */
export interface Operation {
  /** `GET /v1/orders/{id}`. */
  id: string;
  method: string;
  path: string;
  op: JsonObject;
  /** Resolved parameters; an operation-level one replaces a path-level one with the same `in` and name. */
  params: JsonObject[];
}

/** An old operation and the new operation it became. */
export interface OperationPair {
  before: Operation;
  after: Operation;
  /** Old path parameter name → new one, when only the names in the path template changed. */
  renamed: ReadonlyMap<string, string> | undefined;
}

/** The operations of two specs, paired. */
export interface OperationMatch {
  pairs: OperationPair[];
  removed: Operation[];
  added: Operation[];
}

/** Every operation of a spec, by `METHOD /path`. */
export function collectOperations(doc: JsonObject, resolver: Resolver): Map<string, Operation> {
  const out = new Map<string, Operation>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, raw] of Object.entries(paths)) {
    const item = resolver.deref(raw).node;
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const byKey = new Map<string, JsonObject>();
      for (const p of [...asArray(item.parameters), ...asArray(op.parameters)]) {
        const param = resolver.deref(p).node;
        if (isObject(param)) byKey.set(parameterKey(param), param);
      }
      const id = `${method.toUpperCase()} ${path}`;
      out.set(id, { id, method, path, op, params: [...byKey.values()] });
    }
  }
  return out;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The names of a path template's parameters, in order (`/a/{x}/b/{y}` → `[x, y]`). */
export function templateParameters(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? "");
}

/** A path template with its parameter names blanked (`/a/{x}` → `/a/{}`). */
export function templateShape(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

/**
 * Pairs old and new operations: by method and path, then, among the unpaired, by method and path
 * template shape when exactly one old and one new operation share it (a renamed path parameter).
 */
export function matchOperations(
  before: ReadonlyMap<string, Operation>,
  after: ReadonlyMap<string, Operation>,
): OperationMatch {
  const pairs: OperationPair[] = [];
  const removed: Operation[] = [];
  for (const [id, op] of before) {
    const next = after.get(id);
    if (next) pairs.push({ before: op, after: next, renamed: undefined });
    else removed.push(op);
  }
  const added = [...after.values()].filter((op) => !before.has(op.id));
  const shapeKey = (op: Operation) => `${op.method} ${templateShape(op.path)}`;
  const group = (ops: Operation[]) => {
    const map = new Map<string, Operation[]>();
    for (const op of ops) map.set(shapeKey(op), [...(map.get(shapeKey(op)) ?? []), op]);
    return map;
  };
  const removedByShape = group(removed);
  const addedByShape = group(added);
  const paired = new Set<Operation>();
  for (const [key, olds] of removedByShape) {
    const news = addedByShape.get(key);
    if (olds.length !== 1 || news?.length !== 1) continue;
    const [a, b] = [olds[0]!, news[0]!];
    const oldNames = templateParameters(a.path);
    const newNames = templateParameters(b.path);
    pairs.push({ before: a, after: b, renamed: new Map(oldNames.map((n, i) => [n, newNames[i] ?? n])) });
    paired.add(a).add(b);
  }
  return {
    pairs,
    removed: removed.filter((op) => !paired.has(op)),
    added: added.filter((op) => !paired.has(op)),
  };
}
