import { isObject, type JsonObject } from "./model.js";

/** Longest chain of `$ref` → `$ref` followed before giving up (a chain that loops is cut here). */
const MAX_REF_CHAIN = 32;

/** A schema reached by following `$ref`s. */
export interface Dereferenced {
  /** The target, or `undefined` when the reference does not resolve in this document. */
  node: unknown;
  /** The last `$ref` crossed, when at least one was. */
  ref: string | undefined;
}

/** Resolves local `$ref`s (`#/components/schemas/Name`) within one document. */
export interface Resolver {
  /** Follows `$ref`s from `node` until it reaches something that is not a reference. */
  deref(node: unknown): Dereferenced;
}

function pointerTarget(doc: JsonObject, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let value: unknown = doc;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(value)) value = value[Number(key)];
    else if (isObject(value)) value = value[key];
    else return undefined;
  }
  return value;
}

/**
 * A resolver for `doc`'s local references, caching each pointer's target. External references
 * (`other.yaml#/…`) do not resolve.
 */
export function createResolver(doc: JsonObject): Resolver {
  const targets = new Map<string, unknown>();
  const target = (ref: string): unknown => {
    if (!targets.has(ref)) targets.set(ref, pointerTarget(doc, ref));
    return targets.get(ref);
  };
  return {
    deref(node: unknown): Dereferenced {
      let value = node;
      let ref: string | undefined;
      for (let hops = 0; isObject(value) && typeof value.$ref === "string"; hops++) {
        if (hops === MAX_REF_CHAIN) return { node: undefined, ref };
        ref = value.$ref;
        value = target(ref);
      }
      return { node: value, ref };
    },
  };
}

/** The last segment of a reference (`#/components/schemas/Customer` → `Customer`). */
export function refName(ref: string): string {
  return ref
    .slice(ref.lastIndexOf("/") + 1)
    .replace(/~1/g, "/")
    .replace(/~0/g, "~");
}
