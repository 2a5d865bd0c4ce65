import type { CommerceLayer } from "@orderkit/types";
import { isPlainRecordOfAnyRealm } from "../core/shape.js";

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
  | { kind: "empty_list" | "not_text"; predicate: string }
  | { kind: "blank_value"; predicate: string; inList: boolean }
  | { kind: "comma"; predicate: string; value: string };

/** A filter value's text as the query sends it: a string, a finite number or a boolean; undefined for anything else. */
const scalarText = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : (typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean"
      ? String(value)
      : undefined;

/**
 * Blank as the API reads a value (and then ignores it): null, undefined, or text of white space
 * only: Unicode's White_Space, as Ruby's `[[:space:]]` (U+0085 too, which `trim` keeps; not a
 * byte-order mark, which `trim` takes out).
 */
const isBlank = (value: unknown, text: string | undefined): boolean =>
  value === null || value === undefined || (text !== undefined && /^\p{White_Space}*$/u.test(text));

/**
 * A list call's filter as the text it sends, made once (so that what is checked is what is sent),
 * or what keeps it from going out as meant. Each of these would send a filter that lists other
 * records than asked, often every one, since the API ignores a predicate left out or blank:
 * - a filter that is not a plain object of string keys (a string, an array, a `Map`, a class
 *   instance, predicates keyed by symbols or inherited from another object): the query would
 *   garble it or leave it out;
 * - a blank value (`null`, `""`, only white space), alone or in a list: the API ignores it;
 * - an empty list (`reference_in: []`): a query cannot carry it, so it would be left out;
 * - a value that is not text, a finite number or a boolean (an object in a list, `NaN`, a `Date`):
 *   sent as whatever its conversion to text says;
 * - a value of a list that holds a comma: a list goes out comma-separated and the API splits it at
 *   every comma, so the value would be read as two others.
 * A predicate set to `undefined` is not set, and left out. A plain object (a JSON predicate such as
 * `metadata_jcont`) goes as its JSON (as `JSON.stringify` makes it, with any `toJSON`). A string
 * given whole, `"placed,approved"`, is the API's own comma form and goes as it is. Plain objects of
 * another realm (an iframe's) are plain objects.
 */
export function snapshotFilter(
  filter: unknown,
): { filter: Record<string, unknown> | undefined } | { problem: FilterProblem } {
  if (filter === undefined || filter === null) return { filter: undefined };
  if (!isPlainRecordOfAnyRealm(filter) || Object.getOwnPropertySymbols(filter).length > 0)
    return { problem: { kind: "not_plain" } };
  // No prototype: a `__proto__` predicate stays a predicate.
  const copy: Record<string, unknown> = Object.create(null);
  for (const predicate of Object.keys(filter)) {
    const value = filter[predicate];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      const texts: string[] = [];
      for (const item of [...value]) {
        const text = scalarText(item);
        if (isBlank(item, text)) return { problem: { kind: "blank_value", predicate, inList: true } };
        if (text === undefined) return { problem: { kind: "not_text", predicate } };
        if (text.includes(",")) return { problem: { kind: "comma", predicate, value: text } };
        texts.push(text);
      }
      if (texts.length === 0) return { problem: { kind: "empty_list", predicate } };
      copy[predicate] = texts;
    } else if (isPlainRecordOfAnyRealm(value)) {
      const json = JSON.stringify(value);
      if (json === undefined) return { problem: { kind: "not_text", predicate } };
      copy[predicate] = json;
    } else {
      const text = scalarText(value);
      if (isBlank(value, text)) return { problem: { kind: "blank_value", predicate, inList: false } };
      if (text === undefined) return { problem: { kind: "not_text", predicate } };
      copy[predicate] = text;
    }
  }
  return { filter: copy };
}

/** A FilterProblem told to the caller; `quote` shows a caller's text (redacted, shortened). */
export function filterProblemText(problem: FilterProblem, quote: (text: string) => string): string {
  const every = "and the list would hold every record";
  switch (problem.kind) {
    case "not_plain":
      return `the filter is not a plain object of predicates: it would be garbled or left out, ${every}`;
    case "empty_list":
      return `the filter's ${quote(problem.predicate)} is an empty list, which a query cannot carry: it would be left out, ${every} (skip the call when there is nothing to match)`;
    case "blank_value":
      return problem.inList
        ? `the filter's ${quote(problem.predicate)} holds a blank item (null, undefined, "" or only white space), which cannot be sent as meant`
        : `the filter's ${quote(problem.predicate)} is blank (null, "" or only white space): the API would ignore it, ${every}`;
    case "not_text":
      return `the filter's ${quote(problem.predicate)} holds a value that is not text, a finite number or a boolean, which cannot be sent as meant`;
    case "comma":
      return `the filter's ${quote(problem.predicate)} holds ${quote(problem.value)}, but a list goes out comma-separated and the API would split that value at its comma (filter on such a value alone, not in a list)`;
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
