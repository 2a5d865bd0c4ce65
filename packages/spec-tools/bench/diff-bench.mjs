// Benchmark for spec:diff on a synthetic pair of vendor-shaped specs, 4 MB each as YAML by default
// (not a test: timings vary by machine). Build first (`pnpm --filter @orderkit/spec-tools build`), then:
//   node bench/diff-bench.mjs [--schemas 530] [--format yaml|json] [--out dir-to-keep-the-specs-in]
// Each case runs in a child process so that its peak memory is its own.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist", "index.js");

/** A seeded PRNG (mulberry32), so that every run builds the same specs. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Stripe-shaped OpenAPI 3.0 spec: objects with nullable strings, enums, expandable fields
 * (`anyOf: [id, $ref, $ref deleted]` + nullable) and nullable wrapped objects (`anyOf: [$ref]` +
 * nullable) that reference each other in cycles, list endpoints, and form request bodies with
 * emptyable `anyOf` objects.
 */
function buildSpec(count, rand) {
  const name = (i) => `object_${i}`;
  const ref = (i) => ({ $ref: `#/components/schemas/${name(i)}` });
  const pick = () => Math.floor(rand() * count);
  const schemas = {};
  const paths = {};
  for (let i = 0; i < count; i++) {
    const properties = {
      id: { description: "Unique identifier for the object.", maxLength: 5000, type: "string" },
      object: { enum: [name(i)], type: "string" },
      created: { format: "unix-time", type: "integer" },
      livemode: { type: "boolean" },
      metadata: { additionalProperties: { maxLength: 500, type: "string" }, nullable: true, type: "object" },
    };
    for (let f = 0; f < 22; f++) {
      const kind = f % 6;
      const field = `field_${f}`;
      if (kind === 0)
        properties[field] = { maxLength: 5000, nullable: true, type: "string", description: `Field ${f}.` };
      else if (kind === 1) properties[field] = { enum: ["alpha", "beta", "gamma", "delta"], type: "string" };
      else if (kind === 2)
        properties[field] = {
          anyOf: [
            { maxLength: 5000, type: "string" },
            ref(pick()),
            { $ref: `#/components/schemas/deleted_${i}` },
          ],
          nullable: true,
          description: "Expandable.",
          "x-expansionResources": { oneOf: [ref(pick())] },
        };
      else if (kind === 3)
        properties[field] = { anyOf: [ref(pick())], nullable: true, description: "Nullable object." };
      else if (kind === 4) properties[field] = { items: ref(pick()), type: "array" };
      else properties[field] = { nullable: true, type: "integer" };
    }
    schemas[name(i)] = {
      description: `Object ${i}.`,
      properties,
      required: Object.keys(properties).filter((_, k) => k % 2 === 0),
      title: `Object${i}`,
      type: "object",
      "x-resourceId": name(i),
    };
    schemas[`deleted_${i}`] = {
      properties: { deleted: { enum: [true], type: "boolean" }, id: { maxLength: 5000, type: "string" } },
      required: ["deleted", "id"],
      type: "object",
    };
    const idParam = { in: "path", name: "id", required: true, schema: { maxLength: 5000, type: "string" } };
    const one = { 200: { content: { "application/json": { schema: ref(i) } }, description: "OK" } };
    paths[`/v1/${name(i)}s/{id}`] = {
      get: { operationId: `Get${i}`, parameters: [idParam], responses: one },
      post: {
        operationId: `Post${i}`,
        parameters: [idParam],
        requestBody: {
          content: {
            "application/x-www-form-urlencoded": {
              schema: {
                additionalProperties: false,
                properties: {
                  description: { maxLength: 5000, type: "string" },
                  shipping: {
                    anyOf: [
                      {
                        properties: {
                          name: { maxLength: 5000, type: "string" },
                          phone: { maxLength: 5000, type: "string" },
                        },
                        required: ["name"],
                        title: "optional_fields_shipping",
                        type: "object",
                      },
                      { enum: [""], type: "string" },
                    ],
                  },
                  metadata: {
                    anyOf: [
                      { additionalProperties: { type: "string" }, type: "object" },
                      { enum: [""], type: "string" },
                    ],
                  },
                },
                type: "object",
              },
            },
          },
          required: false,
        },
        responses: one,
      },
    };
    paths[`/v1/${name(i)}s`] = {
      get: {
        operationId: `List${i}`,
        parameters: [{ in: "query", name: "limit", required: false, schema: { type: "integer" } }],
        responses: {
          200: {
            content: {
              "application/json": {
                schema: {
                  properties: {
                    data: { items: ref(i), type: "array" },
                    has_more: { type: "boolean" },
                    object: { enum: ["list"], type: "string" },
                    url: { maxLength: 5000, type: "string" },
                  },
                  required: ["data", "has_more", "object", "url"],
                  type: "object",
                },
              },
            },
            description: "OK",
          },
        },
      },
    };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Synthetic vendor API", version: "1" },
    paths,
    components: { schemas },
  };
}

/** The next version: about 2% of the objects gain a field, an enum value, lose a field or become nullable. */
function nextVersion(spec, rand) {
  const next = structuredClone(spec);
  next.info.version = "2";
  for (const [key, schema] of Object.entries(next.components.schemas)) {
    if (!key.startsWith("object_") || rand() > 0.02) continue;
    const p = schema.properties;
    const change = Math.floor(rand() * 4);
    if (change === 0) p.added_field = { maxLength: 5000, nullable: true, type: "string" };
    else if (change === 1) p.field_1.enum.push("epsilon");
    else if (change === 2) delete p.field_0;
    else p.created.nullable = true;
  }
  return next;
}

function run(oldPath, newPath) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--measure", oldPath, newPath], {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

async function measure(oldPath, newPath) {
  const { diffSpecs, readSpec } = await import(dist);
  const t0 = performance.now();
  const before = readSpec(oldPath);
  const after = readSpec(newPath);
  const t1 = performance.now();
  const diff = diffSpecs(before, after);
  const t2 = performance.now();
  const count = (s) => diff.changes.filter((c) => c.severity === s).length;
  process.stdout.write(
    JSON.stringify({
      parseSeconds: +((t1 - t0) / 1000).toFixed(2),
      diffSeconds: +((t2 - t1) / 1000).toFixed(2),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      bump: diff.bump,
      breaking: count("breaking"),
      additions: count("addition"),
      other: count("patch"),
    }),
  );
}

const args = process.argv.slice(2);
if (args[0] === "--measure") await measure(args[1], args[2]);
else {
  const option = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
  const count = Number(option("--schemas", "530"));
  const format = option("--format", "yaml");
  const rand = random(15);
  const before = buildSpec(count, rand);
  const after = nextVersion(before, rand);
  const keep = option("--out", undefined);
  const dir = keep ?? mkdtempSync(join(tmpdir(), "spec-diff-bench-"));
  const write = (file, doc) => {
    const path = join(dir, `${file}.${format}`);
    writeFileSync(
      path,
      format === "json" ? JSON.stringify(doc, null, 2) : stringify(doc, { aliasDuplicateObjects: false }),
    );
    return path;
  };
  const oldPath = write("old", before);
  const newPath = write("new", after);
  const sameAgain = write("same", structuredClone(before));
  const mb = (p) => (statSync(p).size / 1e6).toFixed(1);
  console.log(`synthetic specs: ${count} objects, ${format}, ${mb(oldPath)} MB and ${mb(newPath)} MB`);
  console.log("changed pair:  ", run(oldPath, newPath));
  console.log("identical pair:", run(oldPath, sameAgain));
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
