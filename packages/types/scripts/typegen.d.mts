// Types of typegen.mjs, for the tests that import it.
import type { OpenAPITSOptions } from "openapi-typescript";

/** The openapi-typescript options every spec is generated with. */
export declare const OPTIONS: Readonly<OpenAPITSOptions>;

/** The TypeScript source (without our header) for the spec at `specPath`. */
export declare function typegen(specPath: string): Promise<string>;

/** The checks openapiTS() makes before it transforms; `external` when a `$ref` points into another document. */
export declare function checkDocument(doc: unknown, name?: string): { external: boolean };
