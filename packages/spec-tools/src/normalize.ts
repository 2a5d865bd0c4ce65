import { canonicalJson } from "./canonical.js";
import { isObject, type JsonObject } from "./model.js";
import type { Resolver } from "./refs.js";

/** Longest chain of wrappers (`$ref`, one-branch unions, one-member `allOf`) peeled at one place. */
const MAX_WRAPPERS = 64;

/** Keywords that give a schema its own shape: a schema with any of them is not a mere wrapper. */
const SHAPE_KEYWORDS = [
  "properties",
  "additionalProperties",
  "patternProperties",
  "items",
  "prefixItems",
  "required",
  "enum",
  "const",
  "not",
] as const;

/** Keywords the comparison reads, or that change no type and no request (docs, examples, `x-`). */
const READ_KEYWORDS = new Set([
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "items",
  "additionalProperties",
  "oneOf",
  "anyOf",
  "allOf",
  "discriminator",
  "nullable",
  "$ref",
  "pattern",
  "description",
  "title",
  "summary",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "xml",
  "$schema",
  "$id",
  "$comment",
  "$anchor",
  "definitions",
]);

/** What a boolean schema stands for: `true` admits anything, `false` nothing (`not: {}`). */
const ANYTHING: JsonObject = {};
const NOTHING: JsonObject = { not: {} };

/** Numeric limits compared on requests (the exclusive ones in their 3.1 form, a number). */
export const UPPER_LIMITS = [
  "maximum",
  "exclusiveMaximum",
  "maxLength",
  "maxItems",
  "maxProperties",
] as const;
export const LOWER_LIMITS = [
  "minimum",
  "exclusiveMinimum",
  "minLength",
  "minItems",
  "minProperties",
] as const;
type Limit = (typeof UPPER_LIMITS)[number] | (typeof LOWER_LIMITS)[number];

/**
 * A schema as seen where it is used, with its wrappers peeled: `$ref`s followed, and unions or
 * `allOf`s that have one non-null member replaced by that member. Every nullability form met on the
 * way (`nullable: true`, `type: [T, "null"]`, a `{type: "null"}` branch) sets `nullable`.
 */
export interface UseSite {
  /** The schema that carries the shape. */
  core: JsonObject;
  nullable: boolean;
  /** The last `$ref` crossed to reach the core, if any. */
  ref: string | undefined;
  /** The first description met on the way (the use site's own, else the target's). */
  description: string | undefined;
}

/** The branches of a `oneOf`/`anyOf`, without its null branches. */
export interface Variants {
  branches: unknown[];
  /** `discriminator.propertyName`, and its mapping from value to `$ref`. */
  discriminator: { propertyName: string; mapping: ReadonlyMap<string, string> } | undefined;
}

/** The parts of a core schema that are compared, with `allOf` merged and sets as sets. */
export interface Shape {
  /** Allowed JSON types other than null; `undefined` when unconstrained, empty when only null. */
  types: ReadonlySet<string> | undefined;
  /** Allowed values (from `enum` or `const`, null left out) by their canonical JSON. */
  enumValues: ReadonlyMap<string, unknown> | undefined;
  properties: ReadonlyMap<string, unknown>;
  required: ReadonlySet<string>;
  /**
   * Properties the generated types require for their `default` (openapi-typescript's
   * `defaultNonNullable`, packages/types/scripts/typegen.mjs): those whose own schema has one, in
   * an object schema that is not defined under a parameter or a request body. Optional on the wire,
   * required in the types: what a typed caller must send, or may count on.
   */
  defaulted: ReadonlySet<string>;
  /** Properties marked `readOnly`: `readonly` in the generated types. */
  readOnly: ReadonlySet<string>;
  items: unknown;
  /** `additionalProperties` when it is a schema (not a boolean). */
  additionalProperties: unknown;
  /** `additionalProperties: false`: no property beyond those listed (no index signature). */
  closed: boolean;
  /**
   * An index signature in the generated types (`[key: string]: …`): `additionalProperties` is
   * `true` or a schema, or `patternProperties` has one. packages/types generates none for an
   * object that says nothing of other properties (openapi-typescript's `additionalProperties`
   * option off), though JSON Schema admits them there.
   */
  indexed: boolean;
  /** The `pattern`s a string must match (of every `allOf` member, sorted, joined by " and "). */
  pattern: string | undefined;
  /**
   * Every keyword no rule compares (`format`, `uniqueItems`, `multipleOf`, `not`,
   * `unevaluatedProperties`, …), as canonical JSON, `allOf` members' joined: a change to it is
   * reported as such, never passed over.
   */
  others: string;
  variants: Variants | undefined;
  limits: Readonly<Partial<Record<Limit, number>>>;
}

function typeList(node: JsonObject): string[] | undefined {
  if (typeof node.type === "string") return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === "string");
  return undefined;
}

function hasShapeKeywords(node: JsonObject): boolean {
  return SHAPE_KEYWORDS.some((k) => node[k] !== undefined);
}

function unionBranches(node: JsonObject): unknown[] {
  return [...(Array.isArray(node.anyOf) ? node.anyOf : []), ...(Array.isArray(node.oneOf) ? node.oneOf : [])];
}

/** Reads the schemas of one document into use sites and shapes, caching both. */
export class SchemaReader {
  private readonly sites = new WeakMap<object, UseSite>();
  private readonly shapes = new WeakMap<JsonObject, Shape>();
  private readonly shaping = new Set<JsonObject>();
  private readonly siting = new Set<object>();
  /** Every schema object a use site has passed through (a `$ref`'s target, a wrapper, a core). */
  private readonly passed = new WeakSet<object>();

  constructor(
    private readonly resolver: Resolver,
    /** Whether the generated types read the defaults of an object schema's properties (see `Shape.defaulted`). */
    private readonly typesDefaults: (node: JsonObject) => boolean = () => true,
  ) {}

  /** Whether a union branch only allows null (`{type: "null"}`, `{const: null}`, `{enum: [null]}`). */
  isNullBranch(branch: unknown): boolean {
    const node = this.resolver.deref(branch).node;
    if (!isObject(node)) return false;
    const types = typeList(node);
    if (types) return types.length > 0 && types.every((t) => t === "null");
    if ("const" in node) return node.const === null;
    return Array.isArray(node.enum) && node.enum.length > 0 && node.enum.every((v) => v === null);
  }

  /** Whether `node` admits null: by its own flags, by a null branch, or by a nullable branch. */
  private allowsNull(node: JsonObject): boolean {
    return (
      node.nullable === true ||
      (typeList(node)?.includes("null") ?? false) ||
      unionBranches(node).some((b) => this.isNullBranch(b) || this.site(b).nullable)
    );
  }

  /** The one member a wrapper stands for, or `undefined` when `node` has a shape of its own. */
  private wrapped(node: JsonObject): unknown {
    if (hasShapeKeywords(node) || typeList(node)?.some((t) => t !== "null")) return undefined;
    const union = unionBranches(node);
    const allOf = Array.isArray(node.allOf) ? node.allOf : [];
    if (union.length > 0 && allOf.length === 0) {
      const real = union.filter((b) => !this.isNullBranch(b));
      return real.length === 1 ? real[0] : undefined;
    }
    return union.length === 0 && allOf.length === 1 ? allOf[0] : undefined;
  }

  /** Whether a use site read so far has passed through `schema` (as itself, or through a `$ref` to it). */
  hasPassed(schema: object): boolean {
    return this.passed.has(schema);
  }

  /**
   * The use site of a schema: its core, nullability, last `$ref` and description. A union is
   * nullable when any of its branches is.
   */
  site(raw: unknown): UseSite {
    const cached = isObject(raw) ? this.sites.get(raw) : undefined;
    if (cached) return cached;
    if (isObject(raw) && this.siting.has(raw))
      return { core: {}, nullable: false, ref: undefined, description: undefined };
    if (isObject(raw)) this.siting.add(raw);
    try {
      return this.peel(raw);
    } finally {
      if (isObject(raw)) this.siting.delete(raw);
    }
  }

  private peel(raw: unknown): UseSite {
    let node: unknown = raw;
    let nullable = false;
    let ref: string | undefined;
    let description: string | undefined;
    for (let hops = 0; hops < MAX_WRAPPERS; hops++) {
      const target = this.resolver.deref(node);
      if (target.ref !== undefined) ref = target.ref;
      node = target.node;
      if (!isObject(node)) break;
      this.passed.add(node);
      if (description === undefined && typeof node.description === "string") description = node.description;
      if (this.allowsNull(node)) nullable = true;
      const inner = this.wrapped(node);
      if (inner === undefined) break;
      node = inner;
    }
    const core = isObject(node) ? node : node === false ? NOTHING : ANYTHING;
    const result: UseSite = { core, nullable, ref, description };
    if (isObject(raw)) this.sites.set(raw, result);
    return result;
  }

  /** The shape of a core schema, with its `allOf` members merged in. */
  shape(core: JsonObject): Shape {
    const cached = this.shapes.get(core);
    if (cached) return cached;
    if (this.shaping.has(core)) return this.ownShape({});
    this.shaping.add(core);
    try {
      let shape = this.ownShape(core);
      if (Array.isArray(core.allOf))
        for (const member of core.allOf) shape = mergeShapes(shape, this.shape(this.site(member).core));
      this.shapes.set(core, shape);
      return shape;
    } finally {
      this.shaping.delete(core);
    }
  }

  private ownShape(node: JsonObject): Shape {
    const properties = new Map(Object.entries(isObject(node.properties) ? node.properties : {}));
    const listed = typeList(node);
    let types: Set<string> | undefined = listed ? new Set(listed.filter((t) => t !== "null")) : undefined;
    const branches = unionBranches(node);
    const real = branches.filter((b) => !this.isNullBranch(b));
    if (!types && properties.size > 0) types = new Set(["object"]);
    else if (!types && branches.length > 0 && real.length === 0) types = new Set();
    const values = "const" in node ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
    const limits: Partial<Record<Limit, number>> = {};
    for (const k of [...UPPER_LIMITS, ...LOWER_LIMITS]) {
      const v = node[k];
      if (typeof v === "number") limits[k] = v;
    }
    // OpenAPI 3.0's boolean form (`minimum: 0, exclusiveMinimum: true`) is 3.1's `exclusiveMinimum: 0`.
    for (const [bound, exclusive] of [
      ["minimum", "exclusiveMinimum"],
      ["maximum", "exclusiveMaximum"],
    ] as const)
      if (node[exclusive] === true && limits[bound] !== undefined) {
        limits[exclusive] = limits[bound];
        delete limits[bound];
      }
    return {
      types,
      enumValues: values && new Map(values.filter((v) => v !== null).map((v) => [canonicalJson(v), v])),
      properties,
      required: new Set(Array.isArray(node.required) ? node.required.map(String) : []),
      defaulted: this.typesDefaults(node)
        ? new Set([...properties].filter(([, p]) => isObject(p) && p.default !== undefined).map(([k]) => k))
        : new Set(),
      readOnly: new Set(
        [...properties].filter(([, p]) => isObject(p) && Boolean(p.readOnly)).map(([k]) => k),
      ),
      items: node.items,
      additionalProperties: isObject(node.additionalProperties) ? node.additionalProperties : undefined,
      closed: node.additionalProperties === false,
      indexed:
        node.additionalProperties === true ||
        isObject(node.additionalProperties) ||
        (isObject(node.patternProperties) && Object.keys(node.patternProperties).length > 0),
      pattern: typeof node.pattern === "string" ? node.pattern : undefined,
      others: canonicalJson(
        Object.fromEntries(
          Object.entries(node).filter(
            ([k]) =>
              !READ_KEYWORDS.has(k) &&
              !k.startsWith("x-") &&
              !(UPPER_LIMITS as readonly string[]).includes(k) &&
              !(LOWER_LIMITS as readonly string[]).includes(k),
          ),
        ),
      ),
      variants: real.length > 0 ? { branches: real, discriminator: discriminatorOf(node) } : undefined,
      limits,
    };
  }
}

function discriminatorOf(node: JsonObject): Variants["discriminator"] {
  const d = node.discriminator;
  if (!isObject(d) || typeof d.propertyName !== "string") return undefined;
  const mapping = new Map<string, string>();
  if (isObject(d.mapping))
    for (const [value, ref] of Object.entries(d.mapping))
      if (typeof ref === "string") mapping.set(value, ref);
  return { propertyName: d.propertyName, mapping };
}

function intersect<T>(
  a: ReadonlySet<T> | undefined,
  b: ReadonlySet<T> | undefined,
): ReadonlySet<T> | undefined {
  if (!a) return b;
  if (!b) return a;
  return new Set([...a].filter((x) => b.has(x)));
}

/** Both members' limits apply: of two, the tighter. */
function tighter(a: Shape["limits"], b: Shape["limits"]): Shape["limits"] {
  const out: Partial<Record<Limit, number>> = { ...b, ...a };
  for (const k of UPPER_LIMITS) {
    const [x, y] = [a[k], b[k]];
    if (x !== undefined && y !== undefined) out[k] = Math.min(x, y);
  }
  for (const k of LOWER_LIMITS) {
    const [x, y] = [a[k], b[k]];
    if (x !== undefined && y !== undefined) out[k] = Math.max(x, y);
  }
  return out;
}

/** `allOf` semantics: both schemas apply. Later members win where both define a property. */
function mergeShapes(a: Shape, b: Shape): Shape {
  let enumValues = a.enumValues ?? b.enumValues;
  if (a.enumValues && b.enumValues) {
    const other = b.enumValues;
    enumValues = new Map([...a.enumValues].filter(([k]) => other.has(k)));
  }
  return {
    types: intersect(a.types, b.types),
    enumValues,
    properties: new Map([...a.properties, ...b.properties]),
    required: new Set([...a.required, ...b.required]),
    defaulted: new Set([...a.defaulted, ...b.defaulted]),
    readOnly: new Set([...a.readOnly, ...b.readOnly]),
    items: a.items ?? b.items,
    additionalProperties: a.additionalProperties ?? b.additionalProperties,
    closed: a.closed || b.closed,
    indexed: a.indexed || b.indexed,
    pattern:
      a.pattern !== undefined && b.pattern !== undefined && a.pattern !== b.pattern
        ? [a.pattern, b.pattern].sort().join(" and ")
        : (a.pattern ?? b.pattern),
    others: a.others === "{}" ? b.others : b.others === "{}" ? a.others : `${a.others} and ${b.others}`,
    variants: a.variants ?? b.variants,
    limits: tighter(a.limits, b.limits),
  };
}

/** Where openapi-typescript leaves property defaults out of the types: under a parameter or a request body. */
const UNTYPED_DEFAULTS = /parameters|requestBod(y|ies)/;

/**
 * Which object schemas of `doc` have the defaults of their properties read into the generated
 * types: openapi-typescript makes a property with a default required (`defaultNonNullable`) unless
 * the schema's place in the document names a parameter or a request body (a component schema is
 * generated at its own place, wherever it is used). A schema found at several places (YAML
 * aliases) counts as typed when any of them is.
 */
export function typedDefaults(doc: JsonObject): (node: JsonObject) => boolean {
  const typed = new WeakSet<object>();
  const untyped = new WeakSet<object>();
  // `below`: whether a key on the way names a parameter or a request body.
  const walk = (value: unknown, below: boolean, depth: number): void => {
    if (typeof value !== "object" || value === null || depth > 2000) return;
    const here = below ? untyped : typed;
    if (here.has(value)) return;
    here.add(value);
    for (const key in value)
      if (Object.hasOwn(value, key))
        walk((value as JsonObject)[key], below || UNTYPED_DEFAULTS.test(key), depth + 1);
  };
  walk(doc, false, 0);
  return (node) => typed.has(node) || !untyped.has(node);
}
