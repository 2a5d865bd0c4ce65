import { isObject } from "./model.js";
import type { SchemaReader, Shape, UseSite, Variants } from "./normalize.js";
import { refName } from "./refs.js";

/** One branch of a `oneOf`/`anyOf`, read for matching. */
export interface Branch {
  raw: unknown;
  site: UseSite;
  shape: Shape;
  /** How locations name the branch: the `$ref` name, else its values or types (`<string>`). */
  label: string;
  /** The discriminator values that select this branch. */
  tags: ReadonlySet<string>;
  /** Properties that hold one fixed value (`type: {const: "card"}`), which tell branches apart. */
  constants: ReadonlyMap<string, string>;
}

/** The branches of two unions, paired up. */
export interface BranchMatch {
  pairs: [Branch, Branch][];
  removed: Branch[];
  added: Branch[];
}

/**
 * How a location names a branch: its `$ref` name, else its title, else the `$ref` names of its
 * `allOf` members, else its first fixed-value property (`kind=card`), else its types.
 */
function labelOf(site: UseSite, shape: Shape, constants: ReadonlyMap<string, string>): string {
  if (site.ref !== undefined) return refName(site.ref);
  if (typeof site.core.title === "string") return site.core.title;
  const members = Array.isArray(site.core.allOf) ? site.core.allOf : [];
  const refs = members.map((m) => (isObject(m) && typeof m.$ref === "string" ? refName(m.$ref) : ""));
  if (refs.length > 0 && refs.every(Boolean)) return refs.join("+");
  const [fixed] = constants;
  if (fixed) return `${fixed[0]}=${fixed[1].replace(/^"(.*)"$/, "$1")}`;
  return typesLabel(shape);
}

function constantsOf(shape: Shape, reader: SchemaReader): Map<string, string> {
  const constants = new Map<string, string>();
  for (const [name, property] of shape.properties) {
    const values = reader.shape(reader.site(property).core).enumValues;
    if (values?.size === 1) constants.set(name, [...values.keys()][0]!);
  }
  return constants;
}

function typesLabel(shape: Shape): string {
  if (!shape.types) return shape.variants ? "union" : "any";
  return shape.types.size === 0 ? "null" : [...shape.types].sort().join("|");
}

function tagsOf(
  site: UseSite,
  shape: Shape,
  reader: SchemaReader,
  discriminator: Variants["discriminator"],
): Set<string> {
  const tags = new Set<string>();
  if (!discriminator) return tags;
  const name = site.ref === undefined ? undefined : refName(site.ref);
  // Mapping targets are `$ref`s or bare schema names; both end in the schema name.
  for (const [value, ref] of discriminator.mapping) if (refName(ref) === name) tags.add(value);
  const property = shape.properties.get(discriminator.propertyName);
  if (tags.size === 0 && property !== undefined) {
    const values = reader.shape(reader.site(property).core).enumValues;
    for (const v of values?.values() ?? []) if (typeof v === "string") tags.add(v);
  }
  if (tags.size === 0 && name !== undefined && discriminator.mapping.size === 0) tags.add(name);
  return tags;
}

/** Reads one branch of a union (or a plain schema standing in for a one-branch union). */
export function readBranch(
  raw: unknown,
  site: UseSite,
  reader: SchemaReader,
  discriminator: Variants["discriminator"],
): Branch {
  const shape = reader.shape(site.core);
  const constants = constantsOf(shape, reader);
  return {
    raw,
    site,
    shape,
    label: labelOf(site, shape, constants),
    tags: tagsOf(site, shape, reader, discriminator),
    constants,
  };
}

/**
 * Reads the branches of a union. `discriminator` is the one in force on either side, so that both
 * sides' branches are tagged with the same property.
 */
export function readBranches(
  raws: readonly unknown[],
  reader: SchemaReader,
  discriminator: Variants["discriminator"],
): Branch[] {
  const branches = raws.map((raw) => readBranch(raw, reader.site(raw), reader, discriminator));
  const counts = new Map<string, number>();
  for (const b of branches) counts.set(b.label, (counts.get(b.label) ?? 0) + 1);
  return branches.map((b, i) =>
    (counts.get(b.label) ?? 0) > 1 ? { ...b, label: `${b.label}#${i + 1}` } : b,
  );
}

/** Whether two type sets can hold a common value (an integer is a number). */
function typesOverlap(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return true;
  if (a.size === 0 || b.size === 0) return a.size === b.size;
  for (const t of a) {
    if (b.has(t)) return true;
    if ((t === "integer" && b.has("number")) || (t === "number" && b.has("integer"))) return true;
  }
  return false;
}

function jaccard(a: Iterable<string>, b: Iterable<string>): number {
  const x = new Set(a);
  const y = new Set(b);
  if (x.size === 0 && y.size === 0) return 0;
  let common = 0;
  for (const k of x) if (y.has(k)) common++;
  return common / (x.size + y.size - common);
}

/** How alike two branches look, or -1 when they cannot be the same branch. */
function likeness(x: Branch, y: Branch): number {
  const [a, b] = [x.shape, y.shape];
  if (!typesOverlap(a.types, b.types)) return -1;
  let fixed = 0;
  for (const [name, value] of x.constants) {
    const other = y.constants.get(name);
    if (other === undefined) continue;
    if (other !== value) return -1;
    fixed += 4;
  }
  let score = fixed + 1 + 2 * jaccard(a.properties.keys(), b.properties.keys());
  if (a.enumValues && b.enumValues) {
    const overlap = jaccard(a.enumValues.keys(), b.enumValues.keys());
    if (overlap === 0) return -1;
    score += 2 * overlap;
  }
  return sameTypes(a.types, b.types) ? score + 0.5 : score;
}

function sameTypes(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  return a !== undefined && b !== undefined && a.size === b.size && [...a].every((t) => b.has(t));
}

/**
 * Pairs the branches of an old and a new union: first by `$ref` name, then by discriminator value,
 * then by shape (compatible types, shared property names and enum values), best pairs first.
 */
export function matchBranches(oldBranches: readonly Branch[], newBranches: readonly Branch[]): BranchMatch {
  const pairs: [Branch, Branch][] = [];
  const oldLeft = new Set(oldBranches);
  const newLeft = new Set(newBranches);
  const pair = (a: Branch, b: Branch) => {
    pairs.push([a, b]);
    oldLeft.delete(a);
    newLeft.delete(b);
  };
  const byKey = (key: (b: Branch) => Iterable<string>) => {
    for (const a of [...oldLeft]) {
      const keys = new Set(key(a));
      const b = [...newLeft].find((n) => [...key(n)].some((k) => keys.has(k)));
      if (b) pair(a, b);
    }
  };
  byKey((b) => (b.site.ref !== undefined ? [refName(b.site.ref)] : []));
  byKey((b) => b.tags);
  const candidates: [number, Branch, Branch][] = [];
  for (const a of oldLeft)
    for (const b of newLeft) {
      const score = likeness(a, b);
      if (score >= 0) candidates.push([score, a, b]);
    }
  candidates.sort((x, y) => y[0] - x[0]);
  for (const [, a, b] of candidates) if (oldLeft.has(a) && newLeft.has(b)) pair(a, b);
  return { pairs, removed: [...oldLeft], added: [...newLeft] };
}
