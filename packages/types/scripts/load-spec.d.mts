// Types of load-spec.mjs, for spec-tools and the tests that import it.

/** The parsed document at `specPath` (YAML or JSON, read as the type generator reads it). */
export declare function loadSpec(specPath: string): unknown;
