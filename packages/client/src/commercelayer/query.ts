import type { CommerceLayer } from "@orderkit/types";

/** Sparse fieldsets by resource type. */
export interface FieldsQuery {
  orders?: CommerceLayer.OrderFieldName[];
  line_items?: CommerceLayer.LineItemFieldName[];
  addresses?: CommerceLayer.AddressFieldName[];
  markets?: CommerceLayer.MarketFieldName[];
  customers?: CommerceLayer.CustomerFieldName[];
}

/** Options of a single-resource read (or a write's response). */
export interface ReadQuery<Include extends string> {
  /** Related resources to include, e.g. `["line_items", "market"]`. */
  include?: Include[];
  fields?: FieldsQuery;
}

/** Options of a list. */
export interface ListQuery<Filter, Sort extends string, Include extends string> extends ReadQuery<Include> {
  /** Ransack predicates, e.g. `{ status_eq: "placed", created_at_gt: "2026-01-01T00:00:00Z" }`. */
  filter?: Filter;
  /** e.g. `["-created_at"]`. */
  sort?: Sort[];
  /** `size` is at most 25. */
  page?: { number?: number; size?: number };
}

type Scalar = string | number | boolean;
type QueryValue = Scalar | Scalar[] | Record<string, unknown> | undefined | null;

/** Turns the friendly query into the spec's parameter names (`fields[orders]`, `filter.q`, `page[size]`). */
export function toSpecQuery(query: ListQuery<object, string, string> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (query.include?.length) out.include = query.include;
  for (const [type, names] of Object.entries(query.fields ?? {})) {
    if (Array.isArray(names) && names.length > 0) out[`fields[${type}]`] = names;
  }
  if (query.filter && Object.keys(query.filter).length > 0) out.filter = { q: query.filter };
  if (query.sort?.length) out.sort = query.sort;
  if (query.page?.number !== undefined) out["page[number]"] = query.page.number;
  if (query.page?.size !== undefined) out["page[size]"] = query.page.size;
  return out;
}

/**
 * The first value of a list in `filter` that holds a comma, with its predicate; undefined when there
 * is none. A list goes out comma-separated (`status_in=placed,approved`) and the API splits it at
 * every comma, so such a value would be read as two: the list calls refuse it rather than send a
 * filter that means something else. (A string given whole, `"placed,approved"`, is the API's own
 * comma form and goes as it is.)
 */
export function commaInFilterList(
  filter: object | undefined,
): { predicate: string; value: string } | undefined {
  if (!filter) return undefined;
  for (const predicate of Object.keys(filter)) {
    const list = (filter as Record<string, unknown>)[predicate];
    if (!Array.isArray(list)) continue;
    for (const item of list) if (String(item).includes(",")) return { predicate, value: String(item) };
  }
  return undefined;
}

function encodeValue(value: QueryValue): string {
  if (Array.isArray(value)) return value.map((v) => encodeURIComponent(String(v))).join(",");
  if (value !== null && typeof value === "object") return encodeURIComponent(JSON.stringify(value));
  return encodeURIComponent(String(value));
}

/**
 * Serialises a query in JSON:API bracket style: `include=a,b`, `fields%5Borders%5D=number`,
 * `filter%5Bq%5D%5Bstatus_eq%5D=draft`, `page%5Bsize%5D=25` (brackets percent-encoded, lists
 * comma-separated). Used as openapi-fetch's querySerializer, so `raw` calls get it too.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (key: string, value: QueryValue) => {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return;
    parts.push(`${encodeURIComponent(key)}=${encodeValue(value)}`);
  };
  for (const [key, value] of Object.entries(query)) {
    if (key === "filter" && value && typeof value === "object") {
      for (const [group, predicates] of Object.entries(value as Record<string, unknown>)) {
        if (predicates && typeof predicates === "object" && !Array.isArray(predicates)) {
          for (const [p, v] of Object.entries(predicates as Record<string, QueryValue>))
            add(`filter[${group}][${p}]`, v);
        } else {
          add(`filter[${group}]`, predicates as QueryValue);
        }
      }
    } else {
      add(key, value as QueryValue);
    }
  }
  return parts.join("&");
}
