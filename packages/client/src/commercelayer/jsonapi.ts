import type { CommerceLayer } from "@orderkit/types";
import { type Page, toPage } from "../core/page.js";

/** A resource identifier: `{ type, id }`. */
export interface ResourceRef {
  id: string;
  type: string;
}

/** Any flattened resource: id, type, its attributes and its resolved relationships. */
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
 * Flattens resources of a document, resolving relationships from `included` (found by type, then
 * id; each compared as text), with no key text made per relationship: this runs on every
 * response of every read.
 *
 * A resource referred to from several places at one depth is flattened once for that depth, and
 * the same object is placed at each of them (two line items of one SKU share its object). The work
 * is bounded by the document's size: `n` included resources that each refer to all `n` make at
 * most MAX_DEPTH × n results, where a copy at each place made n^MAX_DEPTH (40 resources: 2.5M
 * references, ~1 s and ~130 MB for one response).
 */
export function createFlattener(included: readonly Raw[] | undefined) {
  const index = new Map<string, Map<string, Raw>>();
  for (const r of included ?? []) {
    const type = String(r.type);
    index.set(type, (index.get(type) ?? new Map<string, Raw>()).set(String(r.id), r));
  }
  // By depth (one map for each below MAX_DEPTH): each included resource as flattened there.
  const made = [new Map<Raw, FlatResource>(), new Map<Raw, FlatResource>(), new Map<Raw, FlatResource>()];
  const resolve = (ref: ResourceRef, depth: number): FlatResource => {
    const found = index.get(String(ref.type))?.get(String(ref.id));
    if (!found || depth >= MAX_DEPTH) return { id: ref.id, type: ref.type };
    const here = made[depth] as Map<Raw, FlatResource>;
    const flat = here.get(found) ?? flatten(found, depth + 1);
    here.set(found, flat);
    return flat;
  };
  const flatten = (resource: Raw, depth: number): FlatResource => {
    const out: FlatResource = { id: resource.id, type: resource.type, ...(resource.attributes ?? {}) };
    const relationships = (resource.relationships ?? {}) as Record<string, { data?: unknown } | null>;
    for (const name of Object.keys(relationships)) {
      const data = relationships[name]?.data;
      // `__proto__` (no JSON:API member name: none starts with "_") would replace the result's prototype.
      if (data !== undefined && name !== "__proto__")
        out[name] =
          data === null
            ? null
            : Array.isArray(data)
              ? data.map((ref: ResourceRef) => resolve(ref, depth))
              : resolve(data as ResourceRef, depth);
    }
    return out;
  };
  return (resource: Raw) => flatten(resource, 0);
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
