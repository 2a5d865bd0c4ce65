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
/** A spec whose one operation sends `{ n: schema }` (OpenAPI `openapi`). */
const numberSpec = (schema: Doc, openapi = "3.1.0"): Doc => ({
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
    const migrated = diffSpecs(
      numberSpec({ type: "number", minimum: 0, exclusiveMinimum: true }, "3.0.3"),
      numberSpec({ type: "number", exclusiveMinimum: 0 }),
    );
    expect(rows(migrated)).toEqual([["patch", "openapi-version-changed", "openapi"]]);
    expect(
      rows(
        diffSpecs(
          numberSpec({ type: "number", exclusiveMaximum: 10 }),
          numberSpec({ type: "number", exclusiveMaximum: 5 }),
        ),
      ),
    ).toEqual([["breaking", "maximum-lowered", "POST /x › request.n"]]);
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

  it("beside classified changes, a difference inside an operation or component that no rule read is listed too: a parameter's style, an operation's servers and callbacks (not its documentation)", () => {
    const diff = changed((doc) => {
      newOptionalField(doc);
      Object.assign(doc.components.parameters.PageSize, { style: "spaceDelimited", explode: false });
      doc.components.parameters.PageSize.description = "Reworded.";
      const list = doc.paths["/v1/order"].get;
      list.servers = [{ url: "https://eu.example.com" }];
      list.callbacks = {
        done: { "{$request.query.url}": { post: { responses: { "200": { description: "OK." } } } } },
      };
      list.summary = "Reworded.";
    });
    expect(diff.bump).toBe("minor");
    const other = diff.changes.filter((c) => c.kind === "unclassified-change").map((c) => c.location);
    expect(other.sort()).toEqual([
      "#/components/parameters/PageSize/explode",
      "#/components/parameters/PageSize/style",
      "#/paths/~1v1~1order/get/callbacks",
      "#/paths/~1v1~1order/get/servers",
    ]);
    // What a rule read and let pass is not listed again: the field added, the summary.
    expect(diff.changes.map((c) => c.kind)).toEqual(
      expect.arrayContaining(["response-field-added", "operation-docs-changed"]),
    );
  });
});

describe("changes a second review found hidden or over-reported", () => {
  const recipientsRequest = (doc: Doc) => doc.components.schemas.AppendRecipientsRequest;
  const described = (doc: Doc) => {
    doc.components.schemas.Order.description += " More.";
  };

  it.each<[string, (doc: Doc) => void]>([
    [
      "a format on a merge field",
      (doc) => {
        doc.components.schemas.RecipientMetadata.properties.custom1.format = "email";
      },
    ],
    [
      "uniqueItems",
      (doc) => {
        recipientsRequest(doc).properties.recipients.uniqueItems = true;
      },
    ],
    [
      "multipleOf",
      (doc) => {
        recipientsRequest(doc).properties.recipients.multipleOf = 2;
      },
    ],
    [
      "a field made a `false` schema",
      (doc) => {
        doc.components.schemas.RecipientAddress.properties.zip4 = false;
      },
    ],
    [
      "a field made `not: {}`",
      (doc) => {
        doc.components.schemas.RecipientAddress.properties.zip4 = { not: {} };
      },
    ],
    [
      "unevaluatedProperties: false",
      (doc) => {
        recipientsRequest(doc).unevaluatedProperties = false;
      },
    ],
    [
      "propertyNames",
      (doc) => {
        recipientsRequest(doc).propertyNames = { pattern: "^r" };
      },
    ],
    [
      "additionalProperties typed",
      (doc) => {
        recipientsRequest(doc).additionalProperties = { type: "integer" };
      },
    ],
  ])("%s in a request is breaking, also beside another change", (_, edit) => {
    for (const alongside of [() => {}, described]) {
      const diff = changed((doc) => {
        edit(doc);
        alongside(doc);
      });
      expect(diff.bump).toBe("major");
      expect(diff.changes.some((c) => c.severity === "breaking" && c.location.includes("› request"))).toBe(
        true,
      );
    }
  });

  it("a tighter limit in a second allOf member is the limit that applies", () => {
    const city = (second: number) => (doc: Doc) => {
      doc.components.schemas.RecipientAddress.properties.city = {
        allOf: [{ type: "string", maxLength: 100 }, { maxLength: second }],
      };
    };
    const before = lettrlabs();
    city(50)(before);
    const after = lettrlabs();
    city(5)(after);
    const kinds = diffSpecs(before, after).changes.map((c) => [c.severity, c.kind]);
    expect(kinds).toContainEqual(["breaking", "maxLength-lowered"]);
  });

  it("security: a description, an unused scheme, a new alternative, an order or an explicit copy of the global requirement is no breaking change", () => {
    const edits: ((doc: Doc) => void)[] = [
      (doc) => {
        doc.components.securitySchemes.apiKey.description = "Another wording.";
      },
      (doc) => {
        doc.components.securitySchemes.oauth = { type: "http", scheme: "bearer" };
      },
      (doc) => {
        doc.security = [...doc.security, { oauth: [] }];
      },
      (doc) => {
        doc.security = [{ b: ["y", "x"] }, ...doc.security];
      },
      (doc) => {
        for (const item of Object.values(doc.paths as Doc))
          for (const op of Object.values(item as Doc))
            if (op && op.security === undefined) op.security = doc.security;
      },
    ];
    const base = lettrlabs();
    base.security = [{ b: ["x", "y"] }, ...base.security];
    for (const edit of edits) {
      const after = structuredClone(base);
      edit(after);
      const diff = diffSpecs(base, after);
      expect(
        diff.changes.filter((c) => c.severity === "breaking"),
        JSON.stringify(diff.changes),
      ).toEqual([]);
    }
    const gone = structuredClone(base);
    gone.security = gone.security.slice(1);
    expect(rows(diffSpecs(base, gone))).toEqual([["breaking", "security-changed", "security"]]);
  });

  it("bounds that admit the same numbers, or more, are not breaking", () => {
    const breaking = (a: Doc, b: Doc) => diffSpecs(a, b).changes.filter((c) => c.severity === "breaking");
    expect(
      breaking(
        numberSpec({ type: "integer", exclusiveMinimum: 0 }),
        numberSpec({ type: "integer", minimum: 1 }),
      ),
    ).toEqual([]);
    expect(
      breaking(
        numberSpec({ type: "number", minimum: 0, exclusiveMinimum: true }, "3.0.3"),
        numberSpec({ type: "number", minimum: 0 }, "3.0.3"),
      ),
    ).toEqual([]);
    expect(
      breaking(
        numberSpec({ type: "number", minimum: 0 }),
        numberSpec({ type: "number", exclusiveMinimum: 0 }),
      ).map((c) => c.kind),
    ).toEqual(["minimum-raised"]);
  });

  it("a component named like an object's own member (toString, constructor) is seen removed", () => {
    const before = lettrlabs();
    before.components.schemas.toString = { type: "string" };
    before.components.schemas.constructor = { type: "string" };
    expect(rows(diffSpecs(before, lettrlabs()))).toEqual([
      ["breaking", "component-removed", "components › schemas › constructor"],
      ["breaking", "component-removed", "components › schemas › toString"],
    ]);
  });
});

describe("a third review's finds", () => {
  /** A one-operation spec: POST /x with `body`, answering 200 with `answer` (headers `headers`). */
  const spec = (body: Doc | undefined, answer: Doc, headers?: Doc, parameters?: Doc[]): Doc => ({
    openapi: "3.1.0",
    info: { title: "Third", version: "1" },
    paths: {
      "/x": {
        post: {
          ...(parameters ? { parameters } : {}),
          ...(body ? { requestBody: { content: { "application/json": { schema: body } } } } : {}),
          responses: {
            "200": {
              description: "Done.",
              ...(headers ? { headers } : {}),
              content: { "application/json": { schema: answer } },
            },
          },
        },
      },
    },
  });
  const obj = { type: "object", properties: { a: { type: "string" } } };
  const kinds = (a: Doc, b: Doc) => diffSpecs(a, b).changes.map((c) => [c.severity, c.kind]);

  it("a request body removed, a response header removed or retyped, a parameter's content schema retyped", () => {
    expect(kinds(spec(obj, obj), spec(undefined, obj))).toContainEqual(["breaking", "request-body-removed"]);
    const header = (type: string) => ({ "X-Left": { schema: { type } } });
    expect(kinds(spec(obj, obj, header("integer")), spec(obj, obj))).toContainEqual([
      "breaking",
      "response-header-removed",
    ]);
    expect(kinds(spec(obj, obj, header("integer")), spec(obj, obj, header("string")))).toContainEqual([
      "breaking",
      "type-changed",
    ]);
    const param = (type: string) => [
      { name: "q", in: "query", content: { "application/json": { schema: { type } } } },
    ];
    expect(
      kinds(spec(obj, obj, undefined, param("integer")), spec(obj, obj, undefined, param("string"))),
    ).toContainEqual(["breaking", "type-changed"]);
  });

  it("a name newly required of a request without a property of its own, and a discriminator changed", () => {
    expect(kinds(spec(obj, obj), spec({ ...obj, required: ["campaign"] }, obj))).toContainEqual([
      "breaking",
      "request-field-now-required",
    ]);
    const union = (propertyName: string, value: string) => ({
      oneOf: [{ $ref: "#/components/schemas/Card" }, { $ref: "#/components/schemas/Gift" }],
      discriminator: {
        propertyName,
        mapping: { [value]: "#/components/schemas/Card", gift: "#/components/schemas/Gift" },
      },
    });
    const branch = { type: "object", properties: { kind: { type: "string" }, type: { type: "string" } } };
    const withCard = (doc: Doc) => ({ ...doc, components: { schemas: { Card: branch, Gift: branch } } });
    for (const [p, v] of [
      ["type", "card"],
      ["kind", "credit_card"],
    ] as const)
      expect(
        kinds(withCard(spec(obj, union("kind", "card"))), withCard(spec(obj, union(p, v)))),
      ).toContainEqual(["breaking", "discriminator-changed"]);
  });

  it("an inline schema that contains itself (a YAML alias) is compared, and ends", () => {
    const loop = (description: string): Doc => {
      const s: Doc = { type: "object", description, properties: {} };
      s.properties.self = s;
      s.properties.other = s;
      return s;
    };
    const diff = diffSpecs(spec(loop("a"), loop("a")), spec(loop("b"), loop("b")));
    expect(diff.changes.every((c) => c.kind === "description-changed")).toBe(true);
    expect(diff.bump).toBe("patch");
  });
});
