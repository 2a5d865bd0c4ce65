import { documentDifferences } from "./canonical.js";
import { type Direction, isObject, type Severity, type SpecChange, severityOf } from "./model.js";
import { LOWER_LIMITS, type SchemaReader, type Shape, UPPER_LIMITS, type UseSite } from "./normalize.js";
import { type Branch, matchBranches, readBranch, readBranches } from "./variants.js";

/** Inline schemas nested deeper than this are compared as opaque values. */
export const MAX_INLINE_DEPTH = 64;

/** A change found inside a schema, located relative to where the schema is used. */
interface RelativeChange {
  severity: Severity;
  kind: string;
  /** Appended to the use site's location: `.field`, `[]`, `{}`, `<Branch>`. */
  rel: string;
  message: string;
}

/** A pair of referenced schemas to compare (by index), reached at `rel`. */
interface Edge {
  node: number;
  rel: string;
}

/** What comparing one pair of schemas found: its own changes and the referenced pairs below it. */
interface Findings {
  changes: RelativeChange[];
  edges: Edge[];
}

interface NodePair {
  before: UseSite;
  after: UseSite;
  direction: Direction;
}

/** The limits read as a number's bounds (see `bound`), not one by one. */
const BOUND_KEYS = new Set(["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"]);

/** A number's bound on one side: its value, and whether the value itself is excluded. */
interface Bound {
  value: number;
  exclusive: boolean;
}

/**
 * The tighter of a schema's inclusive and exclusive bounds on one side; for an integer, an
 * exclusive bound is the inclusive one next to it (`> 0` is `>= 1`).
 */
function bound(shape: Shape, side: "minimum" | "maximum"): Bound | undefined {
  const integer = shape.types !== undefined && shape.types.size === 1 && shape.types.has("integer");
  const up = side === "maximum";
  const inclusive = shape.limits[side];
  let exclusive = shape.limits[up ? "exclusiveMaximum" : "exclusiveMinimum"];
  let result: Bound | undefined =
    inclusive === undefined ? undefined : { value: inclusive, exclusive: false };
  if (exclusive !== undefined && integer) {
    exclusive = up ? Math.ceil(exclusive) - 1 : Math.floor(exclusive) + 1;
    const candidate = { value: exclusive, exclusive: false };
    if (!result || narrower(result, candidate, side)) result = candidate;
  } else if (exclusive !== undefined) {
    const candidate = { value: exclusive, exclusive: true };
    if (!result || narrower(result, candidate, side)) result = candidate;
  }
  return result;
}

/** Whether bound `y` admits less than bound `x` on `side`. */
function narrower(x: Bound, y: Bound, side: "minimum" | "maximum"): boolean {
  if (x.value !== y.value) return side === "minimum" ? y.value > x.value : y.value < x.value;
  return y.exclusive && !x.exclusive;
}

const shownBound = (b: Bound, side: "minimum" | "maximum") =>
  b.exclusive ? `${side === "minimum" ? ">" : "<"} ${b.value}` : `${b.value}`;

/** Keywords no rule compares that change the generated types: a tuple, an index signature, a `$defs` member. */
const TYPED_KEYWORDS = new Set(["prefixItems", "patternProperties", "$defs"]);

/** The keywords that differ between two `others` texts (canonical JSON objects, maybe joined). */
function changedKeywords(a: string, b: string): string {
  const keys = (text: string) => {
    const found = new Map<string, string>();
    for (const part of text.split(" and "))
      try {
        for (const [k, v] of Object.entries(JSON.parse(part) as Record<string, unknown>))
          found.set(k, `${found.get(k) ?? ""}${JSON.stringify(v)}`);
      } catch {
        found.set(part, part);
      }
    return found;
  };
  const [x, y] = [keys(a), keys(b)];
  const names = [...new Set([...x.keys(), ...y.keys()])].filter((k) => x.get(k) !== y.get(k)).sort();
  return names.length > 0 ? names.join(", ") : "a keyword";
}

/** Whether a set of types admits `type` (an integer is a number). */
function admits(types: ReadonlySet<string>, type: string): boolean {
  return types.has(type) || (type === "integer" && types.has("number"));
}

/** Whether a schema constrains nothing (`{}`): null or not, it admits anything. */
function unconstrained(shape: Shape): boolean {
  return !shape.types && !shape.variants && !hasOwnStructure(shape);
}

function hasOwnStructure(shape: Shape): boolean {
  return (
    shape.properties.size > 0 ||
    shape.enumValues !== undefined ||
    shape.items !== undefined ||
    shape.additionalProperties !== undefined ||
    shape.closed
  );
}

/**
 * Compares the schemas of two versions of a spec, structurally: through `$ref`s, `allOf`, `oneOf`
 * and `anyOf`, with nullability normalised, and with the direction of the data deciding severity.
 *
 * Each pair of referenced schemas (per direction) is compared once, as a node of a graph whose
 * edges are the references below it; shared and recursive schemas cost one comparison. Reporting
 * walks that graph from each use site, breadth first, through the nodes that reach a change.
 */
export class SchemaComparer {
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private readonly index = new Map<string, number>();
  private readonly nodes: NodePair[] = [];
  private readonly findings: (Findings | undefined)[] = [];
  private readonly roots: { findings: Findings; location: string; once: boolean }[] = [];
  /** Use sites whose nodes `discover` has compared. */
  private discovered = 0;
  /** Each compared node's referrers. */
  private readonly parents: number[][] = [];
  /** The inline pairs being compared, outermost first (see compareStructure). */
  private readonly inline = new Set<string>();

  constructor(
    private readonly before: SchemaReader,
    private readonly after: SchemaReader,
  ) {}

  /**
   * Queues the comparison of two schemas used at `location` (e.g. `GET /orders › response 200`).
   * `once`: a change below it that another such use site reports already is not reported again
   * (for components no operation uses, which may reach each other by the thousand).
   */
  add(oldSchema: unknown, newSchema: unknown, direction: Direction, location: string, once = false): void {
    const root: Findings = { changes: [], edges: [] };
    this.compareUse(oldSchema, newSchema, direction, "", root, 0);
    this.roots.push({ findings: root, location, once });
  }

  /**
   * The changes of every queued comparison. A change inside a referenced schema is reported once
   * per use site that reaches it, at the shortest path from there.
   */
  changes(): SpecChange[] {
    this.discover();
    const parents = this.parents;
    const dirty = new Uint8Array(this.nodes.length);
    const pending: number[] = [];
    this.findings.forEach((f, n) => {
      if (f && f.changes.length > 0) {
        dirty[n] = 1;
        pending.push(n);
      }
    });
    while (pending.length > 0)
      for (const parent of parents[pending.pop()!] ?? [])
        if (!dirty[parent]) {
          dirty[parent] = 1;
          pending.push(parent);
        }
    const out: SpecChange[] = [];
    const seen = new Uint32Array(this.nodes.length);
    // Nodes reported under a `once` use site (see add).
    const onceSeen = new Uint8Array(this.nodes.length);
    this.roots.forEach(({ findings: root, location, once }, r) => {
      const queue: [Findings, string][] = [[root, location]];
      for (let head = 0; head < queue.length; head++) {
        const [findings, prefix] = queue[head]!;
        for (const c of findings.changes)
          out.push({ severity: c.severity, kind: c.kind, location: prefix + c.rel, message: c.message });
        for (const { node, rel } of findings.edges) {
          if (!dirty[node] || seen[node] === r + 1 || (once && onceSeen[node])) continue;
          seen[node] = r + 1;
          if (once) onceSeen[node] = 1;
          queue.push([this.findings[node]!, prefix + rel]);
        }
      }
    });
    return out;
  }

  /**
   * Whether the use sites queued so far (compared through) pass through both versions of a schema:
   * its old version in the old document and its new one in the new.
   */
  reaches(oldSchema: object, newSchema: object): boolean {
    this.discover();
    return this.before.hasPassed(oldSchema) && this.after.hasPassed(newSchema);
  }

  /**
   * Compares every node reachable from the queued use sites, noting each node's referrers (and
   * following their `$ref`s through the readers' resolvers). Called by `changes` and `reaches`.
   */
  discover(): void {
    const parents = this.parents;
    // From the use sites queued since the last call (the nodes below earlier ones are compared).
    const stack = this.roots.slice(this.discovered).flatMap((r) => r.findings.edges.map((e) => e.node));
    this.discovered = this.roots.length;
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (this.findings[n]) continue;
      const { before, after, direction } = this.nodes[n]!;
      const found: Findings = { changes: [], edges: [] };
      this.findings[n] = found;
      this.compareCores(before, after, direction, "", found, 0);
      for (const { node } of found.edges) {
        const referrers = parents[node] ?? [];
        referrers.push(n);
        parents[node] = referrers;
        stack.push(node);
      }
    }
  }

  private id(node: object): number {
    let id = this.ids.get(node);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(node, id);
    }
    return id;
  }

  /**
   * Compares two schemas as used at one place: nullability (unless `withNullability` is false, for
   * union branches, whose nullability is their union's), description, then structure.
   */
  private compareUse(
    a: unknown,
    b: unknown,
    dir: Direction,
    rel: string,
    out: Findings,
    depth: number,
    withNullability = true,
  ): void {
    const before = this.before.site(a);
    const after = this.after.site(b);
    const add = (severity: Severity, kind: string, message: string) =>
      out.changes.push({ severity, kind, rel, message });
    // Nullability means nothing on a schema that constrains nothing (`{}` admits null anyway).
    const typed =
      withNullability &&
      !unconstrained(this.before.shape(before.core)) &&
      !unconstrained(this.after.shape(after.core));
    if (typed && !before.nullable && after.nullable)
      add(
        severityOf("widened", dir),
        "became-nullable",
        dir === "response" ? "may now be null" : "now accepts null",
      );
    if (typed && before.nullable && !after.nullable)
      add(
        severityOf("narrowed", dir),
        "no-longer-nullable",
        dir === "request" ? "no longer accepts null" : "is no longer null",
      );
    if (before.description !== after.description) add("patch", "description-changed", "description changed");
    this.compareStructure(before, after, dir, rel, out, depth);
  }

  /** Defers referenced pairs to their own (cached) comparison; compares inline ones in place. */
  private compareStructure(
    a: UseSite,
    b: UseSite,
    dir: Direction,
    rel: string,
    out: Findings,
    depth: number,
  ): void {
    if (a.ref === undefined && b.ref === undefined) {
      // An inline schema that contains itself (a YAML alias): compared once on the way down.
      const pair = `${this.id(a.core)}:${this.id(b.core)}:${dir}`;
      if (this.inline.has(pair)) return;
      this.inline.add(pair);
      try {
        this.compareCores(a, b, dir, rel, out, depth + 1);
      } finally {
        this.inline.delete(pair);
      }
      return;
    }
    const key = `${this.id(a.core)}:${this.id(b.core)}:${dir}`;
    let node = this.index.get(key);
    if (node === undefined) {
      node = this.nodes.push({ before: a, after: b, direction: dir }) - 1;
      this.index.set(key, node);
    }
    out.edges.push({ node, rel });
  }

  private compareCores(
    a: UseSite,
    b: UseSite,
    dir: Direction,
    rel: string,
    out: Findings,
    depth: number,
  ): void {
    const add = (severity: Severity, kind: string, where: string, message: string) =>
      out.changes.push({ severity, kind, rel: where, message });
    if (depth > MAX_INLINE_DEPTH) {
      if (documentDifferences(a.core, b.core, 1).length > 0)
        add("breaking", "not-compared", rel, `nested deeper than ${MAX_INLINE_DEPTH} levels and changed`);
      return;
    }
    const A = this.before.shape(a.core);
    const B = this.after.shape(b.core);
    if ((A.variants || B.variants) && this.compareVariants(a, A, b, B, dir, rel, out, depth)) return;

    if (A.types && B.types) {
      const removed = [...A.types].filter((t) => !admits(B.types!, t)).sort();
      const added = [...B.types].filter((t) => !admits(A.types!, t)).sort();
      if (removed.length > 0 && added.length > 0) {
        const from = [...A.types].sort().join("|") || "null";
        add("breaking", "type-changed", rel, `type changed from ${from} to ${[...B.types].sort().join("|")}`);
        return;
      }
      if (added.length > 0)
        add(severityOf("widened", dir), "type-widened", rel, `may now also be ${added.join("|")}`);
      if (removed.length > 0)
        add(severityOf("narrowed", dir), "type-narrowed", rel, `may no longer be ${removed.join("|")}`);
    } else if (!A.types && B.types && !A.variants && !B.variants)
      add(
        severityOf("narrowed", dir),
        "type-added",
        rel,
        `now restricted to ${[...B.types].sort().join("|") || "null"}`,
      );
    else if (A.types && !B.types && !A.variants && !B.variants)
      add(severityOf("widened", dir), "type-removed", rel, "no longer restricted to a type");
    // Keywords no rule reads (a format, uniqueItems, multipleOf, not, …): what they do to a request
    // is unknown, so a change there is taken as breaking; in a response it is listed. Those that
    // shape the generated types (a tuple, an index signature, a `$defs` member) break either way.
    if (A.others !== B.others) {
      const keywords = changedKeywords(A.others, B.others);
      const typed = keywords.split(", ").some((k) => TYPED_KEYWORDS.has(k));
      add(
        dir === "request" || typed ? "breaking" : "patch",
        "keyword-changed",
        rel,
        `${keywords} changed (${typed ? "the generated types change: taken as breaking" : `no rule reads ${dir === "request" ? "it: taken as breaking" : "it"}`})`,
      );
    }

    this.compareEnums(A, B, dir, rel, out);
    this.compareProperties(A, B, dir, rel, out, depth);
    // A name required of a request without a property of its own (any value, but present).
    if (dir === "request")
      for (const name of B.required)
        if (!A.required.has(name) && !B.properties.has(name))
          add("breaking", "request-field-now-required", `${rel}.${name}`, "is now required");
    // The discriminator: which property names the branch, and by which values.
    const [da, db] = [A.variants?.discriminator, B.variants?.discriminator];
    if (da && db) {
      // A value gone (one added comes with its branch: variant-added); a renamed target is the
      // component's own change.
      const gone = [...da.mapping.keys()].filter((v) => !db.mapping.has(v)).sort();
      if (da.propertyName !== db.propertyName)
        add(
          "breaking",
          "discriminator-changed",
          rel,
          `is now told apart by ${db.propertyName}, not ${da.propertyName}`,
        );
      else if (gone.length > 0 && db.mapping.size > 0)
        add("breaking", "discriminator-changed", rel, `its discriminator no longer maps ${gone.join(", ")}`);
    }
    if (A.items !== undefined || B.items !== undefined)
      this.compareUse(A.items ?? {}, B.items ?? {}, dir, `${rel}[]`, out, depth);
    // Other properties' schema, where either side has one (none, and not closed, admits anything).
    if ((isObject(A.additionalProperties) || isObject(B.additionalProperties)) && !A.closed && !B.closed)
      this.compareUse(
        A.additionalProperties ?? {},
        B.additionalProperties ?? {},
        dir,
        `${rel}{}`,
        out,
        depth,
      );
    // Closing an object takes its index signature out of the generated type, in either direction.
    if (!A.closed && B.closed)
      add(
        "breaking",
        "closed-to-other-properties",
        rel,
        dir === "request" ? "no longer accepts other properties" : "no longer has other properties",
      );
    if (A.closed && !B.closed)
      add(
        severityOf("widened", dir),
        "open-to-other-properties",
        rel,
        dir === "request" ? "now accepts other properties" : "may now have other properties",
      );
    // The index signature the generated types give other properties (see Shape.indexed); closing
    // the object is reported above.
    if (!A.indexed && B.indexed && !A.closed)
      add("addition", "index-signature-added", rel, "takes other properties in the generated types");
    if (A.indexed && !B.indexed && !B.closed)
      add(
        "breaking",
        "index-signature-removed",
        rel,
        "no longer takes other properties in the generated types",
      );
    if (dir === "request") this.compareLimits(A, B, rel, out);
  }

  /** What a request may send, by its limits and pattern: tighter or new ones break callers. */
  private compareLimits(A: Shape, B: Shape, rel: string, out: Findings): void {
    const add = (severity: Severity, kind: string, message: string) =>
      out.changes.push({ severity, kind, rel, message });
    // A number's bounds, inclusive or not, as one bound a side (`exclusiveMinimum: 0` of an integer
    // is `minimum: 1`): a rewrite that admits the same values is no change.
    for (const side of ["minimum", "maximum"] as const) {
      const [x, y] = [bound(A, side), bound(B, side)];
      const word = side === "minimum" ? "raised" : "lowered";
      if (x === undefined && y !== undefined)
        add("breaking", `${side}-added`, `now has ${side} ${shownBound(y, side)}`);
      else if (x !== undefined && y === undefined)
        add("addition", `${side}-removed`, `no longer has ${side} ${shownBound(x, side)}`);
      else if (x !== undefined && y !== undefined && narrower(x, y, side))
        add(
          "breaking",
          `${side}-${word}`,
          `${side} ${word} from ${shownBound(x, side)} to ${shownBound(y, side)}`,
        );
    }
    for (const [keys, tighter, word] of [
      [UPPER_LIMITS, (x: number, y: number) => y < x, "lowered"],
      [LOWER_LIMITS, (x: number, y: number) => y > x, "raised"],
    ] as const)
      for (const k of keys) {
        if (BOUND_KEYS.has(k)) continue;
        const [x, y] = [A.limits[k], B.limits[k]];
        if (x === undefined && y !== undefined) add("breaking", `${k}-added`, `now has ${k} ${y}`);
        else if (x !== undefined && y === undefined)
          add("addition", `${k}-removed`, `no longer has ${k} ${x}`);
        else if (x !== undefined && y !== undefined && tighter(x, y))
          add("breaking", `${k}-${word}`, `${k} ${word} from ${x} to ${y}`);
      }
    if (A.pattern === B.pattern) return;
    if (B.pattern === undefined) add("addition", "pattern-removed", "no longer has to match a pattern");
    else
      add(
        "breaking",
        A.pattern === undefined ? "pattern-added" : "pattern-changed",
        A.pattern === undefined ? `now has to match ${B.pattern}` : `pattern changed to ${B.pattern}`,
      );
  }

  private compareEnums(A: Shape, B: Shape, dir: Direction, rel: string, out: Findings): void {
    const add = (severity: Severity, kind: string, message: string) =>
      out.changes.push({ severity, kind, rel, message });
    const [ea, eb] = [A.enumValues, B.enumValues];
    if (ea && eb) {
      const removed = [...ea.keys()].filter((k) => !eb.has(k));
      const added = [...eb.keys()].filter((k) => !ea.has(k));
      if (removed.length > 0) add("breaking", "enum-narrowed", `enum lost ${removed.join(", ")}`);
      if (added.length > 0) add("addition", "enum-widened", `enum gained ${added.join(", ")}`);
    } else if (!ea && eb) {
      add(dir === "request" ? "breaking" : "addition", "enum-added", "is now restricted to an enum");
    } else if (ea && !eb) {
      add(dir === "response" ? "breaking" : "addition", "enum-removed", "is no longer an enum");
    }
  }

  private compareProperties(
    A: Shape,
    B: Shape,
    dir: Direction,
    rel: string,
    out: Findings,
    depth: number,
  ): void {
    const add = (severity: Severity, kind: string, where: string, message: string) =>
      out.changes.push({ severity, kind, rel: where, message });
    for (const [name, schema] of A.properties) {
      const where = `${rel}.${name}`;
      const next = B.properties.get(name);
      if (next === undefined) {
        add("breaking", `${dir}-field-removed`, where, "removed");
        continue;
      }
      const [was, is] = [typedRequired(A, name), typedRequired(B, name)];
      // Required in the types, but not by `required`: for its default (see Shape.defaulted).
      const why =
        A.required.has(name) === B.required.has(name)
          ? is
            ? " (it has a default now: the generated types require it)"
            : " (its default is gone: the generated types make it optional)"
          : "";
      if (dir === "request" && !was && is)
        add("breaking", "request-field-now-required", where, `is now required${why}`);
      if (dir === "request" && was && !is)
        add("addition", "request-field-now-optional", where, `is now optional${why}`);
      if (dir === "response" && was && !is)
        add("breaking", "response-field-now-optional", where, `may now be absent${why}`);
      if (dir === "response" && !was && is)
        add("addition", "response-field-now-required", where, `is now always present${why}`);
      if (!A.readOnly.has(name) && B.readOnly.has(name))
        add("breaking", "field-now-read-only", where, "is now readOnly: `readonly` in the generated types");
      if (A.readOnly.has(name) && !B.readOnly.has(name))
        add("addition", "field-no-longer-read-only", where, "is no longer readOnly");
      this.compareUse(schema, next, dir, where, out, depth);
    }
    for (const name of B.properties.keys()) {
      if (A.properties.has(name)) continue;
      const where = `${rel}.${name}`;
      if (dir === "request" && typedRequired(B, name))
        add(
          "breaking",
          "request-field-added-required",
          where,
          B.required.has(name)
            ? "new required field"
            : "new field, required by the generated types for its default",
        );
      else add("addition", `${dir}-field-added`, where, "added");
    }
  }

  /**
   * Compares `oneOf`/`anyOf` branches. Returns true when the comparison is complete (a plain schema
   * against a union that has no shape of its own: the plain schema is taken as a one-branch union).
   */
  private compareVariants(
    a: UseSite,
    A: Shape,
    b: UseSite,
    B: Shape,
    dir: Direction,
    rel: string,
    out: Findings,
    depth: number,
  ): boolean {
    const discriminator = A.variants?.discriminator ?? B.variants?.discriminator;
    const alone = (site: UseSite, reader: SchemaReader): Branch[] => [
      readBranch(site.core, { ...site, nullable: false }, reader, discriminator),
    ];
    const unionOnly = (shape: Shape) => shape.variants !== undefined && !hasOwnStructure(shape);
    const bothUnions = A.variants !== undefined && B.variants !== undefined;
    if (!bothUnions && !unionOnly(A.variants ? A : B)) {
      const [severity, kind, message] = A.variants
        ? [
            severityOf("widened", dir),
            "union-removed",
            "no longer restricted to one of its oneOf/anyOf branches",
          ]
        : [severityOf("narrowed", dir), "union-added", "now restricted to one of new oneOf/anyOf branches"];
      out.changes.push({ severity, kind, rel, message });
      return false;
    }
    const oldBranches = A.variants
      ? readBranches(A.variants.branches, this.before, discriminator)
      : alone(a, this.before);
    const newBranches = B.variants
      ? readBranches(B.variants.branches, this.after, discriminator)
      : alone(b, this.after);
    const { pairs, removed, added } = matchBranches(oldBranches, newBranches);
    for (const branch of removed)
      out.changes.push({
        severity: severityOf("narrowed", dir),
        kind: "variant-removed",
        rel,
        message: dir === "request" ? `no longer accepts ${branch.label}` : `is no longer ${branch.label}`,
      });
    for (const branch of added)
      out.changes.push({
        severity: severityOf("widened", dir),
        kind: "variant-added",
        rel,
        message: dir === "request" ? `now also accepts ${branch.label}` : `may now be ${branch.label}`,
      });
    for (const [x, y] of pairs) {
      if (bothUnions) this.compareUse(x.raw, y.raw, dir, `${rel}<${y.label}>`, out, depth, false);
      else this.compareStructure(x.site, y.site, dir, rel, out, depth);
    }
    return !bothUnions;
  }
}

/** Whether the generated types require property `name` of `shape`: listed in `required`, or for its default. */
function typedRequired(shape: Shape, name: string): boolean {
  return shape.required.has(name) || shape.defaulted.has(name);
}
