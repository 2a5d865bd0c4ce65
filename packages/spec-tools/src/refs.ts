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
  /**
   * Whether a `$ref` to exactly the value at these keys (`components`, `responses`, `Gone`: however
   * the `$ref` spells them) was followed: that value was used as a whole, not only walked through to
   * something inside it.
   */
  targeted(...keys: string[]): boolean;
}

/** A pointer's keys, decoded (`%25` and `~1` alike); a malformed `%` escape is read as written. */
export function pointerKeys(ref: string): string[] {
  return ref
    .slice(1)
    .split("/")
    .slice(1)
    .map((raw) => {
      let key = raw;
      try {
        key = decodeURIComponent(raw);
      } catch {}
      return key.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

function pointerTarget(doc: JsonObject, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let value: unknown = doc;
  for (const key of pointerKeys(ref)) {
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
  // The pointers followed: their keys, decoded, as JSON (one string a pointer).
  const followed = new Set<string>();
  const target = (ref: string): unknown => {
    if (!targets.has(ref)) {
      targets.set(ref, pointerTarget(doc, ref));
      if (ref.startsWith("#")) followed.add(JSON.stringify(pointerKeys(ref)));
    }
    return targets.get(ref);
  };
  return {
    targeted: (...keys) => followed.has(JSON.stringify(keys)),
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
