import type { CommerceLayer } from "@orderkit/types";
import { type Page, toPage } from "../core/page.js";
import { isRecord } from "../core/shape.js";

/** A resource identifier: `{ type, id }`. */
export interface ResourceRef {
  id: string;
  type: string;
}

/**
 * Any flattened resource: id, type, its attributes and its resolved relationships. Treat results
 * as read-only: a resource the document refers to from several places at one depth (one SKU of
 * two line items) is one object, shared by them.
 */
export interface FlatResource extends ResourceRef {
  [field: string]: unknown;
}

/** A JSON:API resource object as received. */
export type Raw = { id: string; type: string; attributes?: object | null; relationships?: object | null };
/** A resource object with its attributes lifted next to `id` and `type`. */
export type Flat<T extends Raw> = { id: string; type: T["type"] } & NonNullable<T["attributes"]>;

export type FlatLineItem = Flat<CommerceLayer.LineItem> & { order?: FlatOrder | ResourceRef | null };
export type FlatMarket = Flat<CommerceLayer.Market>;
export type FlatCustomer = Flat<CommerceLayer.Customer>;
export type FlatAddress = Flat<CommerceLayer.Address>;
export type FlatShipment = Flat<CommerceLayer.Shipment>;
/**
 * An order, flattened. Relationships named in `include` are resolved to flattened resources;
 * others are absent (or `{ type, id }` when the server sends linkage without the resource). A
 * resource the document refers to from several places at one depth is one object, shared by them.
 */
export type FlatOrder = Flat<CommerceLayer.Order> & {
  line_items?: (FlatLineItem | ResourceRef)[];
  market?: FlatMarket | ResourceRef | null;
  customer?: FlatCustomer | ResourceRef | null;
  shipping_address?: FlatAddress | ResourceRef | null;
  billing_address?: FlatAddress | ResourceRef | null;
  shipments?: (FlatShipment | ResourceRef)[];
};

/** The raw JSON:API document behind a result, always reachable as `result.$document`. */
export interface WithDocument<D> {
  readonly $document: D;
}

/** A page of a list: the flattened resources ({@link Page}, the shape both clients share) plus the raw document. */
export type FlatList<T, D> = Page<T> & WithDocument<D>;

const MAX_DEPTH = 3;
/** Characters results may come to written out (as JSON), whatever the size of their objects. */
const FREE_CHARS = 64_000_000;
/** Beyond FREE_CHARS, how many times the size of their objects results may come to written out. */
const MAX_GROWTH = 64;
/** Characters results may never come to written out (V8's longest text is ~536M). */
const MAX_CHARS = 256_000_000;
/** Why a document was refused (the RangeError's message): its results would be too large written out. */
export const TOO_LARGE =
  "a document whose results stay a usable size written out (its included resources refer to each other too often: ask for fewer includes)";

/**
 * Flattens resources of a document, resolving relationships from `included` (found by type, then
 * id; each compared as text), with no key text made per relationship: this runs on every
 * response of every read.
 *
 * A resource referred to from several places at one depth is flattened once for that depth, and
 * the same object is placed at each of them (two line items of one SKU share its object), so the
 * work is linear in the document's size. Written out as a tree (by `JSON.stringify`, a logger),
 * results that share objects can still be far larger than the document: when 40 included
 * resources each refer to all 40, an order that refers to them all holds 2.6M resources and
 * references written out. So once any object is shared, each result is weighed written out (a
 * shared object counted at each of its places) against the size of its objects (each counted
 * once; a resource copied at two depths is two objects), and the flattener throws a RangeError
 * (TOO_LARGE) once all it returned comes to more than MAX_CHARS characters, or to more than
 * FREE_CHARS and MAX_GROWTH times that size. Without sharing, each resource is placed at most once
 * per depth: results come to at most about MAX_DEPTH times the document.
 */
export function createFlattener(included: readonly Raw[] | undefined) {
  const index = new Map<string, Map<string, Raw>>();
  for (const r of included ?? []) {
    const type = String(r.type);
    index.set(type, (index.get(type) ?? new Map<string, Raw>()).set(String(r.id), r));
  }
  // By depth (below MAX_DEPTH, each made when a resource is first found there): each included
  // resource as flattened at that depth.
  const made: Map<Raw, FlatResource>[] = [];
  let shared = false;
  const resolve = (ref: ResourceRef, depth: number): FlatResource => {
    const found = index.get(String(ref.type))?.get(String(ref.id));
    if (!found || depth >= MAX_DEPTH) return { id: ref.id, type: ref.type };
    const here = made[depth] ?? new Map<Raw, FlatResource>();
    made[depth] = here;
    let flat = here.get(found);
    if (flat === undefined) {
      flat = flatten(found, depth + 1);
      here.set(found, flat);
    } else shared = true;
    return flat;
  };
  const flatten = (resource: Raw, depth: number): FlatResource => {
    const { attributes } = resource;
    // Attributes are an object's members; a resource's own `id` and `type` are written over any
    // attribute of those names (kept first, as the keys come out).
    if (attributes != null && !isRecord(attributes)) throw new TypeError();
    const out: FlatResource = { id: resource.id, type: resource.type, ...attributes };
    out.id = resource.id;
    out.type = resource.type;
    const relationships = (resource.relationships ?? {}) as Record<string, { data?: unknown } | null>;
    for (const name of Object.keys(relationships)) {
      const data = relationships[name]?.data;
      // `__proto__` (no JSON:API member name: none starts with "_") would replace the result's
      // prototype; `id` and `type` (no relationship may be named so) would replace the resource's.
      if (data !== undefined && name !== "__proto__" && name !== "id" && name !== "type")
        out[name] =
          data === null
            ? null
            : Array.isArray(data)
              ? data.map((ref: ResourceRef) => resolve(ref, depth))
              : resolve(data as ResourceRef, depth);
    }
    return out;
  };
  // Once an object is shared: each object's size written out (about), its own objects in it counted
  // at each place (made then: a read that shares nothing makes none); all results' written out; and
  // all objects' own sizes, each counted once.
  let sizes: Map<object, number>;
  let written = 0;
  let own = 0;
  const measure = (value: unknown): number => {
    if (typeof value !== "object" || value === null) return typeof value === "string" ? value.length + 2 : 8;
    let size = sizes.get(value);
    if (size === undefined) {
      size = 2;
      own += 2;
      for (const key of Object.keys(value)) {
        const inner = (value as Record<string, unknown>)[key];
        const n = measure(inner);
        size += key.length + 4 + n;
        own += key.length + 4 + (typeof inner === "object" && inner !== null ? 0 : n);
      }
      sizes.set(value, size);
    }
    return size;
  };
  return (resource: Raw) => {
    const flat = flatten(resource, 0);
    if (shared) {
      sizes ??= new Map();
      written += measure(flat);
      if (written > MAX_CHARS || (written > FREE_CHARS && written > MAX_GROWTH * own))
        throw new RangeError(TOO_LARGE);
    }
    return flat;
  };
}

function attachDocument<T extends object, D>(target: T, document: D): T & WithDocument<D> {
  Object.defineProperty(target, "$document", { value: document, enumerable: false });
  return target as T & WithDocument<D>;
}

/** Flattens a single-resource document. */
export function flattenOne<T, D extends { data: Raw; included?: readonly Raw[] }>(
  document: D,
): T & WithDocument<D> {
  const flat = createFlattener(document.included)(document.data);
  return attachDocument(flat as unknown as T & object, document);
}

/** Flattens a list document. */
export function flattenList<
  T,
  D extends {
    data: readonly Raw[];
    included?: readonly Raw[];
    meta?: { record_count: number; page_count: number };
  },
>(document: D, page?: { number?: number | undefined; size?: number | undefined }): FlatList<T, D> {
  const flatten = createFlattener(document.included);
  const list = toPage(document.data.map((r) => flatten(r)) as unknown as T[], {
    recordCount: document.meta?.record_count ?? document.data.length,
    pageCount: document.meta?.page_count ?? 1,
    pageNumber: page?.number,
    pageSize: page?.size,
  });
  return attachDocument(list, document) as FlatList<T, D>;
}

/** Relationship input: `{ market: { type: "markets", id } }` → `{ market: { data: {...} } }`. */
export function wrapRelationships(
  relationships: Record<string, unknown> | undefined,
): Record<string, { data: unknown }> | undefined {
  if (!relationships) return undefined;
  return Object.fromEntries(Object.entries(relationships).map(([name, data]) => [name, { data }]));
}
