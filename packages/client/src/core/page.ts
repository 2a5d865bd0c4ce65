/** What is known about a page of a list (fields the API does not report are undefined). */
export interface PageMeta {
  /** Records matching the query, across all pages. */
  recordCount: number | undefined;
  /** Pages of this size. */
  pageCount: number | undefined;
  /** This page's number (0-based for LettrLabs, 1-based for Commerce Layer, as each API counts). */
  pageNumber: number | undefined;
  /** Requested page size. */
  pageSize: number | undefined;
}

/**
 * One page of a list, the same shape for both clients: a plain array of the items (iterate it,
 * spread it, `JSON.stringify` it) with a non-enumerable `meta`. `iterate()` walks every page.
 */
export type Page<T> = T[] & { readonly meta: PageMeta };

/** Attaches `meta` (non-enumerable) to a list of items. */
export function toPage<T>(items: T[], meta: Partial<PageMeta>): Page<T> {
  Object.defineProperty(items, "meta", {
    value: {
      recordCount: meta.recordCount,
      pageCount: meta.pageCount,
      pageNumber: meta.pageNumber,
      pageSize: meta.pageSize,
    } satisfies PageMeta,
    enumerable: false,
  });
  return items as Page<T>;
}
