import type { CommerceLayer } from "@orderkit/types";
import { type Page, toPage } from "../core/page.js";

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
/**
 * The most resources and references a document's results may hold once written out as a tree (as
 * `JSON.stringify` writes them, a shared object at each of its places): about what the flattening
 * built in a third of a second when it made a copy at each place.
 */
export const MAX_FLATTENED = 1_000_000;

/**
 * Flattens resources of a document, resolving relationships from `included` (found by type, then
 * id; each compared as text), with no key text made per relationship: this runs on every
 * response of every read.
 *
 * A resource referred to from several places at one depth is flattened once for that depth, and
 * the same object is placed at each of them (two line items of one SKU share its object). The work
 * is linear in the document's size. Written out as a tree, though, results can be far larger:
 * `n` included resources that each refer to all `n` hold n^(MAX_DEPTH + 1) references (40
 * resources: 2.6M, a copy of which took ~1 s and ~130 MB). So the flattener counts what each
 * result holds written out, and throws a RangeError once what it returned comes to more than
 * MAX_FLATTENED (an `invalid_response` for the caller).
 */
export function createFlattener(included: readonly Raw[] | undefined) {
  const index = new Map<string, Map<string, Raw>>();
  for (const r of included ?? []) {
    const type = String(r.type);
    index.set(type, (index.get(type) ?? new Map<string, Raw>()).set(String(r.id), r));
  }
  // By depth: each included resource as flattened there, and its size written out.
  const made = Array.from({ length: MAX_DEPTH }, () => new Map<Raw, [FlatResource, number]>());
  // The size written out of what `resolve` or `flatten` returned last, and of all returned so far.
  let size = 0;
  let total = 0;
  const resolve = (ref: ResourceRef, depth: number): FlatResource => {
    const found = index.get(String(ref.type))?.get(String(ref.id));
    size = 1;
    if (!found || depth >= MAX_DEPTH) return { id: ref.id, type: ref.type };
    const here = made[depth] as Map<Raw, [FlatResource, number]>;
    let entry = here.get(found);
    if (entry === undefined) {
      const flat = flatten(found, depth + 1);
      entry = [flat, size];
      here.set(found, entry);
    }
    size = entry[1];
    return entry[0];
  };
  const flatten = (resource: Raw, depth: number): FlatResource => {
    const out: FlatResource = { id: resource.id, type: resource.type, ...(resource.attributes ?? {}) };
    const relationships = (resource.relationships ?? {}) as Record<string, { data?: unknown } | null>;
    let count = 1;
    const take = (ref: ResourceRef) => {
      const flat = resolve(ref, depth);
      count += size;
      return flat;
    };
    for (const name of Object.keys(relationships)) {
      const data = relationships[name]?.data;
      // `__proto__` (no JSON:API member name: none starts with "_") would replace the result's prototype.
      if (data !== undefined && name !== "__proto__")
        out[name] = data === null ? null : Array.isArray(data) ? data.map(take) : take(data as ResourceRef);
    }
    size = count;
    return out;
  };
  return (resource: Raw) => {
    const flat = flatten(resource, 0);
    total += size;
    if (total > MAX_FLATTENED)
      throw new RangeError(`a document of at most ${MAX_FLATTENED} resources flattened (include fewer)`);
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
