import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { typegen } from "../../types/scripts/typegen.mjs";
import { diffSpecs } from "../src/diff.js";

// The classification checked against the generator itself: for every way a property's `default`,
// `readOnly` and `required` can change, at each place a schema can be defined (a component used
// by a request or a response, a request body or response inline), whatever the generated types
// say of the property (optional? readonly?) before and after is what the diff must report, with
// the severity its direction gives, and nothing else of the kind at that property.

type Place = "reqComp" | "reqInline" | "resComp" | "resInline";
const PLACES: readonly Place[] = ["reqComp", "reqInline", "resComp", "resInline"];
/** A property's state: bit 1 its default, 2 readOnly, 4 listed in `required`. */
type State = number;
const STATES: readonly State[] = [0, 1, 2, 3, 4, 5, 6, 7];

const objectWith = (name: Place, state: State) => ({
  type: "object",
  ...(state & 4 ? { required: [name] } : {}),
  properties: {
    [name]: {
      type: "string",
      ...(state & 1 ? { default: "x" } : {}),
      ...(state & 2 ? { readOnly: true } : {}),
    },
  },
});

/** A spec whose property `place` is in `state`, every other property plain. */
function spec(place: Place, state: State): Record<string, unknown> {
  const at = (p: Place) => objectWith(p, p === place ? state : 0);
  const json = (schema: object) => ({ content: { "application/json": { schema } } });
  const answer = (schema: object) => ({ "200": { description: "Done.", ...json(schema) } });
  return {
    openapi: "3.1.0",
    info: { title: "Typed optionality", version: "1" },
    paths: {
      "/components": {
        post: {
          requestBody: json({ $ref: "#/components/schemas/Req" }),
          responses: answer({ $ref: "#/components/schemas/Res" }),
        },
      },
      "/inline": { post: { requestBody: json(at("reqInline")), responses: answer(at("resInline")) } },
    },
    components: { schemas: { Req: at("reqComp"), Res: at("resComp") } },
  };
}

const dir = mkdtempSync(join(tmpdir(), "typed-optionality-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the generated types say of the property: optional, readonly. */
async function typed(place: Place, state: State): Promise<{ optional: boolean; readonly: boolean }> {
  const file = join(dir, `${place}-${state}.json`);
  writeFileSync(file, JSON.stringify(spec(place, state)));
  const source = await typegen(file);
  const line = new RegExp(`^\\s*(readonly )?${place}(\\??):`, "m").exec(source);
  if (!line) throw new Error(`${place} is not in the generated types:\n${source}`);
  return { readonly: line[1] !== undefined, optional: line[2] === "?" };
}

describe("a property's optionality and readonly-ness, as the generated types have them", () => {
  it("is what the diff reports, for every change of default, readOnly and required at every place", async () => {
    let checked = 0;
    let typeChanges = 0;
    for (const place of PLACES) {
      const types = new Map<State, { optional: boolean; readonly: boolean }>();
      for (const state of STATES) types.set(state, await typed(place, state));
      const request = place.startsWith("req");
      for (const before of STATES)
        for (const after of STATES) {
          if (before === after) continue;
          const [a, b] = [types.get(before), types.get(after)] as { optional: boolean; readonly: boolean }[];
          const expected: string[] = [];
          if (a?.optional !== b?.optional) {
            const nowRequired = !b?.optional;
            expected.push(
              request
                ? nowRequired
                  ? "breaking request-field-now-required"
                  : "addition request-field-now-optional"
                : nowRequired
                  ? "addition response-field-now-required"
                  : "breaking response-field-now-optional",
            );
          }
          if (a?.readonly !== b?.readonly)
            expected.push(
              b?.readonly ? "breaking field-now-read-only" : "addition field-no-longer-read-only",
            );
          if (expected.length > 0) typeChanges++;
          const diff = diffSpecs(spec(place, before), spec(place, after));
          const reported = diff.changes
            .filter((c) => c.location.endsWith(`.${place}`) && c.severity !== "patch")
            .map((c) => `${c.severity} ${c.kind}`);
          expect(reported.sort(), `${place}: state ${before} → ${after}`).toEqual(expected.sort());
          const bump = expected.some((e) => e.startsWith("breaking"))
            ? "major"
            : expected.length > 0
              ? "minor"
              : "patch";
          expect(diff.bump, `${place}: state ${before} → ${after}`).toBe(bump);
          checked++;
        }
    }
    expect(checked).toBe(4 * 8 * 7);
    // The generator does change the types for a default (outside request bodies) and for readOnly.
    expect(typeChanges).toBeGreaterThan(100);
  });

  it("says why when the default alone made a field required", () => {
    const diff = diffSpecs(spec("reqComp", 0), spec("reqComp", 1));
    expect(diff.bump).toBe("major");
    expect(diff.changes.find((c) => c.kind === "request-field-now-required")?.message).toContain(
      "it has a default now: the generated types require it",
    );
  });
});
