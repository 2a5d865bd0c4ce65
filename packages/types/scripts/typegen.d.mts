// Types of typegen.mjs, for the tests that import it.
import type { OpenAPITSOptions } from "openapi-typescript";

/** The openapi-typescript options every spec is generated with. */
export declare const OPTIONS: Readonly<OpenAPITSOptions>;

/** The TypeScript source (without our header) for the spec at `specPath`. */
export declare function typegen(specPath: string): Promise<string>;

/** True when the parsed document has the plain shape the fast path handles exactly. */
export declare function fastPathFits(doc: unknown): boolean;
