import { canonicalJson, documentDifferences, escapePointer, unescapePointer } from "./canonical.js";
import {
  type Direction,
  isObject,
  type JsonObject,
  parameterKey,
  type Severity,
  type SpecChange,
  type SpecDiff,
} from "./model.js";
import { SchemaReader, typedDefaults } from "./normalize.js";
import {
  asArray,
  collectOperations,
  METHODS,
  matchOperations,
  type Operation,
  type OperationMatch,
  type OperationPair,
} from "./paths.js";
import { readLog } from "./read-log.js";
import { createResolver, type Dereferenced, pointerKeys, type Resolver } from "./refs.js";
import { SchemaComparer } from "./schema-compare.js";

export type { Direction, Severity, SpecChange, SpecDiff } from "./model.js";

/** How many unclassified differences are listed at most. */
const MAX_UNCLASSIFIED = 50;

/**
 * The parts of a document the comparison reads (each operation, every schema an operation reaches,
 * the components' names, security, the OpenAPI version) or that change no type or request (`info`):
 * a difference inside them that no rule classified is listed when nothing else changed, or when no
 * rule read it (documentation and `info` aside). A difference anywhere else (servers, tags,
 * webhooks, `x-` extensions, a component kind not compared) is always listed.
 */
const COMPARED =
  /^#\/(openapi|info|paths|webhooks|security|components\/(schemas|parameters|requestBodies|responses|headers|pathItems|securitySchemes))(\/|$)/;

/** In a webhook: a media type's schema of its request body or a response (compared as schemas). */
const WEBHOOK_MEDIA_SCHEMA = /^#\/[^/]+\/(requestBody|responses\/[^/]+)\/content\/[^/]+\/schema$/;
/** In a request body or response a webhook names by `$ref`: a media type's schema. */
const NAMED_MEDIA_SCHEMA = /^#\/content\/[^/]+\/schema$/;
/** The location of a response or request body compared as a component (see `unusedComponents`). */
const COMPONENT_BODY = /^components › (responses|requestBodies) › /;

/** Matches no pointer. */
const NOTHING = /(?!)/;
/** Keys whose members are names (of fields, media types, statuses, headers), not keywords. */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "headers",
  "content",
  "responses",
  "webhooks",
  "paths",
  "mapping",
]);
/**
 * Keywords of an operation, parameter, body or response that no generated type holds (they matter
 * to the exchange, or to docs): a change there is listed as other, not weighed.
 */
const UNTYPED_KEYWORDS = new Set([
  "links",
  "encoding",
  "tags",
  "callbacks",
  "deprecated",
  "style",
  "explode",
  "allowReserved",
  "allowEmptyValue",
  "servers",
  "security",
]);

/**
 * Whether a pointer is inside what no generated type holds: an extension (`x-…`, schemas' too), or
 * one of the {@link UNTYPED_KEYWORDS} outside a schema (`deprecated` inside one too: a comment).
 */
function untyped(pointer: string): boolean {
  return keywordAt(
    pointer,
    (key, inSchema) =>
      key.startsWith("x-") || key === "deprecated" || (!inSchema && UNTYPED_KEYWORDS.has(key)),
  );
}

/** Whether a pointer is inside documentation: a description, summary, title, example or external docs. */
function documented(pointer: string): boolean {
  return keywordAt(pointer, (key) => DOCUMENTATION_SET.has(key));
}

/** The keywords of documentation: a description, summary, title, example or external docs. */
const DOCUMENTATION_KEYWORDS = ["description", "summary", "title", "example", "examples", "externalDocs"];
const DOCUMENTATION_SET = new Set(DOCUMENTATION_KEYWORDS);

/**
 * Keywords whose value is data (typed as literals, or read as they are), not keywords and names.
 * Examples are data too, but documentation first.
 */
const DATA_KEYWORDS = new Set([
  "const",
  "enum",
  "default",
  "required",
  "discriminator",
  "xml",
  "example",
  "examples",
]);

/**
 * Whether a key of `pointer` that is a keyword passes `test`. A key right after a keyword of
 * {@link NAME_MAPS} is a name (a field, a media type, a status), and what is under a
 * {@link DATA_KEYWORDS} member is data: neither is a keyword.
 */
function keywordAt(pointer: string, test: (key: string, inSchema: boolean) => boolean): boolean {
  let inSchema = false;
  let name = false;
  for (const key of pointer.split("/").slice(1)) {
    if (name) {
      name = false;
      continue;
    }
    if (key === "schema") inSchema = true;
    if (test(key, inSchema)) return true;
    if (DATA_KEYWORDS.has(key)) return false;
    name = NAME_MAPS.has(key);
  }
  return false;
}

/** A pointer to documentation (its last key one of {@link DOCUMENTATION_KEYWORDS}). */
const DOCUMENTATION = new RegExp(`/(${DOCUMENTATION_KEYWORDS.join("|")})$`);

/** The component kinds whose every entry is a name in the generated types (`components["schemas"]["Order"]`). */
const TYPED_COMPONENTS = ["schemas", "parameters", "requestBodies", "responses", "headers", "pathItems"];

const SEVERITY_ORDER: Record<Severity, number> = { breaking: 0, addition: 1, patch: 2 };

/** Where an operation's request and response schemas are compared; an unused component's, both ways. */
const REQUEST: readonly Direction[] = ["request"];
const RESPONSE: readonly Direction[] = ["response"];
const BOTH_WAYS: readonly Direction[] = ["request", "response"];

function content(value: unknown): JsonObject {
  return isObject(value) && isObject(value.content) ? value.content : {};
}

/** The schema of a parameter or header: its own, or its one media type's (`content`). */
function parameterSchema(p: unknown): unknown {
  if (!isObject(p)) return {};
  if (p.schema !== undefined) return p.schema;
  const [media] = Object.values(content(p));
  return schemaOf(media);
}

function schemaOf(media: unknown): unknown {
  return isObject(media) ? (media.schema ?? {}) : {};
}

/** Compares the two versions of one operation. */
class OperationDiff {
  constructor(
    private readonly schemas: SchemaComparer,
    private readonly resolveOld: Resolver,
    private readonly resolveNew: Resolver,
    private readonly changes: SpecChange[],
    /** The documents' own security requirements (old, new). */
    private readonly security: [unknown, unknown],
  ) {}

  /**
   * The components (by their keys, as JSON) that some use site compared with themselves: named at
   * one place in both versions, by the `$ref` written there or the last one crossed (however each
   * is spelled). Only those are done with; one used elsewhere in each version is compared on its
   * own as well (see `unusedComponents`).
   */
  readonly paired = new Set<string>();

  /**
   * Notes the components that the values `rawX` and `rawY` (old and new, at one place) name in
   * both versions, `x` and `y` being them resolved.
   */
  pair(rawX: unknown, rawY: unknown, x: Dereferenced, y: Dereferenced): void {
    const first = (raw: unknown) => (isObject(raw) ? refKey(raw.$ref) : undefined);
    for (const [a, b] of [
      [first(rawX), first(rawY)],
      [refKey(x.ref), refKey(y.ref)],
    ])
      if (a !== undefined && a === b) this.paired.add(a);
  }

  private add(severity: Severity, kind: string, location: string, message: string): void {
    this.changes.push({ severity, kind, location, message });
  }

  /**
   * The operations of two versions, paired (`matchOperations`): each pair compared, and those
   * removed (breaking) or added. `security`: as in {@link run}.
   */
  runAll({ pairs, removed, added }: OperationMatch, security = true): void {
    for (const op of removed) this.add("breaking", "operation-removed", op.id, "operation removed");
    for (const pair of pairs) this.run(pair, security);
    for (const op of added) this.add("addition", "operation-added", op.id, "operation added");
  }

  /** `security`: false where no request is sent (a path item nothing uses): not weighed. */
  run({ before, after, renamed }: OperationPair, security = true): void {
    const id = after.id;
    const [a, b] = [before.op, after.op];
    if (renamed) {
      const names = [...renamed].filter(([x, y]) => x !== y).map(([x, y]) => `{${x}} → {${y}}`);
      this.add(
        "breaking",
        "path-parameter-renamed",
        id,
        `path parameter renamed: was ${before.path} (${names.join(", ")})`,
      );
    }
    if (!a.deprecated && b.deprecated)
      this.add("addition", "operation-deprecated", id, "operation deprecated");
    if (a.operationId !== b.operationId)
      this.add(
        "breaking",
        "operation-id-changed",
        id,
        `operationId changed from ${String(a.operationId)} to ${String(b.operationId)}`,
      );
    if (a.summary !== b.summary || a.description !== b.description)
      this.add("patch", "operation-docs-changed", id, "summary or description changed");
    // Its own requirement, or the document's where it has none, on either side.
    if (security && (a.security !== undefined || b.security !== undefined))
      this.changes.push(
        ...securityChanges(a.security ?? this.security[0], b.security ?? this.security[1], id),
      );
    this.parameters(before, after, renamed);
    this.requestBody(id, a, b);
    this.responses(id, a, b);
  }

  private parameters(before: Operation, after: Operation, renamed: ReadonlyMap<string, string> | undefined) {
    const id = after.id;
    const oldKey = (p: JsonObject) =>
      p.in === "path" && renamed?.has(String(p.name))
        ? `path:${renamed.get(String(p.name))}`
        : parameterKey(p);
    const mapA = new Map(before.params.map((p) => [oldKey(p), p]));
    const mapB = new Map(after.params.map((p) => [parameterKey(p), p]));
    this.parameterMaps(`${id} › parameter`, mapA, mapB);
  }

  /**
   * The parameters a path item gives its operations (`parameters` beside the methods) that no
   * operation's comparison weighs: those an operation overrides with its own (in either version),
   * or all of them when either version has no operation. They are a type of their own all the same
   * (`paths["/x"]["parameters"]`).
   */
  itemParameters(location: string, itemA: unknown, itemB: unknown): void {
    if (!isObject(itemA) || !isObject(itemB)) return;
    const params = (list: unknown, resolve: Resolver) =>
      asArray(list)
        .map((p) => resolve.deref(p).node)
        .filter(isObject);
    const overridden = (item: JsonObject, resolve: Resolver) => {
      const keys = new Set<string>();
      let operations = 0;
      for (const method of METHODS) {
        const op = item[method];
        if (!isObject(op)) continue;
        operations++;
        for (const p of params(op.parameters, resolve)) keys.add(parameterKey(p));
      }
      return { keys, operations };
    };
    const [oa, ob] = [overridden(itemA, this.resolveOld), overridden(itemB, this.resolveNew)];
    const weighed = (k: string) =>
      oa.operations === 0 || ob.operations === 0 || oa.keys.has(k) || ob.keys.has(k);
    const map = (item: JsonObject, resolve: Resolver) =>
      new Map(
        params(item.parameters, resolve)
          .map((p) => [parameterKey(p), p] as const)
          .filter(([k]) => weighed(k)),
      );
    this.parameterMaps(
      `${location} › path parameter`,
      map(itemA, this.resolveOld),
      map(itemB, this.resolveNew),
    );
  }

  /** Two versions of a set of parameters, by `in:name`, at `at` (`GET /x › parameter`). */
  private parameterMaps(at: string, mapA: Map<string, JsonObject>, mapB: Map<string, JsonObject>): void {
    for (const [k, p] of mapA) {
      const q = mapB.get(k);
      const loc = `${at} ${k}`;
      if (!q) {
        this.add("breaking", "parameter-removed", loc, "parameter removed");
        continue;
      }
      if (!p.required && q.required) this.add("breaking", "parameter-now-required", loc, "is now required");
      if (p.required && !q.required) this.add("addition", "parameter-now-optional", loc, "is now optional");
      this.schemas.add(parameterSchema(p), parameterSchema(q), "request", loc);
    }
    for (const [k, q] of mapB) {
      if (mapA.has(k)) continue;
      const loc = `${at} ${k}`;
      if (q.required) this.add("breaking", "parameter-added-required", loc, "new required parameter");
      else this.add("addition", "parameter-added", loc, "new optional parameter");
    }
  }

  private requestBody(id: string, a: JsonObject, b: JsonObject): void {
    const [da, db] = [this.resolveOld.deref(a.requestBody), this.resolveNew.deref(b.requestBody)];
    this.pair(a.requestBody, b.requestBody, da, db);
    const [bodyA, bodyB] = [da.node, db.node];
    const requiredA = isObject(bodyA) && bodyA.required === true;
    const requiredB = isObject(bodyB) && bodyB.required === true;
    if (!bodyA && bodyB && requiredB)
      this.add("breaking", "request-body-added", id, "now requires a request body");
    if (!bodyA && bodyB && !requiredB && Object.keys(content(bodyB)).length > 0)
      this.add("addition", "request-body-added", id, "now takes an optional request body");
    if (bodyA && bodyB && !requiredA && requiredB)
      this.add("breaking", "request-body-now-required", id, "the request body is now required");
    if (bodyA && bodyB && requiredA && !requiredB)
      this.add("addition", "request-body-now-optional", id, "the request body is now optional");
    this.bodyMedia(id, bodyA, bodyB, REQUEST);
  }

  /**
   * The media types of the request body of `owner` (resolved; `undefined` where there is none):
   * added, removed, and their schemas queued in `directions`.
   */
  bodyMedia(owner: string, bodyA: unknown, bodyB: unknown, directions: readonly Direction[]): void {
    const location = `${owner} › request`;
    const mediaA = content(bodyA);
    const mediaB = content(bodyB);
    // Another media type a request may send: a body where there was none takes one more argument.
    for (const media of lacking(mediaB, mediaA))
      if (bodyA && Object.keys(mediaA).length === 0)
        this.add("breaking", "request-media-added", `${location} ${media}`, "now takes a request body");
      else if (bodyA) this.add("addition", "request-media-added", `${location} ${media}`, "new media type");
    // A body gone (or left with no media type): the generated request body type goes with it.
    if (bodyA && (!bodyB || (Object.keys(mediaA).length > 0 && Object.keys(mediaB).length === 0)))
      this.add("breaking", "request-body-removed", owner, "no longer takes a request body");
    for (const [media, m] of Object.entries(mediaA)) {
      const n = Object.hasOwn(mediaB, media) ? mediaB[media] : undefined;
      if (n === undefined) {
        if (Object.keys(mediaB).length > 0)
          this.add("breaking", "request-media-removed", `${location} ${media}`, "media type removed");
        continue;
      }
      this.queue(schemaOf(m), schemaOf(n), directions, this.at(location, media));
    }
  }

  /**
   * Where a media type's schema changes are listed: the operation's request or response, and for
   * a response or request body compared as a component, its media type too (each is its own type
   * there).
   */
  private at(location: string, media: string): string {
    return COMPONENT_BODY.test(location) ? `${location} ${media}` : location;
  }

  /** Queues the comparison of two schemas both ways, as an unused component's. */
  schemasBothWays(a: unknown, b: unknown, location: string): void {
    this.queue(a, b, BOTH_WAYS, location);
  }

  /** Queues the comparison of two schemas: in one direction, or in both (`once`, as unused components are). */
  private queue(a: unknown, b: unknown, directions: readonly Direction[], location: string): void {
    for (const direction of directions) this.schemas.add(a, b, direction, location, directions.length > 1);
  }

  /** A response's headers: each is read by the client as a field of the response. */
  private headers(location: string, ra: unknown, rb: unknown, directions: readonly Direction[]): void {
    // Each header, resolved, and whether the generated types require it: openapi-typescript
    // requires a header given by `$ref` whatever it says, and an inline one when it is `required`.
    const present = new Map<unknown, boolean>();
    // Each header's names as written (one, unless it is given twice), by its name in lower case
    // (how HTTP compares them).
    const spelled = new Map<JsonObject, Map<string, string>>();
    const of = (r: unknown, resolve: Resolver): JsonObject => {
      const h = isObject(r) && isObject(r.headers) ? r.headers : {};
      const names = new Map<string, string>();
      for (const k of Object.keys(h).sort()) {
        const lower = k.toLowerCase();
        names.set(lower, names.has(lower) ? `${names.get(lower)} and ${k}` : k);
      }
      const out = Object.fromEntries(
        Object.entries(h).map(([k, v]) => {
          const header = resolve.deref(v).node;
          present.set(
            header,
            (isObject(v) && typeof v.$ref === "string") || (isObject(header) && header.required === true),
          );
          return [k.toLowerCase(), header];
        }),
      );
      spelled.set(out, names);
      return out;
    };
    const [a, b] = [of(ra, this.resolveOld), of(rb, this.resolveNew)];
    // A name spelled otherwise (`X-Rate` → `x-rate`), or no longer given twice, is the same header
    // on the wire, but another key (or one key fewer) of the generated type.
    for (const [name, written] of spelled.get(a) ?? [])
      if (Object.hasOwn(b, name) && spelled.get(b)?.get(name) !== written)
        this.add(
          "breaking",
          "response-header-renamed",
          `${location} › header ${name}`,
          `spelled ${spelled.get(b)?.get(name)}, not ${written}: its key in the generated types changes`,
        );
    for (const name of lacking(a, b))
      this.add("breaking", "response-header-removed", `${location} › header ${name}`, "header removed");
    for (const name of lacking(b, a))
      this.add("addition", "response-header-added", `${location} › header ${name}`, "new header");
    for (const [name, header] of Object.entries(a)) {
      if (!Object.hasOwn(b, name)) continue;
      const [was, is] = [present.get(header) === true, present.get(b[name]) === true];
      const where = `${location} › header ${name}`;
      if (was && !is) this.add("breaking", "response-header-now-optional", where, "may now be absent");
      if (!was && is) this.add("addition", "response-header-now-required", where, "is now always present");
      this.queue(parameterSchema(header), parameterSchema(b[name]), directions, where);
    }
  }

  /**
   * One response (resolved) at `location`: its headers and media types added or removed, their
   * schemas queued in `directions`.
   */
  response(location: string, ra: unknown, rb: unknown, directions: readonly Direction[]): void {
    this.headers(location, ra, rb, directions);
    const mediaB = content(rb);
    for (const [media, m] of Object.entries(content(ra))) {
      const n = Object.hasOwn(mediaB, media) ? mediaB[media] : undefined;
      if (n === undefined) {
        this.add("breaking", "response-media-removed", `${location} ${media}`, "media type removed");
        continue;
      }
      this.queue(schemaOf(m), schemaOf(n), directions, this.at(location, media));
    }
    // Another media type answered: the response's type in the client (openapi-fetch's `data`)
    // becomes a union of the media types' bodies, which code reading one of them must narrow.
    for (const media of lacking(mediaB, content(ra)))
      this.add(
        "breaking",
        "response-media-added",
        `${location} ${media}`,
        "new media type: the response's type becomes a union of its bodies",
      );
  }

  private responses(id: string, a: JsonObject, b: JsonObject): void {
    const respA = isObject(a.responses) ? a.responses : {};
    const respB = isObject(b.responses) ? b.responses : {};
    // Every status, errors too: the client reads error bodies (their codes and messages) as well.
    for (const [code, raw] of Object.entries(respA)) {
      const da = this.resolveOld.deref(raw);
      const db = Object.hasOwn(respB, code) ? this.resolveNew.deref(respB[code]) : undefined;
      if (db) this.pair(raw, respB[code], da, db);
      const [ra, rb] = [da.node, db?.node];
      if (rb === undefined) {
        this.add(
          "breaking",
          "response-removed",
          `${id} › response ${code}`,
          /^2/.test(code) ? "success response removed" : "response removed",
        );
        continue;
      }
      this.response(`${id} › response ${code}`, ra, rb, RESPONSE);
    }
    // A new response of a class the operation already answers with (success, or error): the
    // client's `data` (or `error`) becomes the union of the class's bodies, which code reading the
    // old one must narrow, unless it answers with the same body as one of them.
    // (A body that contains itself, through a YAML alias, has no JSON: taken as no peer's.)
    const bodyOf = (r: unknown) => {
      try {
        return canonicalJson(
          Object.entries(content(this.resolveNew.deref(r).node))
            .map(([media, m]) => [media, withoutDocs(schemaOf(m))])
            .sort(([x], [y]) => String(x).localeCompare(String(y))),
        );
      } catch {
        return undefined;
      }
    };
    for (const code of Object.keys(respB)) {
      if (Object.hasOwn(respA, code)) continue;
      const kind = statusClass(code);
      const peers = Object.keys(respA).filter((c) => Object.hasOwn(respB, c) && statusClass(c) === kind);
      const location = `${id} › response ${code}`;
      const body = bodyOf(respB[code]);
      if (
        kind === "other" ||
        peers.length === 0 ||
        (body !== undefined && peers.some((c) => bodyOf(respB[c]) === body))
      )
        this.add(
          "addition",
          "response-added",
          location,
          kind === "success" ? "new success response" : "new response",
        );
      else
        this.add(
          "breaking",
          "response-added",
          location,
          `new ${kind} response with another body: the client's \`${kind === "success" ? "data" : "error"}\` becomes a union of the bodies`,
        );
    }
  }
}

/**
 * Compares two versions of a spec and classifies every change that matters to the generated types
 * and the client: breaking (major), addition (minor) or other (patch). Schemas are compared
 * structurally through `$ref`, `allOf`, `oneOf` and `anyOf`, with OpenAPI 3.0 and 3.1 nullability
 * read alike; a request that narrows or a response that widens is breaking. When nothing is
 * classified but the documents still differ (beyond key order and the order of `required`, `enum`,
 * `type` and `parameters`), the differences are listed as other changes. Identical documents bump `none`.
 */
export function diffSpecs(oldGiven: JsonObject, newGiven: JsonObject): SpecDiff {
  const changes: SpecChange[] = [];
  // Plain copies: a frozen document, or one whose getters give new objects each time, would keep
  // the read log from noting what the rules read, and its identities from holding.
  const [oldSpec, newSpec] = [plainCopy(oldGiven), plainCopy(newGiven)];
  // The rules read the documents through logs of what they read: a difference no rule read is
  // listed (below).
  const [oldLog, newLog] = [readLog(oldSpec), readLog(newSpec)];
  const [oldDoc, newDoc] = [oldLog.doc, newLog.doc];
  const resolveOld = createResolver(oldDoc);
  const resolveNew = createResolver(newDoc);
  const [typedOld, typedNew] = [typedDefaults(oldSpec), typedDefaults(newSpec)];
  const schemas = new SchemaComparer(
    new SchemaReader(resolveOld, (node) => typedOld(oldLog.unwrap(node))),
    new SchemaReader(resolveNew, (node) => typedNew(newLog.unwrap(node))),
  );
  if (oldDoc.openapi !== newDoc.openapi)
    changes.push({
      severity: "patch",
      kind: "openapi-version-changed",
      location: "openapi",
      message: `OpenAPI version changed from ${String(oldDoc.openapi)} to ${String(newDoc.openapi)}`,
    });
  const operations = new OperationDiff(schemas, resolveOld, resolveNew, changes, [
    oldDoc.security,
    newDoc.security,
  ]);
  operations.runAll(
    matchOperations(collectOperations(oldDoc, resolveOld), collectOperations(newDoc, resolveNew)),
  );
  const [pathsA, pathsB] = [oldDoc.paths, newDoc.paths].map((p) => (isObject(p) ? p : {})) as [
    JsonObject,
    JsonObject,
  ];
  for (const path of Object.keys(pathsA))
    if (Object.hasOwn(pathsB, path))
      operations.itemParameters(
        path,
        resolveOld.deref(pathsA[path]).node,
        resolveNew.deref(pathsB[path]).node,
      );
  append(
    changes,
    webhookSchemas(oldDoc, newDoc, resolveOld, resolveNew, schemas, (...named) => operations.pair(...named)),
  );
  unusedComponents(oldDoc, newDoc, resolveOld, resolveNew, operations);
  unreachedSchemas(oldDoc, newDoc, schemas, [resolveOld, resolveNew]);
  append(changes, schemas.changes());
  append(changes, componentChanges(oldDoc, newDoc));
  append(changes, webhookChanges(oldDoc, newDoc));
  append(changes, discriminatorChanges(oldSpec, newSpec));

  // Beside classified changes, a difference inside what the comparison reads is listed when no
  // rule read it (a parameter's `style`, an operation's `servers` or `callbacks`), but for `info`
  // and documentation.
  const report =
    changes.length > 0
      ? (pointer: string) =>
          !COMPARED.test(pointer) ||
          (!/^#\/info(\/|$)/.test(pointer) &&
            !DOCUMENTATION.test(pointer) &&
            !oldLog.wasRead(pointer) &&
            !newLog.wasRead(pointer))
      : undefined;
  for (const pointer of documentDifferences(oldSpec, newSpec, MAX_UNCLASSIFIED, undefined, report))
    changes.push({
      severity: "patch",
      kind: "unclassified-change",
      location: pointer,
      message: "changed (no rule classifies it: check whether it matters)",
    });

  // A change found both ways at one place (an unreached component's: `request-field-removed` and
  // `response-field-removed`, say) is listed once.
  const listed = new Set<string>();
  const unique = changes.filter((c) => {
    const key = `${c.severity}\u0000${c.location}\u0000${c.message}`;
    if (listed.has(key)) return false;
    listed.add(key);
    return true;
  });
  changes.length = 0;
  append(changes, unique);
  changes.sort(
    (x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || x.location.localeCompare(y.location),
  );
  const has = (severity: Severity) => changes.some((c) => c.severity === severity);
  const bump = has("breaking") ? "major" : has("addition") ? "minor" : changes.length > 0 ? "patch" : "none";
  return { changes, bump };
}

/**
 * Queues the schemas of the webhooks both versions have: what a webhook's request carries is what
 * its handler reads (compared as a response), and what its responses carry is what the handler
 * sends back (compared as a request). Media types and statuses added or taken away are listed.
 */
function webhookSchemas(
  oldDoc: JsonObject,
  newDoc: JsonObject,
  resolveOld: Resolver,
  resolveNew: Resolver,
  schemas: SchemaComparer,
  /** Notes a component a webhook names by the same `$ref` in both versions (compared here). */
  samePlace: (rawX: unknown, rawY: unknown, x: Dereferenced, y: Dereferenced) => void,
): SpecChange[] {
  const out: SpecChange[] = [];
  const hooks = (doc: JsonObject) => (isObject(doc.webhooks) ? doc.webhooks : {});
  const [was, is] = [hooks(oldDoc), hooks(newDoc)];
  const media = (owner: unknown, resolve: Resolver) => content(resolve.deref(owner).node);
  // Anything of a webhook that changed but its media types' schemas (compared below) and its
  // documentation: the webhook's generated types change in ways no rule here weighs, so each is
  // taken as breaking. Extensions, links and encodings outside schemas are in no type: listed as
  // other changes.
  const changed = (
    x: unknown,
    y: unknown,
    mediaSchema: RegExp,
    where: (pointer: string) => { location: string; message: string },
  ) => {
    for (const pointer of documentDifferences(
      x,
      y,
      MAX_UNCLASSIFIED,
      (p) => mediaSchema.test(p) || documented(p),
    )) {
      const { location, message } = where(pointer);
      if (untyped(pointer))
        out.push({
          severity: "patch",
          kind: "unclassified-change",
          location,
          message: "changed (no rule classifies it: check whether it matters)",
        });
      else out.push({ severity: "breaking", kind: "webhook-changed", location, message });
    }
  };
  // A body or response given by `$ref` (a component): what it names, likewise, listed there once
  // however many webhooks name it.
  const named = new Set<string>();
  const byRef = (x: unknown, y: unknown, mediaSchema = NAMED_MEDIA_SCHEMA) => {
    const [rx, ry] = [resolveOld.deref(x), resolveNew.deref(y)];
    samePlace(x, y, rx, ry);
    const ref = ry.ref ?? rx.ref;
    const pair = `${refKey(rx.ref) ?? rx.ref}\u0000${refKey(ry.ref) ?? ry.ref}`;
    if (ref === undefined || named.has(pair)) return;
    named.add(pair);
    changed(rx.node, ry.node, mediaSchema, (pointer) => ({
      location: `${ref}${pointer.slice(1)}`,
      message: "changed, in what a webhook names by $ref: its generated types change (taken as breaking)",
    }));
  };
  // Parameters given by `$ref`, paired by where and what they are named once resolved.
  const parametersByRef = (listA: unknown, listB: unknown) => {
    const keyed = (list: unknown, resolve: Resolver) =>
      new Map(
        asArray(list).flatMap((raw) => {
          const p = resolve.deref(raw).node;
          return isObject(p) ? [[parameterKey(p), raw] as const] : [];
        }),
      );
    const [a, b] = [keyed(listA, resolveOld), keyed(listB, resolveNew)];
    for (const [key, raw] of a) if (b.has(key)) byRef(raw, b.get(key), NOTHING);
    // One that names the same component in both, whatever its name or place now.
    const refs = (list: unknown) =>
      asArray(list).flatMap((p) => (isObject(p) && typeof p.$ref === "string" ? [[p, p.$ref] as const] : []));
    for (const [x, refX] of refs(listA))
      for (const [y, refY] of refs(listB)) if (sameRefs(refX, refY)) byRef(x, y, NOTHING);
  };
  for (const name of Object.keys(was)) {
    if (!Object.hasOwn(is, name)) continue;
    const [itemA, itemB] = [resolveOld.deref(was[name]).node, resolveNew.deref(is[name]).node];
    if (!isObject(itemA) || !isObject(itemB)) continue;
    parametersByRef(itemA.parameters, itemB.parameters);
    // Anything else of it that changed (a method, a parameter, a body made required or removed, a
    // status, a media type, a header): the webhook's generated types change in ways no rule
    // here weighs, so each is taken as breaking. Schemas are compared below; docs are not counted.
    const hook = `#/webhooks/${escapePointer(name)}`;
    changed(itemA, itemB, WEBHOOK_MEDIA_SCHEMA, (pointer) => ({
      location: `${hook}${pointer.slice(1)}`,
      message: "changed: the webhook's generated types change (taken as breaking)",
    }));
    for (const method of Object.keys(itemA)) {
      const [a, b] = [itemA[method], itemB[method]];
      if (!isObject(a) || !isObject(b) || !Object.hasOwn(itemB, method)) continue;
      parametersByRef(a.parameters, b.parameters);
      if (a.requestBody !== undefined && b.requestBody !== undefined) byRef(a.requestBody, b.requestBody);
      const at = `webhook ${name} ${method.toUpperCase()}`;
      const [bodyA, bodyB] = [media(a.requestBody, resolveOld), media(b.requestBody, resolveNew)];
      for (const type of Object.keys(bodyA))
        if (Object.hasOwn(bodyB, type))
          schemas.add(schemaOf(bodyA[type]), schemaOf(bodyB[type]), "response", `${at} › request`);
      const [respA, respB] = [a.responses, b.responses].map((r) => (isObject(r) ? r : {})) as [
        JsonObject,
        JsonObject,
      ];
      for (const code of Object.keys(respA)) {
        if (!Object.hasOwn(respB, code)) continue;
        byRef(respA[code], respB[code]);
        const [x, y] = [media(respA[code], resolveOld), media(respB[code], resolveNew)];
        for (const type of Object.keys(x))
          if (Object.hasOwn(y, type))
            schemas.add(schemaOf(x[type]), schemaOf(y[type]), "request", `${at} › response ${code}`);
      }
    }
  }
  return out;
}

/**
 * Compares the path items, responses, request bodies, parameters and headers of `components` that
 * no operation or webhook used (none read them through a `$ref`): each is a type of the generated
 * package all the same. A path item's operations are compared as the document's are. A response's
 * headers and media types, and a request body's media types, follow an operation's rules; the
 * schemas they carry, and those of parameters and headers, are compared both ways, as the
 * unreached component schemas are.
 */
function unusedComponents(
  oldDoc: JsonObject,
  newDoc: JsonObject,
  resolveOld: Resolver,
  resolveNew: Resolver,
  operations: OperationDiff,
): void {
  const section = (doc: JsonObject, kind: string): JsonObject =>
    isObject(doc.components) && isObject(doc.components[kind]) ? doc.components[kind] : {};
  const sameRef = (x: unknown, y: unknown) =>
    isObject(x) &&
    isObject(y) &&
    typeof x.$ref === "string" &&
    typeof y.$ref === "string" &&
    sameRefs(x.$ref, y.$ref);
  // Each entry both versions have that is not used whole (a `$ref` to it followed) in both, with
  // where it is. One that is a `$ref` to the same place in both is what it names, compared there.
  const unused = function* (kind: string) {
    const [was, is] = [section(oldDoc, kind), section(newDoc, kind)];
    for (const name of Object.keys(was)) {
      if (!Object.hasOwn(is, name)) continue;
      const used = (resolve: Resolver) => resolve.targeted("components", kind, name);
      const usedInBoth = used(resolveOld) && used(resolveNew);
      const done =
        kind === "responses" || kind === "requestBodies"
          ? operations.paired.has(JSON.stringify(["components", kind, name]))
          : usedInBoth;
      if (done || sameRef(was[name], is[name])) continue;
      yield {
        // Used in both versions, elsewhere in each: compared as what it is used as. Else both ways.
        directions: usedInBoth ? (kind === "responses" ? RESPONSE : REQUEST) : BOTH_WAYS,
        at: `components › ${kind} › ${name}`,
        a: resolveOld.deref(was[name]).node,
        b: resolveNew.deref(is[name]).node,
        name,
        was,
        is,
      };
    }
  };
  // Path items first: a response or body one of them uses is compared there, as an operation's.
  for (const { at, a, b, name, was, is } of unused("pathItems")) {
    const ops = (section: JsonObject, resolve: Resolver) =>
      new Map(
        [...collectOperations({ paths: { [name]: section[name] } }, resolve).values()].map((op) => {
          const id = `${at} › ${op.method.toUpperCase()}`;
          return [id, { ...op, id }];
        }),
      );
    operations.itemParameters(at, a, b);
    // No request is sent through a path item nothing uses: its security is not weighed.
    operations.runAll(matchOperations(ops(was, resolveOld), ops(is, resolveNew)), false);
  }
  for (const { at, a, b, directions } of unused("responses")) operations.response(at, a, b, directions);
  for (const { at, a, b, directions } of unused("requestBodies")) operations.bodyMedia(at, a, b, directions);
  for (const kind of ["parameters", "headers"])
    for (const { at, a, b } of unused(kind))
      if (isObject(a) && isObject(b)) operations.schemasBothWays(parameterSchema(a), parameterSchema(b), at);
}

/**
 * Discriminators whose values changed: a branch's value is the literal type of the discriminating
 * property in its generated type (`kind: "cat"`, or its schema's name where no mapping names it),
 * wherever the branch is used. A discriminator added or removed changes them all; a branch added
 * or removed is compared where the union is used.
 */
function discriminatorChanges(oldSpec: JsonObject, newSpec: JsonObject): SpecChange[] {
  const [was, is] = [discriminators(oldSpec), discriminators(newSpec)];
  const out: SpecChange[] = [];
  const schemasNow =
    isObject(newSpec.components) && isObject(newSpec.components.schemas) ? newSpec.components.schemas : {};
  const stillThere = (ref: string) => {
    const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
    return name === undefined || Object.hasOwn(schemasNow, unescapePointer(name));
  };
  const change = (pointer: string, message: string) =>
    out.push({ severity: "breaking", kind: "discriminator-changed", location: pointer, message });
  for (const [pointer, a] of was) {
    const b = is.get(pointer);
    if (b === undefined)
      change(pointer, "discriminator removed: its branches' values are typed as text again");
    else if (a.propertyName !== b.propertyName)
      change(pointer, `discriminating property changed from ${a.propertyName} to ${b.propertyName}`);
    else {
      for (const [target, values] of a.values) {
        const now = b.values.get(target);
        if (now !== undefined && now !== values)
          change(pointer, `the branch ${target} is now told by ${now}, not ${values}`);
      }
      // A value that names no branch now, or another one (a branch moved to a twin component).
      const [byValueA, byValueB] = [targetsByValue(a.values), targetsByValue(b.values)];
      for (const [value, target] of byValueA) {
        const now = byValueB.get(value);
        // (A branch renamed with its component is that component's own change: removed.)
        if (!stillThere(target)) continue;
        if (now === undefined) change(pointer, `the value ${value} no longer names a branch`);
        else if (now !== target) change(pointer, `the value ${value} now names ${now}, not ${target}`);
      }
    }
  }
  for (const pointer of is.keys())
    if (!was.has(pointer)) change(pointer, "discriminator added: its branches' values become literal types");
  return out;
}

/** Each discriminating value, with the branch it names. */
function targetsByValue(values: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [target, told] of values) for (const value of told.split(" or ")) out.set(value, target);
  return out;
}

/**
 * Every `discriminator` of a document, by JSON pointer: its property, and each branch's values (by
 * the branch's `$ref`: those its mapping gives it, else the name of its schema).
 */
function discriminators(doc: JsonObject): Map<string, { propertyName: string; values: Map<string, string> }> {
  const found = new Map<string, { propertyName: string; values: Map<string, string> }>();
  const asRef = (target: string) => (target.startsWith("#") ? target : `#/components/schemas/${target}`);
  const componentSchemas =
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  // The components that extend each component by allOf, by the `$ref` they extend.
  const children = new Map<string, string[]>();
  for (const [name, schema] of Object.entries(componentSchemas))
    if (isObject(schema) && Array.isArray(schema.allOf))
      for (const member of schema.allOf)
        if (isObject(member) && typeof member.$ref === "string")
          children.set(member.$ref, [
            ...(children.get(member.$ref) ?? []),
            `#/components/schemas/${escapePointer(name)}`,
          ]);
  // Each object once (YAML aliases share them), at the first place found.
  const walked = new Set<object>();
  // The keys on the way, made into a pointer only where a discriminator is found.
  const path: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (typeof value !== "object" || value === null || walked.has(value) || depth > 2000) return;
    walked.add(value);
    const holder = value as JsonObject;
    const d = holder.discriminator;
    if (isObject(d) && typeof d.propertyName === "string") {
      const pointer = `#${path.map((k) => `/${escapePointer(k)}`).join("")}`;
      const named = new Map<string, string[]>();
      for (const [v, target] of Object.entries(isObject(d.mapping) ? d.mapping : {}))
        if (typeof target === "string") named.set(asRef(target), [...(named.get(asRef(target)) ?? []), v]);
      // Its branches: those of its union, or (a component) the components that extend it by allOf.
      const refs = [holder.oneOf, holder.anyOf]
        .flatMap((b) => (Array.isArray(b) ? b : []))
        .map((b) => (isObject(b) && typeof b.$ref === "string" ? b.$ref : undefined));
      append(refs, children.get(pointer) ?? []);
      for (const ref of refs)
        if (ref !== undefined && !named.has(ref)) named.set(ref, [ref.split("/").pop() as string]);
      found.set(`${pointer}/discriminator`, {
        propertyName: d.propertyName,
        values: new Map([...named].map(([ref, vs]) => [ref, vs.sort().join(" or ")])),
      });
    }
    for (const key in value) {
      // Examples and extensions hold data, not schemas.
      if (!Object.hasOwn(value, key) || key === "example" || key === "examples" || key.startsWith("x-"))
        continue;
      path.push(key);
      walk(holder[key], depth + 1);
      path.pop();
    }
  };
  // The components first: a discriminator they share with an operation (a YAML alias) is found
  // at its component in both versions, wherever the document puts it first.
  path.push("components");
  walk(doc.components, 1);
  path.pop();
  walk(doc, 0);
  return found;
}

/**
 * Queues the component schemas no operation reaches (in both versions), compared both ways: each
 * is a type of the generated package all the same, which code may send or read. A change is then
 * reported at the component (`components › schemas › Name`), with the severity of either
 * direction (a field now required breaks what sends it; one removed, what reads it).
 */
function unreachedSchemas(
  oldDoc: JsonObject,
  newDoc: JsonObject,
  schemas: SchemaComparer,
  [resolveOld, resolveNew]: [Resolver, Resolver],
): void {
  const section = (doc: JsonObject): JsonObject =>
    isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const [was, is] = [section(oldDoc), section(newDoc)];
  const both = Object.keys(was).filter((name) => Object.hasOwn(is, name));
  const queue = (names: string[]) => {
    for (const name of names)
      for (const direction of ["request", "response"] as const)
        schemas.add(was[name], is[name], direction, `components › schemas › ${name}`, true);
  };
  // A component a use site reaches in both versions is compared there.
  queue(
    both.filter((name) => {
      const [a, b] = [was[name], is[name]];
      return isObject(a) && isObject(b) && !schemas.reaches(a, b);
    }),
  );
  // A boolean schema (`true` is `unknown` in the types, `false` is `never`), or one that becomes or
  // was one, has no identity to be found by: it is compared there when a `$ref` to it was followed
  // in both versions (by a use site, or by an unreached component queued above).
  schemas.discover();
  const used = (name: string) =>
    resolveOld.targeted("components", "schemas", name) && resolveNew.targeted("components", "schemas", name);
  queue(
    both.filter((name) => {
      const [a, b] = [was[name], is[name]];
      return !(isObject(a) && isObject(b)) && a !== b && !used(name);
    }),
  );
}

/** Keywords that only document a schema: the generated types hold them as comments, if at all. */
const SCHEMA_DOCS = new Set([...DOCUMENTATION_KEYWORDS, "$comment", "deprecated"]);

/**
 * A schema without its documentation, as the generated types see it: two responses whose schemas
 * differ only in descriptions or examples give one body type. Shared parts stay shared (a cycle
 * stays a cycle, which has no JSON).
 */
function withoutDocs(schema: unknown, memo = new Map<object, unknown>()): unknown {
  if (Array.isArray(schema)) return schema.map((s) => withoutDocs(s, memo));
  if (!isObject(schema)) return schema;
  const known = memo.get(schema);
  if (known !== undefined) return known;
  const out: JsonObject = {};
  memo.set(schema, out);
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_DOCS.has(key)) continue;
    if (DATA_KEYWORDS.has(key) || key.startsWith("x-")) out[key] = value;
    else if (NAME_MAPS.has(key) && isObject(value))
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, withoutDocs(s, memo)]));
    else out[key] = withoutDocs(value, memo);
  }
  return out;
}

/** `doc` as plain data (shared and circular parts kept), or as it is when it cannot be copied. */
function plainCopy(doc: JsonObject): JsonObject {
  try {
    return structuredClone(doc);
  } catch {
    return doc;
  }
}

/**
 * How openapi-fetch types a response of this status: `data` for a success (2xx), `error` for an
 * error (4xx, 5xx, `default`), neither for the others.
 */
function statusClass(code: string): "success" | "error" | "other" {
  if (/^2(\d\d|XX)$/i.test(code)) return "success";
  return /^[45](\d\d|XX)$/i.test(code) || code === "default" ? "error" : "other";
}

/**
 * Webhooks added or removed: each is a member of the generated `webhooks` type, which code handling
 * it imports. A change inside one is listed (not compared: what it sends is what a handler reads).
 */
function webhookChanges(oldDoc: JsonObject, newDoc: JsonObject): SpecChange[] {
  const [was, is] = [oldDoc, newDoc].map((doc) => (isObject(doc.webhooks) ? doc.webhooks : {})) as [
    JsonObject,
    JsonObject,
  ];
  return [
    ...lacking(was, is).map((name) => ({
      severity: "breaking" as const,
      kind: "webhook-removed",
      location: `webhooks › ${name}`,
      message: "removed: its generated type is gone",
    })),
    ...lacking(is, was).map((name) => ({
      severity: "addition" as const,
      kind: "webhook-added",
      location: `webhooks › ${name}`,
      message: "added",
    })),
  ];
}

/**
 * Names added to or removed from the components the generated types name (a schema removed or
 * renamed takes its type away), and any change to how requests authenticate (the security schemes
 * and the document's security requirement: a request sent the old way is refused).
 */
function componentChanges(oldDoc: JsonObject, newDoc: JsonObject): SpecChange[] {
  const out: SpecChange[] = [];
  const section = (doc: JsonObject, kind: string): JsonObject => {
    const components = isObject(doc.components) ? doc.components : {};
    return isObject(components[kind]) ? components[kind] : {};
  };
  const change = (severity: Severity, kind: string, location: string, message: string) =>
    out.push({ severity, kind, location, message });
  for (const kind of TYPED_COMPONENTS) {
    const [a, b] = [section(oldDoc, kind), section(newDoc, kind)];
    for (const name of lacking(a, b))
      change(
        "breaking",
        "component-removed",
        `components › ${kind} › ${name}`,
        "removed (or renamed): its generated type is gone",
      );
    for (const name of lacking(b, a))
      change("addition", "component-added", `components › ${kind} › ${name}`, "added");
  }
  const [was, is] = [section(oldDoc, "securitySchemes"), section(newDoc, "securitySchemes")];
  const scheme = (name: string) => `components › securitySchemes › ${name}`;
  for (const name of lacking(was, is)) change("breaking", "security-changed", scheme(name), "removed");
  for (const name of lacking(is, was)) change("addition", "security-scheme-added", scheme(name), "added");
  for (const name of Object.keys(was))
    if (Object.hasOwn(is, name) && schemeMeaning(was[name]) !== schemeMeaning(is[name]))
      change("breaking", "security-changed", scheme(name), "how requests authenticate changed");
  out.push(...securityChanges(oldDoc.security, newDoc.security, "security"));
  return out;
}

/** A local `$ref` as the keys it names (decoded), so two spellings of one are one; undefined for any other value. */
function refKey(ref: unknown): string | undefined {
  return typeof ref === "string" && ref.startsWith("#") ? JSON.stringify(pointerKeys(ref)) : undefined;
}

/** Whether two `$ref` strings name one place (local ones compared by their decoded keys). */
function sameRefs(x: string, y: string): boolean {
  return (refKey(x) ?? x) === (refKey(y) ?? y);
}

/** Appends `items` to `list` one by one: a spread of hundreds of thousands of changes overflows the stack. */
function append<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}

/** The names (own keys) of `a` that `b` lacks. */
function lacking(a: JsonObject, b: JsonObject): string[] {
  return Object.keys(a).filter((name) => !Object.hasOwn(b, name));
}

/** A security scheme as requests see it (its description and extensions aside). */
function schemeMeaning(scheme: unknown): string {
  return isObject(scheme)
    ? canonicalJson(
        Object.fromEntries(
          Object.entries(scheme).filter(([k]) => k !== "description" && !k.startsWith("x-")),
        ),
      )
    : canonicalJson(scheme);
}

/**
 * Changes between two security requirements (lists of alternatives, each a map of scheme to
 * scopes): an alternative gone breaks the requests that used it; one added is an addition. Order,
 * of the alternatives or of their scopes, means nothing.
 */
function securityChanges(before: unknown, after: unknown, location: string): SpecChange[] {
  const alternatives = (requirement: unknown): Set<string> =>
    new Set(
      (Array.isArray(requirement) ? requirement : []).map((alternative) =>
        canonicalJson(
          isObject(alternative)
            ? Object.fromEntries(
                Object.entries(alternative).map(([k, v]) => [
                  k,
                  Array.isArray(v) ? [...v].map(String).sort() : v,
                ]),
              )
            : alternative,
        ),
      ),
    );
  const [was, is] = [alternatives(before), alternatives(after)];
  const out: SpecChange[] = [];
  for (const alternative of was)
    if (!is.has(alternative))
      out.push({
        severity: "breaking",
        kind: "security-changed",
        location,
        message: `no longer authenticates with ${alternative}`,
      });
  for (const alternative of is)
    if (!was.has(alternative))
      out.push({
        severity: "addition",
        kind: "security-alternative-added",
        location,
        message: `may now also authenticate with ${alternative}`,
      });
  return out;
}

/** A readable report of a diff (also the text of the changeset). */
export function formatReport(diff: SpecDiff, title = "Spec changes"): string {
  const lines = [`${title}: ${diff.bump === "none" ? "no changes" : `${diff.bump} bump`}`];
  const groups: [Severity, string][] = [
    ["breaking", "Breaking"],
    ["addition", "Additions"],
    ["patch", "Other"],
  ];
  for (const [severity, heading] of groups) {
    const list = diff.changes.filter((c) => c.severity === severity);
    if (list.length === 0) continue;
    lines.push("", `${heading} (${list.length}):`);
    const shown = severity === "patch" ? list.slice(0, 20) : list;
    for (const c of shown) lines.push(`- ${c.location}: ${c.message}`);
    if (shown.length < list.length) lines.push(`- … and ${list.length - shown.length} more`);
  }
  return lines.join("\n");
}
