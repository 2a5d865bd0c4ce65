import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { specOf } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// The spec must agree with Commerce Layer's own field metadata (types, enums, creatable/updatable/
// filterable/sortable flags, relationships): test/fixtures/commercelayer-fields.json holds those facts.

type Json = Record<string, unknown>;
interface Field {
  type: string;
  creatable?: boolean;
  updatable?: boolean;
  fetchable?: boolean;
  filterable?: boolean;
  sortable?: boolean;
  enum?: string[];
}
interface Rel {
  cardinality: "has_one" | "has_many";
  class_name: string;
  polymorphic?: boolean;
  creatable?: boolean;
  updatable?: boolean;
}
const fixture = JSON.parse(
  readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), "fixtures", "commercelayer-fields.json"),
    "utf8",
  ),
) as { resources: Record<string, { fields: Record<string, Field>; relationships: Record<string, Rel> }> };
const doc = parse(readFileSync(specOf("commercelayer"), "utf8")) as Json;
const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
const props = (name: string) => (schemas[name]?.properties ?? {}) as Record<string, Json>;
const NAMES: Record<string, string> = {
  order: "Order",
  line_item: "LineItem",
  address: "Address",
  market: "Market",
  customer: "Customer",
};
const TYPES: Record<string, string> = {
  order: "orders",
  line_item: "line_items",
  address: "addresses",
  market: "markets",
  customer: "customers",
};
const CAN_CREATE = new Set(["order", "line_item", "address", "customer"]);
const CAN_UPDATE = new Set(["order", "line_item"]);
const CAN_LIST = new Set(["order", "line_item", "market", "customer"]);

function jsonType(schema: Json): { base: string; nullable: boolean; format?: unknown } {
  const t = schema.type;
  const list = Array.isArray(t) ? (t as string[]) : [t as string];
  return {
    base: list.find((x) => x !== "null") as string,
    nullable: list.includes("null"),
    format: schema.format,
  };
}
function expected(field: Field): { base: string; format?: string } {
  switch (field.type) {
    case "float":
      return { base: "number" };
    case "datetime":
      return { base: "string", format: "date-time" };
    default:
      return { base: field.type };
  }
}
function plural(cls: string): string {
  const s = cls.replace(/(?<!^)([A-Z])/g, "_$1").toLowerCase();
  if (/[^aeiou]y$/.test(s)) return `${s.slice(0, -1)}ies`;
  return s.endsWith("s") ? `${s}es` : `${s}s`;
}

describe("spec/commercelayer/openapi.yaml agrees with Commerce Layer's field metadata", () => {
  for (const [rid, resource] of Object.entries(fixture.resources)) {
    const S = NAMES[rid] as string;
    it(`${rid}: every fetchable field is a response attribute with its type and enum`, () => {
      const attrs = props(`${S}Attributes`);
      for (const [name, field] of Object.entries(resource.fields)) {
        const isAttr =
          field.fetchable && name !== "id" && (!name.startsWith("_") || name === "_external_price");
        if (!isAttr) {
          expect(attrs[name], `${rid}.${name} must not be a response attribute`).toBeUndefined();
          continue;
        }
        const schema = attrs[name];
        expect(schema, `${rid}.${name}`).toBeDefined();
        const got = jsonType(schema as Json);
        const want = expected(field);
        expect(got.base, `${rid}.${name} type`).toBe(want.base);
        if (want.format) expect(got.format, `${rid}.${name} format`).toBe(want.format);
        if (field.enum)
          expect(
            ((schema?.enum ?? []) as unknown[]).filter((v) => v !== null),
            `${rid}.${name} enum`,
          ).toEqual(field.enum);
      }
    });
    if (CAN_CREATE.has(rid)) {
      it(`${rid}: the create body holds exactly the creatable fields and relationships`, () => {
        const creatable = Object.entries(resource.fields)
          .filter(([, f]) => f.creatable)
          .map(([n]) => n)
          .sort();
        expect(Object.keys(props(`${S}CreateAttributes`)).sort()).toEqual(creatable);
        const rels = Object.entries(resource.relationships)
          .filter(([, r]) => r.creatable)
          .map(([n]) => n)
          .sort();
        expect(Object.keys(props(`${S}CreateRelationships`)).sort()).toEqual(rels);
      });
    }
    if (CAN_UPDATE.has(rid)) {
      it(`${rid}: the update body holds exactly the updatable fields (triggers included) and relationships`, () => {
        const updatable = Object.entries(resource.fields)
          .filter(([, f]) => f.updatable)
          .map(([n]) => n)
          .sort();
        expect(Object.keys(props(`${S}UpdateAttributes`)).sort()).toEqual(updatable);
        const rels = Object.entries(resource.relationships)
          .filter(([, r]) => r.updatable)
          .map(([n]) => n)
          .sort();
        expect(Object.keys(props(`${S}UpdateRelationships`)).sort()).toEqual(rels);
      });
    }
    if (CAN_LIST.has(rid)) {
      it(`${rid}: filters exist for every filterable field and sort for every sortable one`, () => {
        const filters = Object.keys(props(`${S}Filter`));
        for (const [name, field] of Object.entries(resource.fields)) {
          const has = filters.some(
            (f) =>
              f.startsWith(`${name}_`) &&
              !Object.keys(resource.fields).some(
                (o) => o !== name && o.startsWith(`${name}_`) && f.startsWith(`${o}_`),
              ),
          );
          expect(has, `${rid}.${name} filterable=${Boolean(field.filterable)}`).toBe(
            Boolean(field.filterable),
          );
        }
        const sortable = Object.entries(resource.fields)
          .filter(([, f]) => f.sortable)
          .map(([n]) => n);
        expect(schemas[`${S}SortField`]?.enum).toEqual(sortable.flatMap((n) => [n, `-${n}`]));
      });
    }
    it(`${rid}: relationships have the right cardinality and plural types`, () => {
      const rels = props(`${S}Relationships`);
      expect(Object.keys(rels).sort()).toEqual(Object.keys(resource.relationships).sort());
      for (const [name, rel] of Object.entries(resource.relationships)) {
        const data = ((rels[name]?.properties ?? {}) as Record<string, Json>).data as Json;
        if (rel.cardinality === "has_many") {
          expect(data.type, `${rid}.${name}`).toBe("array");
        } else {
          expect(data.type, `${rid}.${name}`).toEqual(["object", "null"]);
        }
        const ident = (rel.cardinality === "has_many" ? (data.items as Json) : data).properties as Record<
          string,
          Json
        >;
        if (!rel.polymorphic && rel.class_name !== "PaymentSource")
          expect(ident.type?.const, `${rid}.${name}`).toBe(plural(rel.class_name));
      }
      expect((props(S).type as Json).const).toBe(TYPES[rid]);
    });
  }

  it("types the order's money and timestamps", () => {
    const attrs = props("OrderAttributes");
    expect(jsonType(attrs.total_amount_cents as Json).base).toBe("integer");
    expect(jsonType(attrs.total_amount_float as Json).base).toBe("number");
    expect(jsonType(attrs.formatted_total_amount as Json).base).toBe("string");
    expect(attrs.placed_at).toEqual({ type: ["string", "null"], format: "date-time" });
    expect(props("OrderUpdateAttributes")._place).toEqual({ type: "boolean" });
    expect(props("OrderUpdateAttributes")._authorization_amount_cents).toEqual({ type: "integer" });
    expect(props("OrderCreateAttributes")._place).toBeUndefined();
  });

  it("has the auth server on the token operation, bearer security and the organization variable", () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const token = paths["/oauth/token"]?.post as Json;
    expect(token.servers).toEqual([
      { url: "https://auth.commercelayer.io", description: "Authentication host" },
    ]);
    expect(token.security).toEqual([]);
    const server = (doc.servers as Json[])[0] as Json;
    expect(server.url).toBe("https://{organization}.commercelayer.io/api");
    expect((server.variables as Json).organization).toBeDefined();
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
  });

  it("holds the operations the issue names", () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const ops = Object.entries(paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((m) => ["get", "post", "patch", "delete"].includes(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(ops.sort()).toEqual(
      [
        "POST /oauth/token",
        "GET /orders",
        "POST /orders",
        "GET /orders/{orderId}",
        "PATCH /orders/{orderId}",
        "DELETE /orders/{orderId}",
        ...["line_items", "market", "customer", "shipping_address", "billing_address", "shipments"].map(
          (r) => `GET /orders/{orderId}/${r}`,
        ),
        "POST /line_items",
        "GET /line_items/{lineItemId}",
        "PATCH /line_items/{lineItemId}",
        "DELETE /line_items/{lineItemId}",
        "POST /addresses",
        "GET /addresses/{addressId}",
        "GET /markets",
        "GET /markets/{marketId}",
        "GET /customers",
        "POST /customers",
        "GET /customers/{customerId}",
      ].sort(),
    );
  });
});
