/** One API of the repository, from spec/<name>/openapi.yaml. */
export interface ApiEntry {
  /** The directory name under spec/, e.g. `lettrlabs`. */
  name: string;
  /** Absolute path of its OpenAPI document. */
  spec: string;
  /** The document's info.title. */
  title: string;
}
/** Every API of the repository, sorted by name. */
export function listApis(root?: string): ApiEntry[];
/** The spec path of one API; throws when the repository has no such API. */
export function specOf(name: string, root?: string): string;
