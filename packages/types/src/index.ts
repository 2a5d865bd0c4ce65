/**
 * Types generated from orderkit's OpenAPI specs. Each API is a namespace here and a subpath
 * export of its own (`@orderkit/types/lettrlabs`).
 */
export type * as LettrLabs from "./lettrlabs.js";
