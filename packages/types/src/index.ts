/**
 * Types generated from orderkit's OpenAPI specs. Each API is a namespace here and a subpath
 * export of its own (`@orderkit/types/lettrlabs`, `@orderkit/types/commercelayer`).
 */
export type * as CommerceLayer from "./commercelayer.js";
export type * as LettrLabs from "./lettrlabs.js";
