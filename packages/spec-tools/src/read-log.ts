import { unescapePointer } from "./canonical.js";
import type { JsonObject } from "./model.js";

/** A document seen through a proxy that notes every value the comparison reads from it. */
export interface ReadLog {
  /** The document to compare: every object in it, reached from here, is a recording proxy. */
  doc: JsonObject;
  /** The object a proxy stands for (anything else as it is). */
  unwrap<T>(value: T): T;
  /**
   * Whether the value at a JSON pointer of the document (`#/paths/~1x/get/servers`) was read: its
   * parent exists and the comparison asked it for that key (its value, or whether it has it), or
   * listed its keys. A key asked for but absent counts too (a rule that looks for it and finds
   * none has read it).
   */
  wasRead(pointer: string): boolean;
}

/** The keys that hold schemas (`schema` of a parameter, header or media type; `components.schemas`). */
const SCHEMAS = new Set<PropertyKey>(["schema", "schemas"]);

/** Noted for an object whose keys were listed. */
const EVERY_KEY = Symbol("every key");

/**
 * Wraps `raw` so that what the comparison reads of it is noted, to tell a difference no rule read
 * (a parameter's `style`, an operation's `servers`) from one a rule read and let pass. Each object
 * has one proxy (identity holds: caches and cycle checks keyed by objects work as on the document).
 * Schemas are not wrapped, and count as read: the schema comparison reads them whole.
 */
export function readLog(raw: JsonObject): ReadLog {
  const reads = new WeakMap<object, Set<PropertyKey>>();
  // The keys whose values were asked for (`get`), by object.
  const values = new WeakMap<object, Set<PropertyKey>>();
  const proxies = new WeakMap<object, object>();
  const targets = new WeakMap<object, object>();
  const note = (target: object, key: PropertyKey, noted = reads) => {
    const keys = noted.get(target);
    if (keys === undefined) noted.set(target, new Set([key]));
    else keys.add(key);
  };
  const wrap = (target: object): object => {
    let proxy = proxies.get(target);
    if (proxy === undefined) {
      proxy = new Proxy(target, {
        // Its keys listed (`Object.keys`, `for…in`): each key added or taken away was seen.
        ownKeys(t) {
          note(t, EVERY_KEY);
          return Reflect.ownKeys(t);
        },
        has(t, key) {
          note(t, key);
          return Reflect.has(t, key);
        },
        getOwnPropertyDescriptor(t, key) {
          note(t, key);
          return Reflect.getOwnPropertyDescriptor(t, key);
        },
        get(t, key, receiver) {
          note(t, key);
          note(t, key, values);
          const value: unknown = Reflect.get(t, key, receiver);
          // A schema is given as it is: the schema comparison reads every keyword of each (see
          // Shape.others), and proxies there would cost more than all the rest.
          if (typeof value !== "object" || value === null || SCHEMAS.has(key)) return value;
          // A proxy's invariant: a property that can never change is given as it is.
          const own = Object.getOwnPropertyDescriptor(t, key);
          if (own && !own.configurable && !own.writable) return value;
          return wrap(value);
        },
      });
      proxies.set(target, proxy);
      targets.set(proxy, target);
    }
    return proxy;
  };
  /** What was noted of the object holding the last of `keys`, when it exists. */
  const parentReads = (keys: readonly string[], noted = reads): Set<PropertyKey> | undefined => {
    let parent: unknown = raw;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i] as string;
      if (typeof parent !== "object" || parent === null || !Object.hasOwn(parent, key)) return undefined;
      parent = (parent as Record<string, unknown>)[key];
    }
    return typeof parent === "object" && parent !== null ? noted.get(parent) : undefined;
  };
  return {
    doc: wrap(raw) as JsonObject,
    unwrap: <T>(value: T): T =>
      typeof value === "object" && value !== null ? ((targets.get(value) as T | undefined) ?? value) : value,
    wasRead(pointer) {
      const keys = pointerKeys(pointer);
      if (keys.some((k) => SCHEMAS.has(k))) return true;
      const seen = parentReads(keys);
      const last = keys[keys.length - 1];
      return last !== undefined && (seen?.has(last) || seen?.has(EVERY_KEY) || false);
    },
  };
}

/** The keys of a JSON pointer (`#/a~1b/c` → `["a/b", "c"]`). */
function pointerKeys(pointer: string): string[] {
  return pointer.split("/").slice(1).map(unescapePointer);
}
