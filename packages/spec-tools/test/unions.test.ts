import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffSpecs, type SpecDiff } from "../src/diff.js";
import { readSpec } from "../src/upgrade.js";

const pairs = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "pairs");
const spec = (dir: string, name: string) => readSpec(join(pairs, dir, `${name}.yaml`));

/** The diff of a fixture pair, as `[severity, kind, location]` rows plus the bump. */
function diffOf(dir: string, after: string, reverse = false) {
  const [a, b] = [spec(dir, "before"), spec(dir, after)];
  return summary(reverse ? diffSpecs(b, a) : diffSpecs(a, b));
}

function summary(diff: SpecDiff) {
  return { bump: diff.bump, changes: diff.changes.map((c) => [c.severity, c.kind, c.location]) };
}

describe("unions (oneOf/anyOf), as Stripe writes them (OpenAPI 3.0)", () => {
  it("finds fields removed inside `anyOf: [{$ref}]` + nullable (response) and an emptyable `anyOf` (request)", () => {
    expect(diffOf("stripe-charges", "after-wrapped-field-removed")).toEqual({
      bump: "major",
      changes: [
        ["breaking", "response-field-removed", "GET /v1/charges/{charge} › response 200.shipping.phone"],
        [
          "breaking",
          "request-field-removed",
          "POST /v1/charges/{charge} › request.shipping<optional_fields_shipping>.carrier",
        ],
        ["breaking", "response-field-removed", "POST /v1/charges/{charge} › response 200.shipping.phone"],
      ],
    });
  });

  it("finds additions inside an expandable field's `$ref` branch and a nullable wrapped object", () => {
    expect(diffOf("stripe-expandable", "after-union-additions")).toEqual({
      bump: "minor",
      changes: [
        [
          "addition",
          "response-field-added",
          "GET /v1/charges/{charge} › response 200.customer<customer>.tax_exempt",
        ],
        ["addition", "enum-widened", "GET /v1/charges/{charge} › response 200.outcome.type"],
      ],
    });
  });
});

describe("unions, as OpenAI writes them (OpenAPI 3.1)", () => {
  it("a response field that became optional and `anyOf: [string, null]` is two breaking changes", () => {
    expect(diffOf("openai-chat", "after-response-optional-nullable")).toEqual({
      bump: "major",
      changes: [
        [
          "breaking",
          "response-field-now-optional",
          "POST /chat/completions › response 200.system_fingerprint",
        ],
        ["breaking", "became-nullable", "POST /chat/completions › response 200.system_fingerprint"],
      ],
    });
  });

  it("the reverse (required again, never null) only adds guarantees", () => {
    expect(diffOf("openai-chat", "after-response-optional-nullable", true)).toEqual({
      bump: "minor",
      changes: [
        [
          "addition",
          "response-field-now-required",
          "POST /chat/completions › response 200.system_fingerprint",
        ],
        ["addition", "no-longer-nullable", "POST /chat/completions › response 200.system_fingerprint"],
      ],
    });
  });

  it("a `string` alternative removed from a request `anyOf` is breaking", () => {
    const diff = diffSpecs(
      spec("openai-chat", "before"),
      spec("openai-chat", "after-request-branch-removed"),
    );
    expect(diff).toEqual({
      bump: "major",
      changes: [
        {
          severity: "breaking",
          kind: "variant-removed",
          location: "POST /chat/completions › request.stop",
          message: "no longer accepts string",
        },
      ],
    });
  });

  it("the same alternative added back is an addition", () => {
    expect(diffOf("openai-chat", "after-request-branch-removed", true)).toEqual({
      bump: "minor",
      changes: [["addition", "variant-added", "POST /chat/completions › request.stop"]],
    });
  });

  it("finds additions inside unions: enum values, and a field in one `oneOf` message", () => {
    expect(diffOf("openai-chat", "after-union-additions")).toEqual({
      bump: "minor",
      changes: [
        [
          "addition",
          "request-field-added",
          "POST /chat/completions › request.messages[]<ChatCompletionRequestUserMessage>.name",
        ],
        ["addition", "enum-widened", "POST /chat/completions › request.tool_choice<string>"],
        ["addition", "enum-widened", "POST /chat/completions › response 200.service_tier"],
      ],
    });
  });
});

describe("matching union branches", () => {
  it("pairs branches by discriminator mapping (a renamed $ref) and by a const property (reordered)", () => {
    // The branches pair up; the renamed schema itself is a type gone from the generated types.
    expect(diffOf("payment-sources", "after-matched")).toEqual({
      bump: "major",
      changes: [
        ["breaking", "component-removed", "components › schemas › BankSource"],
        ["addition", "component-added", "components › schemas › BankAccountSource"],
        ["addition", "request-field-added", "POST /sources › request<kind=bank>.holder"],
        ["addition", "response-field-added", "POST /sources › response 200<BankAccountSource>.bank_name"],
      ],
    });
  });

  it("a new branch widens a response (breaking) and widens a request (addition)", () => {
    const diff = diffSpecs(spec("payment-sources", "before"), spec("payment-sources", "after-variant-added"));
    expect(diff).toEqual({
      bump: "major",
      changes: [
        {
          severity: "breaking",
          kind: "variant-added",
          location: "POST /sources › response 200",
          message: "may now be WalletSource",
        },
        {
          severity: "addition",
          kind: "component-added",
          location: "components › schemas › WalletSource",
          message: "added",
        },
        {
          severity: "addition",
          kind: "variant-added",
          location: "POST /sources › request",
          message: "now also accepts kind=wallet",
        },
      ],
    });
  });
});

describe("recursive schemas", () => {
  it("terminates and reports each change once per response, at its shortest path", () => {
    expect(diffOf("recursive", "after")).toEqual({
      bump: "major",
      changes: [
        ["breaking", "response-field-removed", "GET /charges/{id} › response 200.customer<Customer>.email"],
        ["breaking", "response-field-removed", "GET /customers/{id} › response 200.email"],
        ["addition", "response-field-added", "GET /categories/{id} › response 200.slug"],
      ],
    });
  });

  it("finds nothing between a recursive spec and itself", () => {
    expect(diffSpecs(spec("recursive", "before"), spec("recursive", "before"))).toEqual({
      changes: [],
      bump: "none",
    });
  });
});
