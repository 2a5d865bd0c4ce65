import { specOf } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { diffSpecs, type SpecDiff } from "../src/diff.js";
import { migrationNote, readSpec } from "../src/upgrade.js";

// Vendor changes the comparison once called "patch" (or hid behind another change): each one
// changes the generated types or what a request may send, and is breaking.

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document, edited by path
type Doc = Record<string, any>;
const lettrlabs = (): Doc => readSpec(specOf("lettrlabs")) as Doc;
const rows = (diff: SpecDiff) => diff.changes.map((c) => [c.severity, c.kind, c.location]);
/** The LettrLabs spec, then the same spec changed by `edit`, compared. */
function changed(edit: (doc: Doc) => void): SpecDiff {
  const after = lettrlabs();
  edit(after);
  return diffSpecs(lettrlabs(), after);
}
/** The spec with a recipient open to other properties, and closed (each whatever the committed spec says). */
const openRecipient = () => withRecipient(true);
const closedRecipient = () => withRecipient(false);
function withRecipient(open: boolean): Doc {
  const doc = lettrlabs();
  doc.components.schemas.Recipient.additionalProperties = open;
  return doc;
}
const newOptionalField = (doc: Doc) => {
  doc.components.schemas.Order.properties.newField = { type: "string" };
};

describe("changes once taken for patches", () => {
  it("an object closed to other properties (additionalProperties: true → false) is breaking where it is sent and where it is read", () => {
    const diff = diffSpecs(openRecipient(), closedRecipient());
    expect(diff.bump).toBe("major");
    const kinds = diff.changes.filter((c) => c.kind === "closed-to-other-properties");
    expect(kinds.some((c) => c.location.includes("› request"))).toBe(true);
    expect(kinds.some((c) => c.location.includes("› response"))).toBe(true);
    expect(kinds.every((c) => c.severity === "breaking")).toBe(true);
    // Opened again: a request may send more (an addition).
    const reopened = diffSpecs(closedRecipient(), openRecipient());
    expect(
      reopened.changes.filter(
        (c) => c.kind === "open-to-other-properties" && c.location.includes("› request"),
      ),
    ).not.toEqual([]);
    expect(
      reopened.changes
        .filter((c) => c.location.includes("› request"))
        .every((c) => c.severity === "addition"),
    ).toBe(true);
  });

  it("a component schema renamed (every $ref updated) is its generated type removed", () => {
    const diff = changed((doc) => {
      const text = JSON.stringify(doc).replaceAll(
        '#/components/schemas/Order"',
        '#/components/schemas/ListedOrder"',
      );
      const renamed = JSON.parse(text) as Doc;
      renamed.components.schemas.ListedOrder = renamed.components.schemas.Order;
      delete renamed.components.schemas.Order;
      for (const key of Object.keys(doc)) delete doc[key];
      Object.assign(doc, renamed);
    });
    expect(diff.bump).toBe("major");
    expect(rows(diff)).toContainEqual(["breaking", "component-removed", "components › schemas › Order"]);
    expect(rows(diff)).toContainEqual(["addition", "component-added", "components › schemas › ListedOrder"]);
  });

  it("a field removed from an error body (a 4xx response) is breaking", () => {
    const diff = changed((doc) => {
      delete doc.components.schemas.ErrorEnvelope.allOf[1].properties.reasonCode;
    });
    expect(diff.bump).toBe("major");
    expect(
      diff.changes.some(
        (c) => c.kind === "response-field-removed" && /› response 4\d\d\.reasonCode$/.test(c.location),
      ),
    ).toBe(true);
  });

  it("an error response removed is breaking; one added is an addition", () => {
    const path = "/v1/order/{id}";
    const before = lettrlabs();
    const [method, op] = Object.entries(before.paths[path] as Doc).find(
      ([, o]) => (o as Doc).responses?.["400"],
    ) as [string, Doc];
    const diff = changed((doc) => {
      delete doc.paths[path][method].responses["400"];
    });
    expect(rows(diff)).toContainEqual([
      "breaking",
      "response-removed",
      `${method.toUpperCase()} ${path} › response 400`,
    ]);
    expect(op.responses["400"]).toBeDefined();
    const added = diffSpecs(
      (() => {
        const d = lettrlabs();
        delete d.paths[path][method].responses["400"];
        return d;
      })(),
      lettrlabs(),
    );
    expect(rows(added)).toContainEqual([
      "addition",
      "response-added",
      `${method.toUpperCase()} ${path} › response 400`,
    ]);
  });

  it("a limit or a pattern where a request had none is breaking; one dropped is an addition", () => {
    const diff = changed((doc) => {
      const address = doc.components.schemas.RecipientAddress.properties;
      delete address.address1.maxLength;
      address.address1.maxLength = 10;
      address.city.pattern = "^[A-Za-z ]+$";
    });
    expect(diff.bump).toBe("major");
    const kinds = new Set(diff.changes.filter((c) => c.severity === "breaking").map((c) => c.kind));
    expect(kinds).toContain("pattern-added");
    expect([...kinds].some((k) => /^maxLength-(added|lowered)$/.test(k))).toBe(true);
    expect(migrationNote(diff)).toContain("the compiler cannot see this one");
  });

  it("OpenAPI 3.0's exclusiveMinimum: true is 3.1's exclusiveMinimum number (no change); a lower exclusiveMaximum is breaking", () => {
    const spec = (schema: Doc, openapi = "3.1.0"): Doc => ({
      openapi,
      info: { title: "Limits", version: "1" },
      paths: {
        "/x": {
          post: {
            requestBody: {
              content: { "application/json": { schema: { type: "object", properties: { n: schema } } } },
            },
            responses: { "204": { description: "Done." } },
          },
        },
      },
    });
    const migrated = diffSpecs(
      spec({ type: "number", minimum: 0, exclusiveMinimum: true }, "3.0.3"),
      spec({ type: "number", exclusiveMinimum: 0 }),
    );
    expect(rows(migrated)).toEqual([["patch", "openapi-version-changed", "openapi"]]);
    expect(
      rows(
        diffSpecs(
          spec({ type: "number", exclusiveMaximum: 10 }),
          spec({ type: "number", exclusiveMaximum: 5 }),
        ),
      ),
    ).toEqual([["breaking", "exclusiveMaximum-lowered", "POST /x › request.n"]]);
  });

  it("how requests authenticate (a security scheme, the security requirement) is breaking", () => {
    const diff = changed((doc) => {
      doc.components.securitySchemes.apiKey.name = "X-Other-Key";
    });
    expect(rows(diff)).toEqual([["breaking", "security-changed", "components › securitySchemes › apiKey"]]);
    const noSecurity = changed((doc) => {
      doc.security = [];
    });
    expect(rows(noSecurity)).toEqual([["breaking", "security-changed", "security"]]);
  });

  it("a breaking change beside an addition is listed, and the bump is major", () => {
    const after = closedRecipient();
    newOptionalField(after);
    after.components.securitySchemes.apiKey.name = "X-Other-Key";
    const diff = diffSpecs(openRecipient(), after);
    expect(diff.bump).toBe("major");
    expect(diff.changes.map((c) => c.kind)).toEqual(
      expect.arrayContaining(["closed-to-other-properties", "security-changed", "response-field-added"]),
    );
  });

  it("a difference no rule reads (servers, tags, extensions) is listed beside classified changes, never claimed harmless", () => {
    const diff = changed((doc) => {
      newOptionalField(doc);
      doc.servers = [{ url: "https://elsewhere.example.com" }];
      doc.info.version = "9.9.9";
    });
    expect(diff.bump).toBe("minor");
    const other = diff.changes.filter((c) => c.kind === "unclassified-change");
    expect(other.map((c) => c.location)).toContain("#/servers/0/url");
    expect(other.every((c) => c.location.startsWith("#/servers/"))).toBe(true);
    expect(other[0]?.message).toContain("check whether it matters");
  });
});
