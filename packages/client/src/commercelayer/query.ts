import type { CommerceLayer } from "@orderkit/types";
import { isPlainObject } from "../core/json-bytes.js";

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

/** What keeps a list call's filter from going out as meant (see `snapshotFilter`). */
export type FilterProblem =
  | { kind: "not_plain" }
  | { kind: "empty_list" | "blank_value"; predicate: string }
  | { kind: "comma"; predicate: string; value: string };

/**
 * A list call's filter, copied once (its lists too) so that what is checked is what is sent, or
 * what keeps it from going out as meant; each of these would send a filter that lists other
 * orders than asked, often every one:
 * - a filter that is not a plain object (a string, an array, a class instance, predicates
 *   inherited from a prototype): the query would garble it or leave it out;
 * - an empty list (`reference_in: []`): a query cannot carry it, so it would be left out;
 * - a blank in a list (`""`, null, undefined): sent as text (`"undefined"`) or as nothing;
 * - a value of a list that holds a comma: a list goes out comma-separated and the API splits it at
 *   every comma, so the value would be read as two others.
 * A string given whole, `"placed,approved"`, is the API's own comma form and goes as it is.
 */
export function snapshotFilter(
  filter: unknown,
): { filter: Record<string, unknown> | undefined } | { problem: FilterProblem } {
  if (filter === undefined || filter === null) return { filter: undefined };
  if (!isPlainObject(filter)) return { problem: { kind: "not_plain" } };
  const copy: Record<string, unknown> = {};
  for (const predicate of Object.keys(filter)) {
    let value = filter[predicate];
    if (Array.isArray(value)) {
      value = [...value];
      const list = value as unknown[];
      if (list.length === 0) return { problem: { kind: "empty_list", predicate } };
      for (const item of list) {
        if (item === undefined || item === null || item === "")
          return { problem: { kind: "blank_value", predicate } };
        if (String(item).includes(",")) return { problem: { kind: "comma", predicate, value: String(item) } };
      }
    }
    copy[predicate] = value;
  }
  return { filter: copy };
}

/** A FilterProblem told to the caller; `quote` shows a caller's text (redacted, shortened). */
export function filterProblemText(problem: FilterProblem, quote: (text: string) => string): string {
  switch (problem.kind) {
    case "not_plain":
      return "the filter is not a plain object of predicates: it would be garbled or left out, and the list would hold every order";
    case "empty_list":
      return `the filter's ${quote(problem.predicate)} is an empty list, which a query cannot carry: it would be left out, and the list would hold every order (skip the call when there is nothing to match)`;
    case "blank_value":
      return `the filter's ${quote(problem.predicate)} holds a blank value ("", null or undefined), which would be sent as text`;
    case "comma":
      return `the filter's ${quote(problem.predicate)} holds ${quote(problem.value)}, but a list goes out comma-separated and the API would split that value at its comma (filter on such a value alone, with an _eq predicate)`;
  }
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
