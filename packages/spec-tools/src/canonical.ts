import { isObject, parameterKey } from "./model.js";

/** JSON with object keys sorted, so that key order never makes two values differ. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

/** Deeper than this, two distinct objects or arrays are counted as different without looking inside. */
const MAX_DEPTH = 2000;

/** Keywords whose array values are sets: their order carries no meaning. */
const SET_KEYWORDS = new Set(["required", "enum", "type"]);

/** A key as a JSON pointer writes it back (`~1` as `/`, `~0` as `~`). */
export function unescapePointer(key: string): string {
  return key.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** A key as a JSON pointer writes it (`~` as `~0`, `/` as `~1`). */
export function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function sameSet(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  try {
    const x = a.map(canonicalJson).sort();
    const y = b.map(canonicalJson).sort();
    return x.every((v, i) => v === y[i]);
  } catch {
    // A value that contains itself (a YAML alias) has no JSON: taken as different.
    return false;
  }
}

/**
 * Index pairs (old, new) of two parameter lists that name the same parameters (`in` and `name`,
 * or the same `$ref`) each once; undefined when they do not.
 */
function byName(a: unknown[], b: unknown[]): [number, number][] | undefined {
  if (a.length !== b.length) return undefined;
  const nameOf = (p: unknown) =>
    isObject(p) ? (typeof p.$ref === "string" ? `$ref ${p.$ref}` : parameterKey(p)) : undefined;
  const places = new Map<string, number>();
  for (let j = 0; j < b.length; j++) {
    const name = nameOf(b[j]);
    if (name === undefined || places.has(name)) return undefined;
    places.set(name, j);
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < a.length; i++) {
    const j = places.get(nameOf(a[i]) ?? "");
    if (j === undefined) return undefined;
    places.delete(nameOf(a[i]) as string);
    pairs.push([i, j]);
  }
  return pairs;
}

/**
 * The JSON pointers at which two documents differ, ignoring object key order and the order of
 * `required`, `enum` and `type` arrays and of parameters. Stops after `limit` differences; below 2000 levels of
 * nesting, distinct values count as different. A part whose pointer `skip` accepts is not looked
 * into; a difference `report` refuses is not listed.
 */
export function documentDifferences(
  a: unknown,
  b: unknown,
  limit = 50,
  skip?: (pointer: string) => boolean,
  report?: (pointer: string) => boolean,
): string[] {
  const listed: string[] = [];
  const found = {
    get length() {
      return listed.length;
    },
    push(pointer: string) {
      if (!report || report(pointer)) listed.push(pointer);
    },
  };
  // Pairs being walked (a document with YAML aliases can contain itself): each walked once a path.
  const walking = new Map<object, Set<unknown>>();
  const walk = (x: unknown, y: unknown, pointer: string, key: string, depth = 0): void => {
    if (found.length >= limit || x === y || skip?.(pointer)) return;
    if (typeof x === "object" && x !== null) {
      const seen = walking.get(x) ?? new Set<unknown>();
      if (seen.has(y)) return;
      seen.add(y);
      walking.set(x, seen);
    }
    if (depth > MAX_DEPTH) {
      found.push(pointer);
      return;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      if (SET_KEYWORDS.has(key)) {
        if (!sameSet(x, y)) found.push(pointer);
        return;
      }
      // Parameters are named by `in` and `name` (or their `$ref`), in any order: each is compared
      // with its namesake, at its place in the new document.
      const named = key === "parameters" ? byName(x, y) : undefined;
      if (named) {
        for (const [i, j] of named) walk(x[i], y[j], `${pointer}/${j}`, "", depth + 1);
        return;
      }
      if (x.length !== y.length) {
        found.push(pointer);
        return;
      }
      for (let i = 0; i < x.length; i++) walk(x[i], y[i], `${pointer}/${i}`, "", depth + 1);
      return;
    }
    if (isObject(x) && isObject(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        const at = `${pointer}/${escapePointer(k)}`;
        // Own keys only: `constructor` or `toString` in one document is no key of the other.
        if (!Object.hasOwn(x, k) || !Object.hasOwn(y, k)) {
          if (!skip?.(at)) found.push(at);
        } else walk(x[k], y[k], at, k, depth + 1);
        if (found.length >= limit) return;
      }
      return;
    }
    found.push(pointer);
  };
  walk(a, b, "#", "");
  return listed.slice(0, limit);
}
